/// Turns a Markdown or HTML article body into plain text for the index and for snippets.
///
/// Markup is dropped and its text kept: links and images become their text and alt text, tags
/// disappear (with the contents of `<script>` and `<style>`), HTML references are decoded.
/// Paragraphs, headings, list items and block-level HTML elements each end up on a line of
/// their own; within a line, whitespace runs fold to one space. This is a forgiving linear
/// pass over UTF-8 bytes, not a CommonMark implementation: it never fails and never backtracks
/// further than a bounded look-ahead, so a hostile body costs linear time.
public struct MarkupStripper: Sendable {
    /// Creates a stripper; it holds no state between calls.
    public init() {}

    /// The plain text of a Markdown or HTML document.
    public func plainText(from markup: String) -> String {
        var copy = markup
        return copy.withUTF8 { plainText(fromUTF8: $0) }
    }

    func plainText(fromUTF8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        var blocks = BlockReader(capacity: bytes.count)
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            blocks.read(line: bytes[lineStart..<contentEnd])
            lineStart = lineEnd + 1
        }
        return blocks.finish()
    }
}

/// The line-level half of the stripper: code fences, headings, quotes, lists, rules and
/// reference definitions. Lines of one paragraph are gathered and handed to `InlineStripper`.
private struct BlockReader {
    private var inline: InlineStripper
    private var paragraph: [UInt8] = []
    private var openFence: (marker: UInt8, length: Int)?
    /// Set while the open paragraph is a list item, where a numbered line starts a sibling item.
    private var paragraphIsListItem = false

    init(capacity: Int) {
        inline = InlineStripper(capacity: capacity)
        paragraph.reserveCapacity(1024)
    }

    mutating func finish() -> String {
        endParagraph()
        return inline.writer.finish()
    }

    mutating func read(line: Slice<UnsafeBufferPointer<UInt8>>) {
        // Inside `<script>` or a comment the lines are not Markdown; keep them whole for the skip.
        if openFence == nil, inline.isSkippingRawText {
            appendToParagraph(line[...])
            return
        }
        var start = firstVisible(in: line)
        while start < line.endIndex, line[start] == UInt8(ascii: ">") {
            start = firstVisible(in: line[(start + 1)...])
        }
        let content = line[start...]
        let fence = fenceMarker(in: content)
        if let openFence {
            if let fence, fence.marker == openFence.marker, fence.length >= openFence.length,
                isBlank(content.dropFirst(fence.length))
            {
                self.openFence = nil
            } else {
                inline.writer.append(contentsOf: content)
            }
            inline.writer.paragraphBreak()
            return
        }
        if content.isEmpty { endParagraph(); return }
        if let fence {
            endParagraph()
            openFence = fence
            return
        }
        if isRule(content) { endParagraph(); return }
        if let text = headingText(content) {
            endParagraph()
            appendToParagraph(text)
            endParagraph()
            return
        }
        if isReferenceDefinition(content) { endParagraph(); return }
        if let itemStart = listItemContentStart(content) {
            endParagraph()
            paragraphIsListItem = true
            appendToParagraph(line[firstVisible(in: line[itemStart...])...])
            return
        }
        appendToParagraph(content)
    }

    private mutating func appendToParagraph(_ text: Slice<UnsafeBufferPointer<UInt8>>) {
        if !paragraph.isEmpty { paragraph.append(0x20) }
        paragraph.append(contentsOf: text)
    }

    private mutating func endParagraph() {
        if !paragraph.isEmpty {
            paragraph.withUnsafeBufferPointer { inline.process($0) }
            paragraph.removeAll(keepingCapacity: true)
        }
        paragraphIsListItem = false
        inline.writer.paragraphBreak()
    }

    private func firstVisible(in text: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var index = text.startIndex
        while index < text.endIndex, text[index] == 0x20 || text[index] == 0x09 { index += 1 }
        return index
    }

    private func isBlank(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        firstVisible(in: text) == text.endIndex
    }

    /// A run of three or more backticks or tildes opening or closing a code block.
    private func fenceMarker(in text: Slice<UnsafeBufferPointer<UInt8>>) -> (marker: UInt8, length: Int)? {
        guard let marker = text.first, marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        let length = text.prefix { $0 == marker }.count
        return length >= 3 ? (marker, length) : nil
    }

    /// Thematic breaks (`---`, `* * *`), setext underlines (`===`) and table delimiter rows
    /// (`|---|:--:|`): lines that carry no words.
    private func isRule(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var marker: UInt8?
        var markerCount = 0
        var hasPipe = false
        for byte in text where byte != 0x20 && byte != 0x09 {
            switch byte {
            case UInt8(ascii: "|"): hasPipe = true
            case UInt8(ascii: ":"): hasPipe = true
            case UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "="):
                if let seen = marker, seen != byte { return false }
                marker = byte
                markerCount += 1
            default: return false
            }
        }
        if hasPipe { return marker == UInt8(ascii: "-") }
        return markerCount >= 3
    }

    /// The text of an ATX heading (`## Title ##`) without its markers.
    private func headingText(
        _ text: Slice<UnsafeBufferPointer<UInt8>>
    ) -> Slice<UnsafeBufferPointer<UInt8>>? {
        var index = text.startIndex
        while index < text.endIndex, text[index] == UInt8(ascii: "#") { index += 1 }
        let level = index - text.startIndex
        guard (1...6).contains(level), index == text.endIndex || text[index] == 0x20 || text[index] == 0x09
        else { return nil }
        var end = text.endIndex
        while end > index, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
        var closing = end
        while closing > index, text[closing - 1] == UInt8(ascii: "#") { closing -= 1 }
        if closing == index || text[closing - 1] == 0x20 || text[closing - 1] == 0x09 { end = closing }
        return text[index..<end]
    }

    /// `[label]: destination`, a link target that is not text. Footnotes (`[^1]: text`) are text.
    private func isReferenceDefinition(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard text.first == UInt8(ascii: "["), text.count > 3,
            text[text.startIndex + 1] != UInt8(ascii: "^")
        else { return false }
        var index = text.startIndex + 1
        while index < text.endIndex, text[index] != UInt8(ascii: "]") {
            if text[index] == UInt8(ascii: "[") { return false }
            index += 1
        }
        return index + 1 < text.endIndex && index > text.startIndex + 1 && text[index + 1] == UInt8(ascii: ":")
    }

    /// Where the text of a list item starts, past its bullet, number and task box.
    private func listItemContentStart(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var index = text.startIndex
        let first = text[index]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            index += 1
        } else {
            var number = 0
            while index < text.endIndex, index - text.startIndex < 9, (0x30...0x39).contains(text[index]) {
                number = number * 10 + Int(text[index] - 0x30)
                index += 1
            }
            guard index > text.startIndex, index < text.endIndex,
                text[index] == UInt8(ascii: ".") || text[index] == UInt8(ascii: ")")
            else { return nil }
            // Only `1.` may interrupt running text, so a line opening with "1987. " stays prose.
            guard paragraph.isEmpty || paragraphIsListItem || number == 1 else { return nil }
            index += 1
        }
        guard index == text.endIndex || text[index] == 0x20 || text[index] == 0x09 else { return nil }
        let afterMarker = firstVisible(in: text[index...])
        let taskBox = text[afterMarker...].prefix(4)
        if taskBox.count >= 3, taskBox.first == UInt8(ascii: "["), taskBox[afterMarker + 2] == UInt8(ascii: "]"),
            [0x20, UInt8(ascii: "x"), UInt8(ascii: "X")].contains(taskBox[afterMarker + 1])
        {
            return afterMarker + 3
        }
        return afterMarker
    }
}
