import ArgumentParser
import NewsqKit

/// `--synonyms FILE`: groups of words that a query word widens to.
struct SynonymOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A file of synonym groups, one a line (AI, artificial intelligence, 人工智能); default synonyms.txt beside the configuration file, when it exists.",
            valueName: "file"))
    var synonyms: String?

    /// The groups of the file given, else of the default file when there is one.
    func table(analyzer: Analyzer) throws -> SynonymTable {
        try SynonymTable.load(path: synonyms ?? SynonymTable.defaultPath(), required: synonyms != nil, analyzer: analyzer)
    }
}
