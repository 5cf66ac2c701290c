import NewsqKit

/// The timeline of a search as an SVG bar chart: one bar per period, its count on hover.
enum TimelineBars {
    static func svg(_ timeline: Timeline) -> String {
        let width = 600.0, height = 120.0, labelHeight = 14.0
        let periods = timeline.periods
        let highest = Double(periods.map(\.count).max() ?? 1)
        let step = width / Double(max(periods.count, 1))
        var bars = ""
        for (index, period) in periods.enumerated() {
            let barHeight = highest > 0 ? (height - labelHeight) * Double(period.count) / highest : 0
            let x = Double(index) * step
            bars +=
                "<rect x=\"\(format(x + step * 0.1))\" y=\"\(format(height - labelHeight - barHeight))\" width=\"\(format(step * 0.8))\" height=\"\(format(barHeight))\">"
            bars += "<title>\(HTML.escaped(period.label)): \(period.count)</title></rect>\n"
        }
        if let first = periods.first, let last = periods.last {
            bars += "<text x=\"0\" y=\"\(format(height - 2))\">\(HTML.escaped(first.label))</text>\n"
            bars +=
                "<text x=\"\(format(width))\" y=\"\(format(height - 2))\" text-anchor=\"end\">\(HTML.escaped(last.label))</text>\n"
        }
        let undated = timeline.undated > 0 ? " (\(timeline.undated) undated)" : ""
        return """
            <figure class="timeline">
            <svg viewBox="0 0 \(format(width)) \(format(height))" role="img" aria-label="Matches per \(timeline.granularity.rawValue)">
            \(bars)</svg>
            <figcaption class="meta">Matches per \(timeline.granularity.rawValue)\(undated)</figcaption>
            </figure>

            """
    }

    private static func format(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }
}
