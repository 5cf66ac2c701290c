import Foundation

/// Renders a page of hits for people: rank, title, date, provider, quality, a snippet with the
/// matched words highlighted, and where to read the article.
///
/// Without colors, matches are shown in `[brackets]` so they still stand out.
public struct TerminalRenderer: Sendable {
    public let style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func render(_ results: SearchResults) -> String {
        guard !results.hits.isEmpty else {
            if results.total > 0 {
                return "No hits on this page: \(results.totalForPeople) articles match \"\(results.query)\"; use a smaller --offset.\n"
            }
            return "No articles match \"\(results.query)\".\n"
        }
        var lines: [String] = []
        let first = results.offset + 1
        let last = results.offset + results.hits.count
        if results.relaxedTotal > 0 {
            let strict = results.total - results.relaxedTotal
            let all = strict == 0 ? "No article matches every word of \"\(results.query)\"" : "\(strict) articles match every word of \"\(results.query)\""
            lines.append(style.dim("\(all); \(results.relaxedTotal) more match some of the words (marked ~). Showing \(first)–\(last)."))
        } else {
            lines.append(style.dim("\(results.totalForPeople) articles match \"\(results.query)\"; showing \(first)–\(last)."))
        }
        for hit in results.hits {
            lines.append("")
            lines.append(style.bold("\(hit.rank).\(hit.isRelaxed ? "~" : "")") + " " + marked(hit.title, bold: true))
            lines.append("   " + style.dim(metadata(hit)))
            let snippet = marked(hit.snippet, bold: false)
            if !snippet.isEmpty { lines.append("   " + snippet) }
            if let url = hit.url { lines.append("   " + style.cyan(url)) }
            lines.append("   " + style.dim("id: \(hit.id)"))
            if let explanation = hit.explanation {
                lines.append(contentsOf: explain(explanation, indent: "   "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func metadata(_ hit: SearchHit) -> String {
        var parts: [String] = []
        if let published = hit.published {
            parts.append(GregorianDateText.day(published))
        }
        if let provider = hit.provider { parts.append(provider) }
        if let quality = hit.quality { parts.append("quality \(quality)") }
        if !hit.topics.isEmpty { parts.append(hit.topics.joined(separator: ", ")) }
        parts.append(String(format: "score %.3f", hit.score))
        return parts.joined(separator: " · ")
    }

    private func marked(_ text: HighlightedText, bold: Bool) -> String {
        text.runs.map { run in
            if run.isMatch { return style.colors ? style.highlight(run.text) : "[\(run.text)]" }
            return bold ? style.bold(run.text) : run.text
        }.joined()
    }

    private func explain(_ node: ScoreExplanation, indent: String) -> [String] {
        let line = indent + String(format: "%@ = %.4f", node.name, node.value) + style.dim("  (\(node.detail))")
        return [line] + node.children.flatMap { explain($0, indent: indent + "  ") }
    }
}
