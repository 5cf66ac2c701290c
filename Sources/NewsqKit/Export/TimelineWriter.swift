import Foundation

/// Writes a `Timeline` in the hit-list formats that can carry one: `text` (a bar chart),
/// `json` (the search document with a `timeline` object), `jsonl` (one object per period),
/// `csv`/`tsv` (`period,start,count` rows, ready for a spreadsheet chart) and `markdown`
/// (a table). A match without a date is one `undated` row (and `undated` in json), so the
/// counts always add up to the query's total. `trec` has no place for it.
public struct TimelineWriter: Sendable {
    public let format: HitListFormat
    public let options: HitListOptions
    public let width: Int

    public init(format: HitListFormat, options: HitListOptions = HitListOptions(), width: Int = 80) throws(ExportError) {
        guard format != .trec else { throw .formatCannotShowTimeline(format: format.rawValue) }
        self.format = format
        self.options = options
        self.width = width
    }

    /// The timeline of `search`; `json` also carries the search's page of hits.
    public func render(_ timeline: Timeline, for search: AnsweredQuery) throws -> String {
        let undatedRow = timeline.undated > 0 ? [("undated", "", timeline.undated)] : []
        let rows = timeline.periods.map { ($0.label, $0.start, $0.count) } + undatedRow
        switch format {
        case .text, .trec:
            return TimelineChart(style: options.style, width: width).render(timeline, query: search.results.query)
        case .json:
            // The timeline counted every full match, so its total is exact where the search's
            // may be an estimate: one document never gives two totals.
            var results = search.results
            results.total = timeline.total + results.relaxedTotal
            results.totalIsEstimate = results.relaxedTotal > 0 && results.totalIsEstimate
            let data = try SearchResultsJSON.encode(results, qid: search.qid, timeline: timeline)
            return String(decoding: data, as: UTF8.self) + "\n"
        case .jsonl:
            struct Line: Encodable {
                let qid: String?
                let query: String
                let by: TimelineGranularity
                let period: String
                let start: String?
                let count: Int
            }
            let encoder = SearchResultsJSON.encoder(pretty: false)
            return try rows.map { row in
                let line = Line(
                    qid: search.qid, query: search.results.query, by: timeline.granularity,
                    period: row.0, start: row.1.isEmpty ? nil : row.1, count: row.2)
                return String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
            }.joined()
        case .csv, .tsv:
            let writer = CSVHitWriter(delimiter: format == .csv ? "," : "\t", byteOrderMark: options.byteOrderMark)
            return (options.byteOrderMark ? "\u{FEFF}" : "") + writer.row(["period", "start", "count"])
                + rows.map { writer.row([$0.0, $0.1, String($0.2)]) }.joined()
        case .markdown:
            var lines = [
                "## " + MarkdownDigestWriter.escaped(MarkdownDigestWriter.oneLine(search.results.query)), "",
                "\(Plural.count(timeline.total, "match", "matches")) per \(timeline.granularity.rawValue) (UTC).", "",
            ]
            if !rows.isEmpty {
                lines += ["| \(timeline.granularity.rawValue) | matches |", "|---|---:|"]
                lines += rows.map { "| \($0.0) | \($0.2) |" }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
