import ArgumentParser
import Foundation
import NewsqKit

struct ExportCommand: QueryWordsCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every article, or those a query matches, with all stored fields.",
        discussion: """
            ndjson: one JSON object per article and line. es-bulk: an Elasticsearch/OpenSearch \
            _bulk request body (an action line with an _id derived from the URL, then the article). \
            --es-mapping prints the index settings and mapping (ICU analysis plugin) and a search \
            template that ranks as newsq does. Articles come in id order.
            A word starting with -- must be an option of this command (a mistyped one is an \
            error); a query word that really starts with -- goes after a lone --.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ndjson
        case esBulk = "es-bulk"

        var articleFormat: ArticleExportFormat { self == .ndjson ? .ndjson : .esBulk }
    }

    @Argument(help: "Export only the articles this query matches.")
    var query: [String] = []

    var markedQueryWords: [String] { query }

    @OptionGroup var database: DatabaseOption

    @Option(help: "Output format: ndjson or es-bulk.")
    var format: Format = .ndjson

    @Option(name: .customLong("es-index"), help: "The index named in es-bulk action lines.")
    var esIndex = "newsq"

    @Flag(name: .customLong("es-mapping"), help: "Print the Elasticsearch/OpenSearch index mapping and search template instead.")
    var esMapping = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if esMapping, !query.isEmpty { throw ValidationError("--es-mapping takes no query.") }
        guard !esIndex.isEmpty, esIndex == esIndex.lowercased(), !esIndex.contains(where: { " \"*\\<|,>/?#:".contains($0) })
        else {
            throw ValidationError("--es-index must be a lowercase Elasticsearch index name without spaces or \\/*?\"<>|,#:.")
        }
    }

    func run() throws {
        if esMapping {
            let sink = try output.open(protectingIndex: database.path)
            try sink.write(try ElasticsearchMapping.document())
            try sink.finish()
            return
        }
        let searchQuery =
            query.isEmpty
            ? nil : try SearchQuery(SingleDashWords.unmarked(query).joined(separator: " "), analyzer: try Analyzer())
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let sink = try output.open(protectingIndex: database.path)
        var documentIDs = Set<String>()
        var sharedIDs = 0
        let count = try ArticleStore(database: archive).forEach(matching: searchQuery) { article in
            if format == .esBulk, !documentIDs.insert(ElasticsearchBulkWriter.documentID(for: article)).inserted {
                sharedIDs += 1
            }
            try sink.write(try format.articleFormat.lines(for: article, index: esIndex))
        }
        try sink.finish()
        if let path = output.output { printError("Exported \(Plural.count(count, "article")) to \(path)") }
        if sharedIDs > 0 {
            printError(
                "Note: \(Plural.count(sharedIDs, "article shares", "articles share")) a URL with an earlier one; each URL is one document in the cluster (the later article wins)."
            )
        }
    }
}
