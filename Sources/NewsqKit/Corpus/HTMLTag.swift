/// Recognizes HTML tags, comments and autolinks in UTF-8 text for `InlineStripper`.
///
/// Reuters writes tickers as `<IBM>` and company names as `<Airbus Industrie>`, `<Video
/// Shopping Mall Inc>` or `<B and R International Inc.>`: words to index, not markup. So a tag
/// counts only when its name is an HTML element spelt all lowercase or all uppercase, its
/// attributes look like attributes (an `=`, or bare lowercase words such as `controls`), and,
/// for an uppercase inline element without attributes (`<B>`, `<I>`), its closing tag follows.
enum HTMLTag {
    enum Layout { case block, cell, inline }

    struct Tag {
        /// The element name in lowercase.
        var name: String
        var isClosing: Bool
        /// The index just past the tag's `>`.
        var end: Int
    }

    static let commentEnd = Array("-->".utf8)

    static func startsComment(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        start + 3 < text.count && text[start + 1] == UInt8(ascii: "!")
            && text[start + 2] == UInt8(ascii: "-") && text[start + 3] == UInt8(ascii: "-")
    }

    /// Reads `<name ...>`, `</name>` or a declaration such as `<!DOCTYPE html>` at `start`.
    static func read(_ text: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int) -> Tag? {
        var index = start + 1
        guard index < text.count else { return nil }
        if text[index] == UInt8(ascii: "!") || text[index] == UInt8(ascii: "?") {
            guard index + 1 < text.count, isASCIILetter(text[index + 1]),
                let end = tagEnd(text, from: index + 1, limit: limit)
            else { return nil }
            return Tag(name: "!", isClosing: false, end: end)
        }
        let isClosing = text[index] == UInt8(ascii: "/")
        if isClosing { index += 1 }
        let nameStart = index
        guard index < text.count, isASCIILetter(text[index]) else { return nil }
        while index < text.count, isASCIILetter(text[index]) || (0x30...0x39).contains(text[index]) { index += 1 }
        guard index < text.count else { return nil }
        let after = text[index]
        guard after == UInt8(ascii: ">") || after == UInt8(ascii: "/") || PlainTextWriter.isWhitespace(after)
        else { return nil }
        let spelling = UnsafeBufferPointer(rebasing: text[nameStart..<index])
        let isUppercase = spelling.allSatisfy { !(0x61...0x7A).contains($0) }
        guard isUppercase || spelling.allSatisfy({ !(0x41...0x5A).contains($0) }) else { return nil }
        let name = String(decoding: spelling, as: UTF8.self).lowercased()
        guard knownElements.contains(name), let end = tagEnd(text, from: index, limit: limit),
            let hasAttributes = plausibleAttributes(text, in: index..<(end - 1))
        else { return nil }
        if isUppercase, !isClosing, !hasAttributes, !blockElements.contains(name), !voidElements.contains(name) {
            let closing = Array("</\(name)".utf8)
            guard find(closing, in: text, from: end, limit: limit) != nil else { return nil }
        }
        return Tag(name: name, isClosing: isClosing, end: end)
    }

    /// Whether the text between a tag's name and its `>` has attributes; `nil` when it reads
    /// as words instead (`Shopping Mall Inc`).
    private static func plausibleAttributes(_ text: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Bool? {
        var hasContent = false
        var hasEquals = false
        var hasUppercase = false
        for byte in text[range] {
            switch byte {
            case 0x20, 0x09, 0x0A, UInt8(ascii: "/"): continue
            case UInt8(ascii: "="): hasEquals = true
            case 0x41...0x5A: hasUppercase = true
            default: break
            }
            hasContent = true
        }
        if !hasContent { return false }
        return hasEquals || !hasUppercase ? true : nil
    }

    /// `<https://example.com/a>` or `<someone@example.com>`: the range of the address inside.
    static func autolink(_ text: UnsafeBufferPointer<UInt8>, at start: Int, limit: Int) -> Range<Int>? {
        var index = start + 1
        let end = min(text.count, start + limit)
        var sawSeparator = false
        while index < end {
            let byte = text[index]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "<") || PlainTextWriter.isWhitespace(byte) { return nil }
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "@") { sawSeparator = true }
            index += 1
        }
        guard index < end, sawSeparator, index > start + 1, isASCIILetter(text[start + 1]) else { return nil }
        return (start + 1)..<index
    }

    /// The closing text whose element content is code or styling, never words.
    static func rawTextTerminator(for name: String) -> [UInt8]? {
        switch name {
        case "script": Array("</script".utf8)
        case "style": Array("</style".utf8)
        default: nil
        }
    }

    static func layout(of name: String) -> Layout {
        if blockElements.contains(name) { return .block }
        if name == "td" || name == "th" { return .cell }
        return .inline
    }

    /// The first occurrence of `needle` (lowercase ASCII, matched case-insensitively) at or after `start`.
    static func find(
        _ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int = .max
    ) -> Int? {
        guard text.count >= needle.count else { return nil }
        var index = start
        let last = min(text.count - needle.count, start + min(limit, text.count))
        while index <= last {
            var offset = 0
            while offset < needle.count, asciiLowercased(text[index + offset]) == needle[offset] { offset += 1 }
            if offset == needle.count { return index }
            index += 1
        }
        return nil
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }

    /// The index past the `>` that closes a tag, skipping `>` inside quoted attribute values.
    private static func tagEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> Int? {
        var index = start
        var quote: UInt8?
        let end = min(text.count, start + limit)
        while index < end {
            let byte = text[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index + 1
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            index += 1
        }
        return nil
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "html", "iframe", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "tfoot", "thead", "title", "tr", "ul", "video", "audio",
    ]

    /// Elements that never have a closing tag.
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr",
    ]

    private static let knownElements: Set<String> = blockElements.union([
        "a", "abbr", "area", "b", "base", "bdi", "bdo", "big", "button", "canvas", "center", "cite",
        "code", "col", "colgroup", "data", "datalist", "del", "dfn", "dialog", "em", "embed", "font",
        "head", "i", "img", "input", "ins", "kbd", "label", "legend", "link", "map", "mark", "meta",
        "meter", "noscript", "object", "optgroup", "option", "output", "param", "picture", "progress",
        "q", "rp", "rt", "ruby", "s", "samp", "script", "select", "small", "source", "span", "strike",
        "strong", "style", "sub", "sup", "svg", "td", "template", "textarea", "th", "time", "track",
        "tt", "u", "var", "wbr",
    ])
}
