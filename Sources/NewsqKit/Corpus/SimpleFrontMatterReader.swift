import Yams

/// The line-by-line reader behind `SimpleFrontMatter`: block mappings and sequences by
/// indentation, each line holding one key or one `- ` entry, any doubt answered with `nil`.
///
/// Every non-blank line must be consumed by the structure; a line indented deeper than the
/// structure expects would be the continuation of a multi-line scalar (or an error) in YAML,
/// so it sends the whole text to Yams.
///
/// Mappings and sequences get the style `.any`, not `.block` or `.flow`: Yams takes a
/// collection's style from its end event, which carries none.
struct SimpleFrontMatterReader {
    /// A non-blank line; `content` moves past `- ` when an entry holds a mapping.
    private struct Line {
        let start: Int
        var content: Int
        let end: Int
        var indent: Int { content - start }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var line: Line?
    private var nextLineStart = 0
    /// One per document, as Yams' parser has: every node's tag refers to it.
    private let constructor = Constructor.default

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        advance()
    }

    /// The root mapping, or `nil` when the text is outside the subset.
    mutating func document() -> Node? {
        guard let first = line, first.indent == 0, let root = mapping(indent: 0, depth: 1), line == nil else {
            return nil
        }
        return root
    }

    // MARK: Structure

    private mutating func mapping(indent: Int, depth: Int) -> Node? {
        guard depth <= SimpleFrontMatter.maxDepth else { return nil }
        var pairs: [(Node, Node)] = []
        var keys: [String] = []
        while let current = line, current.indent >= indent {
            guard current.indent == indent, keys.count < SimpleFrontMatter.maxKeysPerMapping,
                let colon = keyEnd(from: current.content, to: current.end)
            else { return nil }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[current.content..<colon]), as: UTF8.self)
            // Yams reports duplicate keys as an error; it must be the one to report them.
            guard !keys.contains(key) else { return nil }
            var valueStart = colon + 1
            while valueStart < current.end, bytes[valueStart] == FrontMatterByte.space { valueStart += 1 }
            let value: Node
            if valueStart == current.end {
                advance()
                if let next = line, next.indent > indent {
                    guard let block = block(indent: next.indent, depth: depth + 1) else { return nil }
                    value = block
                } else {
                    value = plainScalar("")
                }
            } else {
                guard let inline = inlineValue(valueStart..<current.end) else { return nil }
                value = inline
                advance()
            }
            keys.append(key)
            // Yams' duplicate check hashes every key, which resolves its tag in place to `str`.
            pairs.append((.scalar(Node.Scalar(key, tag(.str), .plain)), value))
        }
        return .mapping(Node.Mapping(pairs, tag(.implicit), .any))
    }

    private mutating func block(indent: Int, depth: Int) -> Node? {
        guard let current = line else { return nil }
        if bytes[current.content] == FrontMatterByte.dash,
            current.content + 1 == current.end || bytes[current.content + 1] == FrontMatterByte.space
        {
            return sequence(indent: indent, depth: depth)
        }
        return mapping(indent: indent, depth: depth)
    }

    private mutating func sequence(indent: Int, depth: Int) -> Node? {
        guard depth <= SimpleFrontMatter.maxDepth else { return nil }
        var nodes: [Node] = []
        while let current = line, current.indent >= indent {
            // Exactly `- ` and then the entry: an empty entry, `-  x` or `- - x` go to Yams.
            let entry = current.content + 2
            guard current.indent == indent, entry < current.end, bytes[current.content] == FrontMatterByte.dash,
                bytes[current.content + 1] == FrontMatterByte.space, bytes[entry] != FrontMatterByte.space
            else { return nil }
            if keyEnd(from: entry, to: current.end) != nil {
                // `- title: …` opens a mapping at the entry's column; read this line again as its first key.
                line?.content = entry
                guard let item = mapping(indent: entry - current.start, depth: depth + 1) else { return nil }
                nodes.append(item)
            } else {
                guard let item = inlineValue(entry..<current.end) else { return nil }
                nodes.append(item)
                advance()
            }
        }
        return .sequence(Node.Sequence(nodes, tag(.implicit), .any))
    }

    /// Where the `:` of a simple key starting at `start` is: a plain word of letters, digits,
    /// `_`, `-` and `.`, then `:` and a space or the line end.
    private func keyEnd(from start: Int, to end: Int) -> Int? {
        guard start < end, FrontMatterByte.isWordStart(bytes[start]) else { return nil }
        var index = start + 1
        while index < end, FrontMatterByte.isWord(bytes[index]) { index += 1 }
        guard index < end, bytes[index] == FrontMatterByte.colon, index - start <= SimpleFrontMatter.maxKeyLength,
            index + 1 == end || bytes[index + 1] == FrontMatterByte.space
        else { return nil }
        return index
    }

    /// Moves to the next line that holds more than spaces.
    private mutating func advance() {
        var start = nextLineStart
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != FrontMatterByte.newline { end += 1 }
            var content = start
            while content < end, bytes[content] == FrontMatterByte.space { content += 1 }
            if content < end {
                line = Line(start: start, content: content, end: end)
                nextLineStart = end + 1
                return
            }
            start = end + 1
        }
        line = nil
        nextLineStart = bytes.count
    }

    // MARK: Scalars

    /// The value after `key: ` or `- `, up to the line end: a double-quoted or plain scalar, or `[]`.
    private func inlineValue(_ range: Range<Int>) -> Node? {
        switch bytes[range.lowerBound] {
        case FrontMatterByte.doubleQuote:
            guard let text = SimpleFrontMatterScalars.doubleQuoted(bytes, range) else { return nil }
            return .scalar(Node.Scalar(text, tag(.str), .doubleQuoted))
        case FrontMatterByte.openBracket:
            guard range.count >= 2, bytes[range.lowerBound + 1] == FrontMatterByte.closeBracket,
                SimpleFrontMatterScalars.isSpaces(bytes, range.lowerBound + 2..<range.upperBound)
            else { return nil }
            return .sequence(Node.Sequence([], tag(.implicit), .any))
        default:
            guard let text = SimpleFrontMatterScalars.plain(bytes, range) else { return nil }
            return plainScalar(String(decoding: text, as: UTF8.self))
        }
    }

    private func plainScalar(_ text: String) -> Node {
        .scalar(Node.Scalar(text, tag(.implicit), .plain))
    }

    /// A fresh tag per node, as Yams makes: a tag resolves itself in place when compared.
    private func tag(_ name: Tag.Name) -> Tag { Tag(name, .basic, constructor) }
}
