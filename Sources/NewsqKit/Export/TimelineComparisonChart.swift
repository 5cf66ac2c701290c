import Foundation

/// Draws a `TimelineComparison` for a terminal: per period, one line per query with its
/// count (and its share of the period's articles with `--share`) and a bar. Every series is
/// scaled against the same largest value, so bars compare across queries and periods; with
/// `--share` bars show shares, so a busier month of the archive does not draw a longer bar.
///
/// ```text
/// Matches per year (UTC), as a share of the articles published in each period
///
/// 2023  AI regulation   4  12.5%  ██████████████████████
///       chips           1   3.1%  █████▌
/// ```
public struct TimelineComparisonChart: Sendable {
    public let style: TerminalStyle
    /// The terminal's width in columns; bars never make a line longer.
    public let width: Int

    /// Query names longer than this are cut, so the bars keep room.
    static let nameWidth = 18

    public init(style: TerminalStyle, width: Int = 80) {
        self.style = style
        self.width = width
    }

    public func render(_ comparison: TimelineComparison) -> String {
        let named = comparison.series.count > 1
        let unit = comparison.granularity.rawValue
        var lines: [String] = []
        if named {
            let per = comparison.articles == nil ? "" : ", as a share of the articles published in each"
            lines.append(style.dim("Matches per \(unit) (UTC)\(per):"))
            for series in comparison.series {
                let matches = Plural.count(series.timeline.total, "match", "matches")
                lines.append(style.dim("  \(QueryEcho.quoted(series.query)): \(matches)"))
            }
        } else {
            let series = comparison.series[0]
            let matches = Plural.count(series.timeline.total, "match", "matches")
            let per = comparison.articles == nil ? "" : ", as a share of the articles published in each"
            lines.append(style.dim("\(QueryEcho.quoted(series.query)): \(matches) per \(unit) (UTC)\(per)"))
        }
        guard !comparison.periods.isEmpty else { return lines.joined(separator: "\n") + "\n" }
        lines.append("")
        let names = comparison.series.map { Self.cut($0.query) }
        let shares = comparison.series.map { comparison.shares(of: $0) }
        let labelWidth = comparison.periods.map(\.label.count).max() ?? 0
        let nameWidth = named ? (names.map(Self.columns).max() ?? 0) + 2 : 0
        let counts = comparison.series.flatMap { $0.timeline.periods.map(\.count) }
        let countWidth = String(counts.max() ?? 0).count
        let percentages = shares.map { $0.map(TimelineComparison.percentage) }
        let shareWidth = comparison.articles == nil ? 0 : (percentages.flatMap { $0 }.map(\.count).max() ?? 0) + 2
        let barWidth = max(10, min(60, width - labelWidth - nameWidth - countWidth - shareWidth - 4))
        // One scale for every series: counts, or shares with --share.
        let values: [[Double]] = comparison.series.indices.map { index in
            comparison.articles == nil
                ? comparison.series[index].timeline.periods.map { Double($0.count) } : shares[index].map { $0 ?? 0 }
        }
        let largest = values.flatMap { $0 }.max() ?? 0
        for (row, period) in comparison.periods.enumerated() {
            for index in comparison.series.indices {
                let head = index == 0 ? period.label : String(repeating: " ", count: labelWidth)
                var line = head + "  "
                if named {
                    line += names[index] + String(repeating: " ", count: nameWidth - 2 - Self.columns(names[index])) + "  "
                }
                let count = String(comparison.series[index].timeline.periods[row].count)
                line += String(repeating: " ", count: countWidth - count.count) + count
                if comparison.articles != nil {
                    let percentage = percentages[index][row]
                    line += String(repeating: " ", count: shareWidth - percentage.count) + percentage
                }
                let bar = Self.bar(values[index][row], of: largest, width: barWidth)
                lines.append(line + (bar.isEmpty ? "" : "  " + style.cyan(bar)))
            }
        }
        let undated = comparison.series.filter { $0.timeline.undated > 0 }
        if !undated.isEmpty { lines.append("") }
        for series in undated {
            let count = series.timeline.undated
            lines.append(
                style.dim(
                    "\(Plural.count(count, "match", "matches")) of \(QueryEcho.quoted(series.query)) \(count == 1 ? "has" : "have") no date and \(count == 1 ? "is" : "are") not drawn."
                ))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cut(_ query: String) -> String {
        guard columns(query) > nameWidth else { return query }
        var cut = ""
        for character in query {
            guard columns(cut + String(character)) < nameWidth else { break }
            cut.append(character)
        }
        return cut + "…"
    }

    /// The columns `text` takes in a terminal: East Asian wide characters (Han, kana, Hangul,
    /// full-width forms) take two, so names line up in Chinese as in English.
    static func columns(_ text: String) -> Int {
        text.reduce(0) { total, character in
            let value = character.unicodeScalars.first?.value ?? 0
            let wide: Bool =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return total + (wide ? 2 : 1)
        }
    }

    /// As `TimelineChart.bar`, for fractions: at least one eighth for any value above zero.
    static func bar(_ value: Double, of largest: Double, width: Int) -> String {
        guard value > 0, largest > 0 else { return "" }
        let eighths = max(1, Int((value / largest * Double(width * 8)).rounded()))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + partial
    }
}
