import Foundation

/// The `markdown` format: a digest ready to paste into a document, a wiki or a newsletter.
/// Each search is a `##` heading; each hit an item of an ordered list numbered by rank, with
/// the title as a link, the date and provider, and the snippet with matches in bold:
///
/// ```markdown
/// ## AI regulation
///
/// 12 articles match; showing 1–10.
///
/// 1. **[EU lawmakers approve the AI Act](https://news.example.com/eu-ai-act)**
///    2024-03-13 · Brussels Tech Desk
///    …the world’s first comprehensive **AI** **regulation**…
/// ```
///
/// Text from articles is escaped (CommonMark backslash escapes), so a title with `*`, `_`,
/// `[`, `<` or a leading `#` reads as itself and never as markup.
struct MarkdownDigestWriter: HitListWriter {
    func entry(_ search: AnsweredQuery, index: Int) throws -> String {
        let results = search.results
        var lines: [String] = []
        if index > 0 { lines.append("") }
        let qid = search.qid.map { "\(Self.escaped($0)): " } ?? ""
        lines.append("## " + qid + Self.escaped(Self.oneLine(results.query)))
        lines.append("")
        if results.hits.isEmpty {
            if let filteredOut = results.filteredOut {
                lines.append(Self.escaped("No articles match \(filteredOut.reason)."))
            } else {
                lines.append(
                    results.total == 0
                        ? "No articles match."
                        : "\(results.totalForPeople) \(Plural.form(results.total, "article matches", "articles match")); none on this page."
                )
            }
        } else {
            let first = results.offset + 1, last = results.offset + results.hits.count
            lines.append(
                "\(results.totalForPeople) \(Plural.form(results.total, "article matches", "articles match")); showing \(first)–\(last)."
            )
        }
        for hit in results.hits {
            lines.append("")
            lines.append(contentsOf: item(hit))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func item(_ hit: SearchHit) -> [String] {
        let marker = "\(hit.rank). "
        let indent = String(repeating: " ", count: marker.count)
        let title = Self.escaped(Self.oneLine(hit.title.plain))
        let heading = hit.url.map { "**[\(title)](\(Self.destination($0)))**" } ?? "**\(title)**"
        var lines = [marker + heading]
        var metadata: [String] = []
        if let published = hit.published { metadata.append(GregorianDateText.day(published)) }
        if let provider = hit.provider { metadata.append(Self.escaped(Self.oneLine(provider))) }
        if !metadata.isEmpty { lines.append(indent + Self.atLineStart(metadata.joined(separator: " · "))) }
        let snippet = hit.snippet.runs.map { run in
            let text = Self.escaped(Self.oneLine(run.text))
            return run.isMatch ? "**\(text)**" : text
        }.joined()
        if !snippet.isEmpty { lines.append(indent + Self.atLineStart(snippet)) }
        // Two trailing spaces: a line break inside the list item that every Markdown renders.
        return lines.enumerated().map { $0.offset < lines.count - 1 ? $0.element + "  " : $0.element }
    }

    /// Markdown is line-based: line breaks inside one field would start new blocks.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Backslash-escapes the characters that are markup anywhere in a line, and `&` where it
    /// would start an entity (`&amp;`).
    static func escaped(_ text: String) -> String {
        var output = ""
        var characters = text[...]
        while let character = characters.popFirst() {
            switch character {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~":
                output += "\\" + String(character)
            case "&"
            where characters.prefix(while: { $0.isLetter || $0.isNumber || $0 == "#" }).count > 0
                && characters.drop(while: { $0.isLetter || $0.isNumber || $0 == "#" }).first == ";":
                output += "\\&"
            default:
                output.append(character)
            }
        }
        return output
    }

    /// Escapes what would make a line a heading, a list item, a quote or a rule.
    static func atLineStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        if "#+-=".contains(first) { return "\\" + line }
        let digits = line.prefix(while: \.isASCIIDigit)
        if !digits.isEmpty, let after = line.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + line.dropFirst(digits.count)
        }
        return line
    }

    /// A link destination: characters that would end it or break the line percent-encoded.
    static func destination(_ url: String) -> String {
        var output = ""
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F || "<>()\\".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { output += String(format: "%%%02X", byte) }
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
