import Foundation
import NewsqKit

/// A search as a query string gives it: `newsq search`'s options under their long names
/// (`min_quality` for `--min-quality`), read into the same `SearchRequest`, with filters read
/// by the same `WrittenFilters`, so a word means the same filter in both.
struct SearchParameters: Sendable {
    /// The parameters `/api/search` and the search page accept.
    static let names = [
        "q", "limit", "offset", "since", "until", "topic", "provider", "type", "lang",
        "min_quality", "sort", "recent", "explain", "strict", "now", "timeline", "by", "facets", "facet_limit",
    ]
    static let limitRange = 1...1000
    static let offsetRange = 0...100_000

    var text: String
    var limit = 10
    var offset = 0
    var written = WrittenFilters()
    var sort = HitOrder.relevance
    var recent = false
    var explain = false
    var strict = false
    var now: Date?
    var timeline = false
    var by = TimelineGranularity.auto
    var facets: [FacetField] = []
    var facetLimit = 10

    init(_ query: QueryString) throws(ServerError) {
        try query.check(known: Self.names)
        text = try query.value("q") ?? ""
        limit = try Self.number(query, "limit", range: Self.limitRange) ?? limit
        offset = try Self.number(query, "offset", range: Self.offsetRange) ?? offset
        written.since = try query.value("since")
        written.until = try query.value("until")
        written.topics = Self.list(query.values("topic"))
        written.providers = Self.list(query.values("provider"))
        written.types = Self.list(query.values("type"))
        written.minimumQuality = try Self.number(query, "min_quality", range: Int.min...Int.max)
        written.language = try Self.choice(query, "lang", Language.self)
        sort = try Self.choice(query, "sort", HitOrder.self) ?? sort
        by = try Self.choice(query, "by", TimelineGranularity.self) ?? by
        recent = try Self.flag(query, "recent")
        explain = try Self.flag(query, "explain")
        strict = try Self.flag(query, "strict")
        timeline = try Self.flag(query, "timeline")
        if let list = try query.value("facets") {
            do {
                facets = try FacetField.list(list)
            } catch {
                switch error {
                case .unknownField(let name):
                    throw .badChoice(parameter: "facets", value: name, choices: FacetField.allCases.map(\.rawValue))
                }
            }
        }
        facetLimit = try Self.number(query, "facet_limit", range: 1...1_000) ?? facetLimit
        if let written = try query.value("now") {
            guard let date = ISO8601DateParser.parse(written) else {
                throw .badChoice(parameter: "now", value: written, choices: ["an ISO 8601 date such as 2026-11-28"])
            }
            now = date
        }
    }

    /// The request `newsq search` would build from the same options.
    func request(parameters: RankingParameters, clock: Date) throws -> SearchRequest {
        let instant = now ?? clock
        let query = try SearchQuery(text, analyzer: try Analyzer())
        let ranking = RankingFormula(parameters: parameters, now: instant)
        return SearchRequest(
            query: query, limit: limit, offset: offset,
            ranking: recent ? RecencySignal.strengthened(ranking) : ranking, explain: explain,
            filters: try written.applied(to: SearchFilters(), now: instant), sort: sort, relax: !strict)
    }

    private static func list(_ values: [String]) -> [String]? { values.isEmpty ? nil : values }

    private static func number(_ query: QueryString, _ name: String, range: ClosedRange<Int>) throws(ServerError) -> Int? {
        guard let text = try query.value(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .badNumber(parameter: name, value: text, range: range)
        }
        return value
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ query: QueryString, _ name: String, _: T.Type)
        throws(ServerError) -> T?
    where T.RawValue == String {
        guard let text = try query.value(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw .badChoice(parameter: name, value: text, choices: T.allCases.map(\.rawValue))
        }
        return value
    }

    private static func flag(_ query: QueryString, _ name: String) throws(ServerError) -> Bool {
        guard let text = try query.value(name) else { return false }
        switch text {
        case "true", "1", "on": return true
        case "false", "0", "off": return false
        default: throw .badChoice(parameter: name, value: text, choices: ["true", "false"])
        }
    }
}
