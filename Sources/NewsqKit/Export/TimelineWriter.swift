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
            return try json(search, matches: timeline.total) {
                try SearchResultsJSON.encode($0, qid: search.qid, timeline: timeline)
            }
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

    /// The search's JSON with its total taken from the timeline's `matches`: the timeline counted
    /// every full match, so its total is exact where the search's may be an estimate, and one
    /// document never gives two totals.
    private func json(_ search: AnsweredQuery, matches: Int, _ encode: (SearchResults) throws -> Data) throws -> String {
        var results = search.results
        results.total = matches + results.relaxedTotal
        results.totalIsEstimate = results.relaxedTotal > 0 && results.totalIsEstimate
        return String(decoding: try encode(results), as: UTF8.self) + "\n"
    }

    /// Several queries' timelines (`--compare`) and shares (`--share`): a chart per period in
    /// text; json keeps the main query's `periods` and adds `series`; jsonl has one object per
    /// period and query; csv, tsv and markdown have a column per query (and per share). One
    /// query without shares is written exactly as `render(_:for:)` writes its timeline.
    public func render(_ comparison: TimelineComparison, for search: AnsweredQuery) throws -> String {
        if comparison.series.count == 1, comparison.articles == nil {
            return try render(comparison.series[0].timeline, for: search)
        }
        let withShares = comparison.articles != nil
        let shares = comparison.series.map { comparison.shares(of: $0) }
        let articles = comparison.articles?.periods.map(\.count)
        switch format {
        case .text, .trec:
            return TimelineComparisonChart(style: options.style, width: width).render(comparison)
        case .json:
            return try json(search, matches: comparison.series[0].timeline.total) {
                try SearchResultsJSON.encode($0, qid: search.qid, comparison: comparison)
            }
        case .jsonl:
            struct Line: Encodable {
                let qid: String?
                let query: String
                let by: TimelineGranularity
                let period: String
                let start: String?
                let count: Int
                let articles: Int?
                let share: Double?
            }
            let encoder = SearchResultsJSON.encoder(pretty: false)
            var lines: [Line] = []
            for (row, period) in comparison.periods.enumerated() {
                for (index, series) in comparison.series.enumerated() {
                    lines.append(
                        Line(
                            qid: search.qid, query: series.query, by: comparison.granularity, period: period.label,
                            start: period.start, count: series.timeline.periods[row].count, articles: articles?[row],
                            share: shares[index][row]))
                }
            }
            for series in comparison.series where series.timeline.undated > 0 {
                lines.append(
                    Line(
                        qid: search.qid, query: series.query, by: comparison.granularity, period: "undated", start: nil,
                        count: series.timeline.undated, articles: nil, share: nil))
            }
            return try lines.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
        case .csv, .tsv:
            let writer = CSVHitWriter(delimiter: format == .csv ? "," : "\t", byteOrderMark: options.byteOrderMark)
            let single = comparison.series.count == 1
            let queries = comparison.series.map(\.query)
            var header = ["period", "start"] + (single ? ["count"] : queries)
            if withShares { header += ["articles"] + (single ? ["share"] : queries.map { "share " + $0 }) }
            var rows: [[String]] = comparison.periods.enumerated().map { row, period in
                let counts: [String] = comparison.series.map { String($0.timeline.periods[row].count) }
                var cells: [String] = [period.label, period.start] + counts
                if let articles {
                    let fractions: [String] = shares.map { $0[row].map { String($0) } ?? "" }
                    cells += [String(articles[row])] + fractions
                }
                return cells
            }
            if comparison.series.contains(where: { $0.timeline.undated > 0 }) {
                let undated: [String] = comparison.series.map { String($0.timeline.undated) }
                let blanks: [String] = withShares ? Array(repeating: "", count: comparison.series.count + 1) : []
                rows.append(["undated", ""] + undated + blanks)
            }
            return (options.byteOrderMark ? "\u{FEFF}" : "") + writer.row(header) + rows.map { writer.row($0) }.joined()
        case .markdown:
            let escaped = comparison.series.map { MarkdownDigestWriter.escaped(MarkdownDigestWriter.oneLine($0.query)) }
            let unit = comparison.granularity.rawValue
            var lines = [
                "## " + escaped.joined(separator: " · "), "",
                "Matches per \(unit) (UTC)\(withShares ? ", with their share of the articles published in each" : "").",
                "",
            ]
            if !comparison.periods.isEmpty {
                lines.append("| \(unit) | " + escaped.joined(separator: " | ") + " |")
                lines.append("|---|" + String(repeating: "---:|", count: escaped.count))
                for (row, period) in comparison.periods.enumerated() {
                    let cells = comparison.series.indices.map { index in
                        let count = String(comparison.series[index].timeline.periods[row].count)
                        return withShares ? count + " (" + TimelineComparison.percentage(shares[index][row]) + ")" : count
                    }
                    lines.append("| \(period.label) | " + cells.joined(separator: " | ") + " |")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
