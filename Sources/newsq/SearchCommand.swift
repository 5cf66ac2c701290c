import ArgumentParser
import Foundation
import NewsqKit

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index; the best articles come first.",
        discussion: """
            Words must all match. "quoted phrases" match words together; OR between two words \
            matches either; -word leaves out articles with the word; word* matches a prefix; \
            title:, topic: and provider: limit a word to a field; parentheses group.
            Hits are ranked by relevance × recency × quality (see --explain and the README).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(parsing: .allUnrecognized, help: "The query: words, \"phrases\", OR, -exclusions.")
    var query: [String]

    @OptionGroup var database: DatabaseOption

    @OptionGroup(title: "Filters and ranking") var refine: SearchFilterOptions

    @Option(help: "How many hits to show.")
    var limit = 10

    @Option(help: "How many hits to skip (for paging).")
    var offset = 0

    @Option(help: "Output format: text for people, json for scripts.")
    var format: Format = .text

    @Flag(help: "Show how each hit's score is made.")
    var explain = false

    @Option(help: ArgumentHelp("Measure ages from this date (ISO 8601) instead of now.", valueName: "date"))
    var now: String?

    func validate() throws {
        guard limit >= 1, limit <= 10_000 else { throw ValidationError("--limit must be between 1 and 10000.") }
        guard offset >= 0 else { throw ValidationError("--offset must be 0 or more.") }
        if let now, ISO8601DateParser.parse(now) == nil {
            throw ValidationError("--now must be an ISO 8601 date such as 2026-11-28 or 2026-11-28T12:00:00Z; got \(now).")
        }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let searchQuery = try SearchQuery(text, analyzer: try Analyzer())
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let instant = now.flatMap(ISO8601DateParser.parse) ?? Date()
        let ranking = RankingFormula(parameters: try refine.parameters(base: RankingParameters()), now: instant)
        let request = SearchRequest(query: searchQuery, limit: limit, offset: offset, ranking: ranking, explain: explain,
                                    filters: try refine.filters(now: instant), sort: refine.sort, relax: !refine.strict)
        let results = try SearchEngine(database: archive).search(request)
        switch format {
        case .text:
            print(TerminalRenderer(style: .detect()).render(results), terminator: "")
        case .json:
            print(String(decoding: try SearchResultsJSON.encode(results), as: UTF8.self))
        }
    }
}
