import Foundation

/// Renders a page of hits for people: rank, title, date, provider, quality, a snippet with the
/// matched words highlighted, and where to read the article.
///
/// Without colors, matches are shown in `[brackets]` so they still stand out. With a `width`,
/// titles, snippets and the summary are wrapped at word boundaries to fit it (`TextWrapper`).
public struct TerminalRenderer: Sendable {
    public let style: TerminalStyle
    /// The terminal's width in columns; nil leaves every line whole (as in a pipe).
    public let width: Int?

    public init(style: TerminalStyle, width: Int? = nil) {
        self.style = style
        self.width = width
    }

    public func render(_ results: SearchResults) -> String {
        let suggestion = results.didYouMean.map { "Did you mean \(QueryEcho.quoted($0))?\n" } ?? ""
        return suggestion + page(results)
    }

    private func page(_ results: SearchResults) -> String {
        guard !results.hits.isEmpty else {
            if results.total > 0 {
                return
                    "No hits on this page: \(results.totalForPeople) \(Plural.form(results.total, "article matches", "articles match")) \(QueryEcho.quoted(results.query)); use a smaller --offset.\n"
            }
            if let filteredOut = results.filteredOut {
                return "No articles match \(QueryEcho.quoted(results.query)) \(filteredOut.reason).\n"
            }
            return "No articles match \(QueryEcho.quoted(results.query)).\n"
        }
        var lines: [String] = []
        for expansion in results.synonyms {
            let others = expansion.forms.filter { $0 != expansion.written }.map(QueryEcho.quoted)
            lines.append(
                contentsOf: wrapped(
                    [dimmed("\(QueryEcho.quoted(expansion.written)) also matches \(others.joined(separator: ", ")) (synonyms).")],
                    indent: ""))
        }
        let first = results.offset + 1
        let last = results.offset + results.hits.count
        if results.relaxedTotal > 0 {
            let strict = results.total - results.relaxedTotal
            let echo = QueryEcho.quoted(results.query)
            let all =
                strict == 0
                ? "No article matches every word of \(echo)"
                : "\(strict) \(Plural.form(strict, "article matches", "articles match")) every word of \(echo)"
            let more = "\(results.relaxedTotal) more \(Plural.form(results.relaxedTotal, "matches", "match"))"
            lines.append(
                contentsOf: wrapped(
                    [dimmed("\(all); \(more) some of the words (marked ~). Showing \(first)–\(last).")], indent: ""))
        } else {
            let matches = Plural.form(results.total, "article matches", "articles match")
            lines.append(
                contentsOf: wrapped(
                    [
                        dimmed(
                            "\(results.totalForPeople) \(matches) \(QueryEcho.quoted(results.query)); showing \(first)–\(last).")
                    ], indent: ""))
        }
        for hit in results.hits {
            lines.append("")
            let rank = TextWrapper.Run(text: "\(hit.rank).\(hit.isRelaxed ? "~" : "")", style: { [style] in style.bold($0) })
            lines.append(
                contentsOf: wrapped(
                    [rank, TextWrapper.Run(text: " ", style: { $0 })] + marked(hit.title, bold: true), firstIndent: ""))
            lines.append(contentsOf: wrapped([dimmed(metadata(hit))], firstIndent: "   "))
            let snippet = marked(hit.snippet, bold: false)
            if !snippet.allSatisfy(\.text.isEmpty) { lines.append(contentsOf: wrapped(snippet, firstIndent: "   ")) }
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

    private func marked(_ text: HighlightedText, bold: Bool) -> [TextWrapper.Run] {
        let style = style
        return text.runs.map { run in
            if run.isMatch {
                return style.colors
                    ? TextWrapper.Run(text: run.text, style: { style.highlight($0) })
                    : TextWrapper.Run(text: "[\(run.text)]", style: { $0 })
            }
            if bold { return TextWrapper.Run(text: run.text, style: { style.bold($0) }) }
            return TextWrapper.Run(text: run.text, style: { $0 })
        }
    }

    private func dimmed(_ text: String) -> TextWrapper.Run {
        TextWrapper.Run(text: text, style: { [style] in style.dim($0) })
    }

    /// The runs as lines: one without a `width`, else as many as fit it.
    private func wrapped(_ runs: [TextWrapper.Run], firstIndent: String = "", indent: String = "   ") -> [String] {
        guard let width else { return [firstIndent + runs.map { $0.style($0.text) }.joined()] }
        return TextWrapper(width: width).lines(runs, firstIndent: firstIndent, indent: indent)
    }

    private func explain(_ node: ScoreExplanation, indent: String) -> [String] {
        let line = indent + String(format: "%@ = %.4f", node.name, node.value) + style.dim("  (\(node.detail))")
        return [line] + node.children.flatMap { explain($0, indent: indent + "  ") }
    }
}
