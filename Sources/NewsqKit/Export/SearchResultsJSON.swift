import Foundation

/// The JSON form of a search, schema version 1:
///
/// ```json
/// {"version": 1, "query": "...", "total": 12, "offset": 0,
///  "hits": [{"id": "2021/06/30-shenzhen-ai", "rank": 1, "score": 4.2, "title": "...",
///            "url": "...", "published": "2021-06-30T13:04:00Z", "provider": "...",
///            "topics": ["AI"], "quality": 59, "type": "article", "language": "en",
///            "snippet": "... <mark>AI</mark> ...", "explanation": {...}}]}
/// ```
///
/// `"totalIsEstimate": true` says that `total` is an estimate (a large result whose page was
/// settled early, see the README); it is left out when the total is exact.
/// `relaxedTotal` counts the articles that match only some of the words (each such hit has
/// `"relaxed": true`, ranks after every full match and scores below it: `RelaxedScorePlacement`).
/// `filteredOut` is there when filters left nothing of what the query matches:
/// `{"filters": ["provider"], "together": false, "totalWithoutFilters": 14}` names the filters
/// (as a batch line's keys) that each leave nothing, or, with `"together": true`, all of them,
/// which leave nothing only together (see `FilteredOut`).
/// Matched words in `title` and `snippet` are wrapped in `<mark>`…`</mark>`; the text around
/// them is not HTML-escaped. Fields without a value are left out; `explanation` only with `--explain`.
///
/// Version 1 only ever gains fields, so a reader of version 1 keeps working: `qid` (with
/// `--qid` or in a batch) and `timeline` (with `--timeline`: `{"by": "month", "periods":
/// [{"period": "2024-03", "start": "2024-03-01", "count": 4}], "undated": 0}`; with `--share`
/// a period also has `articles` and `share`, with `--compare` the timeline has `series: [{"query":
/// "...", "counts": [4], "undated": 0}]`), and `facets`
/// (with `--facets`: `{"provider": {"values": [{"value": "Reuters", "count": 31}],
/// "moreValues": 4, "missing": 0}}`, counted over every article matching every word), and
/// `synonyms` (when the query's words were widened to their synonym groups: `[{"written": "AI",
/// "forms": ["AI", "artificial intelligence", "人工智能"]}]`), and `didYouMean` (when a Latin-script
/// word matched nothing: the query with it spelled as the archive spells it). `newsq batch` writes `{"version": 1, "searches": [...]}`, one
/// document of this shape per search.
public enum SearchResultsJSON {
    public static let schemaVersion = 1

    struct Document: Encodable {
        let version: Int
        let qid: String?
        let query: String
        let total: Int
        let totalIsEstimate: Bool?
        let relaxedTotal: Int
        let offset: Int
        let hits: [Hit]
        let timeline: TimelineJSON?
        let filteredOut: FilteredOutJSON?
        let facets: [String: FacetJSON]?
        let synonyms: [SynonymExpansion]?
        let didYouMean: String?
    }

    struct FacetJSON: Encodable {
        struct Value: Encodable {
            let value: String
            let count: Int
        }
        let values: [Value]
        let moreValues: Int
        let missing: Int

        init(_ facet: Facet) {
            values = facet.values.map { Value(value: $0.value, count: $0.count) }
            moreValues = facet.moreValues
            missing = facet.missing
        }
    }

    struct FilteredOutJSON: Encodable {
        let filters: [String]
        let together: Bool
        let totalWithoutFilters: Int

        init(_ filteredOut: FilteredOut) {
            filters = filteredOut.filters.map(\.name)
            together = filteredOut.together
            totalWithoutFilters = filteredOut.totalWithoutFilters
        }
    }

    /// With `--compare` or `--share`, `periods` keep the main query's counts (so a reader of
    /// one timeline still reads it) and gain `articles` and `share` with `--share`; `series`
    /// has every query's counts (and shares), aligned with `periods`.
    struct TimelineJSON: Encodable {
        struct Period: Encodable {
            let period: String
            let start: String
            let count: Int
            let articles: Int?
            let share: Double?
        }
        struct Series: Encodable {
            let query: String
            let counts: [Int]
            let share: [Double?]?
            let undated: Int
        }
        let by: TimelineGranularity
        let periods: [Period]
        let undated: Int
        let series: [Series]?

        init(_ timeline: Timeline) {
            by = timeline.granularity
            periods = timeline.periods.map {
                Period(period: $0.label, start: $0.start, count: $0.count, articles: nil, share: nil)
            }
            undated = timeline.undated
            series = nil
        }

        init(_ comparison: TimelineComparison) {
            let main = comparison.series[0]
            let shares = comparison.shares(of: main)
            by = comparison.granularity
            periods = main.timeline.periods.enumerated().map { index, period in
                Period(
                    period: period.label, start: period.start, count: period.count,
                    articles: comparison.articles?.periods[index].count, share: shares[index])
            }
            undated = main.timeline.undated
            series =
                comparison.series.count > 1
                ? comparison.series.map {
                    Series(
                        query: $0.query, counts: $0.timeline.periods.map(\.count),
                        share: comparison.articles == nil ? nil : comparison.shares(of: $0), undated: $0.timeline.undated)
                } : nil
        }
    }

    struct Hit: Encodable {
        let id: String
        let rank: Int
        let score: Double
        let title: String
        let url: String?
        let published: String?
        let provider: String?
        let topics: [String]
        let quality: Int?
        let type: String?
        let language: String
        let snippet: String
        let explanation: ScoreExplanation?
        let relaxed: Bool
        /// Only in JSON Lines, where each hit stands alone.
        var qid: String?
        var query: String?

        init(_ hit: SearchHit) {
            relaxed = hit.isRelaxed
            id = hit.id
            rank = hit.rank
            score = (hit.score * 1_000_000).rounded() / 1_000_000
            title = hit.title.marked(open: "<mark>", close: "</mark>")
            url = hit.url
            published = hit.published.map(Self.iso8601)
            provider = hit.provider
            topics = hit.topics
            quality = hit.quality
            type = hit.type
            language = hit.language
            snippet = hit.snippet.marked(open: "<mark>", close: "</mark>")
            explanation = hit.explanation
        }

        static func iso8601(_ date: Date) -> String {
            GregorianDateText.timestamp(date)
        }
    }

    /// Encodes `results` as one JSON document (pretty-printed when `pretty`).
    public static func encode(
        _ results: SearchResults, qid: String? = nil, timeline: Timeline? = nil,
        comparison: TimelineComparison? = nil, pretty: Bool = true
    ) throws -> Data {
        let document = Document(
            version: schemaVersion, qid: qid, query: results.query, total: results.total,
            totalIsEstimate: results.totalIsEstimate ? true : nil, relaxedTotal: results.relaxedTotal, offset: results.offset,
            hits: results.hits.map(Hit.init),
            timeline: comparison.map(TimelineJSON.init) ?? timeline.map(TimelineJSON.init),
            filteredOut: results.filteredOut.map(FilteredOutJSON.init),
            facets: results.facets.map { facets in
                Dictionary(uniqueKeysWithValues: facets.map { ($0.field.rawValue, FacetJSON($0)) })
            }, synonyms: results.synonyms.isEmpty ? nil : results.synonyms, didYouMean: results.didYouMean)
        return try encoder(pretty: pretty).encode(document)
    }

    /// Keys sorted so that output is stable byte for byte; slashes in URLs left alone.
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
