import ArgumentParser
import NewsqKit

struct ShowCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one article's stored fields.",
        discussion: "The id is the one search results show: the path relative to the corpus, without extension.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "The article id, such as 2021/06/30-shenzhen-ai-regulation.")
    var id: String

    @OptionGroup var database: DatabaseOption

    @Option(help: "Output format: text or json (the fields of `newsq export --format ndjson`).")
    var format: Format = .text

    func run() throws {
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let article = try ArticleStore(database: archive).article(named: id)
        switch format {
        case .text: print(ArticleRenderer(style: .detect()).render(article), terminator: "")
        case .json: print(try ArticleJSON(article).encoded(pretty: true))
        }
    }
}
