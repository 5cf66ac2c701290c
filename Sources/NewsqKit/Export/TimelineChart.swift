import Foundation

/// Draws a `Timeline` as a bar chart for a terminal: one line per period with its label, its
/// count and a bar in eighths of a block, scaled so that the busiest period fills the width.
///
/// ```text
/// "cocoa": 92 matches per week (UTC)
///
/// 1987-W09  14  ██████████████████████████████
/// 1987-W10   4  ████████▌
/// ```
public struct TimelineChart: Sendable {
    public let style: TerminalStyle
    /// The terminal's width in columns; bars never make a line longer.
    public let width: Int

    public init(style: TerminalStyle, width: Int = 80) {
        self.style = style
        self.width = width
    }

    /// The terminal's width from `$COLUMNS`, else from the terminal on standard output, else 80.
    public static func terminalWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init) { return max(columns, 20) }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return max(Int(size.ws_col), 20)
    }

    public func render(_ timeline: Timeline, query: String) -> String {
        let total = timeline.total
        var lines = [
            style.dim(
                "\(QueryEcho.quoted(query)): \(Plural.count(total, "match", "matches")) per \(timeline.granularity.rawValue) (UTC)"
            )
        ]
        if !timeline.periods.isEmpty { lines.append("") }
        let labelWidth = timeline.periods.map(\.label.count).max() ?? 0
        let countWidth = String(timeline.periods.map(\.count).max() ?? 0).count
        let barWidth = max(10, min(60, width - labelWidth - countWidth - 4))
        let largest = timeline.periods.map(\.count).max() ?? 0
        for period in timeline.periods {
            let count = String(period.count)
            let padding = String(repeating: " ", count: countWidth - count.count)
            let bar = Self.bar(period.count, of: largest, width: barWidth)
            lines.append(period.label + "  " + padding + count + (bar.isEmpty ? "" : "  " + style.cyan(bar)))
        }
        if timeline.undated > 0 {
            lines.append("")
            lines.append(
                style.dim(
                    "\(timeline.undated) \(timeline.undated == 1 ? "match has" : "matches have") no date and \(timeline.undated == 1 ? "is" : "are") not drawn."
                ))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A bar `value / largest` of `width` columns long, in eighths; at least one eighth for any
    /// value above zero, so a single article still shows.
    static func bar(_ value: Int, of largest: Int, width: Int) -> String {
        guard value > 0, largest > 0 else { return "" }
        let eighths = max(1, Int((Double(value) / Double(largest) * Double(width * 8)).rounded()))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + partial
    }
}
