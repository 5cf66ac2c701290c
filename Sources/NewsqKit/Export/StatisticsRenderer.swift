import Foundation

/// Renders `IndexStatistics` for people (`newsq stats`) or as JSON.
public struct StatisticsRenderer: Sendable {
    public let style: TerminalStyle
    /// How many providers and topics to list; the rest are counted. 0 lists all.
    public let top: Int

    public init(style: TerminalStyle, top: Int = 10) {
        self.style = style
        self.top = top
    }

    public func render(_ statistics: IndexStatistics) -> String {
        var lines: [String] = []
        let megabytes = String(format: "%.1f MB", Double(statistics.bytes) / 1_000_000)
        lines.append(style.bold(Plural.count(statistics.articles, "article")) + " in \(statistics.path) (\(megabytes) on disk)")
        if let root = statistics.root {
            lines.append(
                "corpus \(root)" + (statistics.indexedAt.map { ", indexed \($0)" } ?? "")
                    + "; \(Plural.count(statistics.failedFiles, "file")) failed")
        }
        if let oldest = statistics.oldest, let newest = statistics.newest {
            lines.append("published \(GregorianDateText.day(oldest)) to \(GregorianDateText.day(newest))")
        }
        lines += section("years", statistics.years, limit: 0)
        lines += section("languages", statistics.languages, limit: 0)
        lines += section("providers", statistics.providers, limit: top)
        lines += section("topics", statistics.topics, limit: top)
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String, _ counts: [IndexStatistics.Count], limit: Int) -> [String] {
        let shown = limit > 0 ? Array(counts.prefix(limit)) : counts
        let heading =
            shown.count < counts.count ? "\(title) (top \(shown.count) of \(counts.count))" : "\(title) (\(counts.count))"
        let width = String(shown.map(\.articles).max() ?? 0).count
        return ["", style.bold(heading)]
            + shown.map { count in
                let number = String(count.articles)
                return "  " + String(repeating: " ", count: width - number.count) + number + "  " + count.value
            }
    }

    /// The statistics as one pretty-printed JSON document (snake_case keys, ISO 8601 dates).
    public static func json(_ statistics: IndexStatistics) throws -> String {
        let encoder = SearchResultsJSON.encoder(pretty: true)
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(GregorianDateText.timestamp(date))
        }
        return String(decoding: try encoder.encode(statistics), as: UTF8.self) + "\n"
    }
}
