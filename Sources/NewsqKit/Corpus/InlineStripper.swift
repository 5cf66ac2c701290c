/// The character-level half of `MarkupStripper`: removes inline Markdown and HTML from one
/// paragraph at a time and writes the words to a `PlainTextWriter`.
///
/// Every look-ahead is capped (`lookAheadLimit`), so a paragraph of unmatched brackets or
/// backticks costs at most a constant factor more than a clean one.
struct InlineStripper {
    var writer: PlainTextWriter
    /// The text that ends a `<script>`, `<style>` or comment left open at a paragraph's end;
    /// everything until it is dropped, across paragraphs.
    private var rawTextTerminator: [UInt8]?
    /// Link and image brackets matched ahead: at `close` (the `]`), jump to `resume` (past the
    /// destination), so the text between the brackets is read normally and the URL is skipped.
    private var pendingLinkEnds: [(close: Int, resume: Int)] = []

    private let lookAheadLimit = 2048

    init(capacity: Int) { writer = PlainTextWriter(capacity: capacity) }

    var isSkippingRawText: Bool { rawTextTerminator != nil }

    mutating func process(_ text: UnsafeBufferPointer<UInt8>) {
        pendingLinkEnds.removeAll(keepingCapacity: true)
        var index = 0
        if let terminator = rawTextTerminator {
            guard let end = skipRawText(text, from: 0, terminator: terminator) else { return }
            rawTextTerminator = nil
            index = end
        }
        while index < text.count {
            while let pending = pendingLinkEnds.last, pending.close < index { pendingLinkEnds.removeLast() }
            if let pending = pendingLinkEnds.last, pending.close == index {
                pendingLinkEnds.removeLast()
                index = pending.resume
                continue
            }
            let byte = text[index]
            switch byte {
            case UInt8(ascii: "\\"):
                if index + 1 < text.count, Self.isASCIIPunctuation(text[index + 1]) {
                    writer.append(text[index + 1])
                    index += 2
                } else {
                    writer.append(byte)
                    index += 1
                }
            case UInt8(ascii: "&"):
                if let (scalar, end) = HTMLEntities.decode(in: text, at: index) {
                    writer.append(scalar)
                    index = end
                } else {
                    writer.append(byte)
                    index += 1
                }
            case UInt8(ascii: "<"):
                index = readAngleBracket(text, at: index)
            case UInt8(ascii: "!") where index + 1 < text.count && text[index + 1] == UInt8(ascii: "["):
                if let link = matchLink(text, openingAt: index + 1) {
                    pendingLinkEnds.append(link)
                    index += 2
                } else {
                    writer.append(byte)
                    index += 1
                }
            case UInt8(ascii: "["):
                if let link = matchLink(text, openingAt: index) { pendingLinkEnds.append(link) } else { writer.append(byte) }
                index += 1
            case UInt8(ascii: "`"):
                index = readCodeSpan(text, at: index)
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                index = readEmphasisRun(text, at: index)
            case 0xC2 where index + 1 < text.count && text[index + 1] == 0xA0:
                writer.space()
                index += 2
            case 0x0A:
                writer.paragraphBreak()
                index += 1
            default:
                if PlainTextWriter.isWhitespace(byte) { writer.space() } else { writer.append(byte) }
                index += 1
            }
        }
    }

    // MARK: Links, code, emphasis

    /// Finds `[text](destination)` or `[text][label]` with its `[` at `open`.
    private func matchLink(_ text: UnsafeBufferPointer<UInt8>, openingAt open: Int) -> (close: Int, resume: Int)? {
        guard let close = matchingBracket(text, from: open, opening: UInt8(ascii: "["), closing: UInt8(ascii: "]")),
            close + 1 < text.count
        else { return nil }
        let next = text[close + 1]
        let end: Int?
        if next == UInt8(ascii: "(") {
            end = matchingBracket(text, from: close + 1, opening: UInt8(ascii: "("), closing: UInt8(ascii: ")"))
        } else if next == UInt8(ascii: "[") {
            end = matchingBracket(text, from: close + 1, opening: UInt8(ascii: "["), closing: UInt8(ascii: "]"))
        } else {
            end = nil
        }
        return end.map { (close, $0 + 1) }
    }

    private func matchingBracket(
        _ text: UnsafeBufferPointer<UInt8>, from open: Int, opening: UInt8, closing: UInt8
    ) -> Int? {
        var depth = 0
        var index = open
        let limit = min(text.count, open + lookAheadLimit)
        while index < limit {
            let byte = text[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == opening {
                depth += 1
            } else if byte == closing {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    /// A code span keeps its text literally; a backtick run with no partner is plain text.
    private mutating func readCodeSpan(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let runEnd = runEnd(text, from: start)
        let runLength = runEnd - start
        var search = runEnd
        let limit = min(text.count, runEnd + lookAheadLimit)
        while search < limit {
            guard text[search] == UInt8(ascii: "`") else { search += 1; continue }
            let closingEnd = self.runEnd(text, from: search)
            if closingEnd - search == runLength {
                writer.append(contentsOf: text[runEnd..<search])
                return closingEnd
            }
            search = closingEnd
        }
        for byte in text[start..<runEnd] { writer.append(byte) }
        return runEnd
    }

    /// Drops a run of `*` or `_` that touches a word, as emphasis does; keeps `2 * 3` and the
    /// underscores inside `snake_case_names`.
    private mutating func readEmphasisRun(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let end = runEnd(text, from: start)
        let before: UInt8 = start > 0 ? text[start - 1] : 0x20
        let after: UInt8 = end < text.count ? text[end] : 0x20
        let touchesWord = !PlainTextWriter.isWhitespace(before) || !PlainTextWriter.isWhitespace(after)
        let isIntraword = Self.isASCIIAlphanumeric(before) && Self.isASCIIAlphanumeric(after)
        if !touchesWord || (text[start] == UInt8(ascii: "_") && isIntraword) {
            for byte in text[start..<end] { writer.append(byte) }
        }
        return end
    }

    private func runEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < text.count, text[end] == text[start] { end += 1 }
        return end
    }

    // MARK: HTML

    /// Reads what starts with `<`: a known HTML tag or comment is dropped, an autolink keeps its
    /// address, and anything else (`<IBM>`, `a < b`) is text.
    private mutating func readAngleBracket(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        if HTMLTag.startsComment(text, at: start) {
            let bodyStart = start + 4
            if let end = skipRawText(text, from: bodyStart, terminator: HTMLTag.commentEnd) { return end }
            rawTextTerminator = HTMLTag.commentEnd
            return text.count
        }
        if let tag = HTMLTag.read(text, at: start, limit: lookAheadLimit) {
            if !tag.isClosing, let terminator = HTMLTag.rawTextTerminator(for: tag.name) {
                if let end = skipRawText(text, from: tag.end, terminator: terminator) { return end }
                rawTextTerminator = terminator
                return text.count
            }
            switch HTMLTag.layout(of: tag.name) {
            case .block: writer.paragraphBreak()
            case .cell: writer.space()
            case .inline: break
            }
            return tag.end
        }
        if let address = HTMLTag.autolink(text, at: start, limit: lookAheadLimit) {
            for byte in text[address] { writer.append(byte) }
            return address.upperBound + 1
        }
        writer.append(text[start])
        return start + 1
    }

    /// The index past `terminator` (and, for a closing tag, past its `>`), or `nil` if absent.
    private func skipRawText(_ text: UnsafeBufferPointer<UInt8>, from start: Int, terminator: [UInt8]) -> Int? {
        guard let found = HTMLTag.find(terminator, in: text, from: start) else { return nil }
        var end = found + terminator.count
        if terminator.first == UInt8(ascii: "<") {
            while end < text.count, text[end] != UInt8(ascii: ">") { end += 1 }
            end = min(end + 1, text.count)
        }
        return end
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte)
            || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
