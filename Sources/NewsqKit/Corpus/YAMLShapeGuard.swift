/// Refuses front matter that could make composing or reading the YAML blow up, before Yams sees it.
///
/// Two shapes are dangerous. Deep nesting (`[[[[...`) overflows the recursive composer's stack.
/// Aliases (`*name`) cost nothing while composing, since the tree shares the anchored node, but
/// every walk over the tree expands them: nine levels of ten aliases are a billion nodes
/// ("billion laughs"). Reading fields walks only a few levels, so the remaining risk is Yams
/// itself, which hashes every mapping key to find duplicates: an alias inside a key is refused.
///
/// This is a scan of the raw text, not a YAML parser. It errs towards counting too much (a
/// `*` that opens a plain continuation line counts as an alias) and never counts too little
/// for the text that libyaml would read as structure.
struct YAMLShapeGuard {
    static let maxDepth = 64
    static let maxAliases = 1000

    /// Why the YAML is refused, or `nil` when it is within bounds.
    static func problem(in yaml: UnsafeBufferPointer<UInt8>) -> String? {
        var scanner = YAMLShapeGuard(bytes: yaml)
        return scanner.scan()
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// Open block collections by the column where they start; `compactSequence` marks a
    /// sequence written at its parent key's own indentation (`key:\n- item`).
    private var blockLevels: [(column: Int, compactSequence: Bool)] = []
    private var flowLevelsWithAlias: [Bool] = []
    private var aliasCount = 0
    private var sawAliasInKey = false
    private var sawExplicitKey = false
    private var openQuote: UInt8?
    /// Lines indented deeper than this are the text of a block or plain scalar, not structure.
    private var scalarTextDeeperThan: Int?
    /// The indentation of a line that ended with `key:` and no value.
    private var valuePendingAtColumn: Int?
    /// The most levels open at once so far; a one-line `[[[...]]]` closes before the line ends.
    private var deepest = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private mutating func scan() -> String? {
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            scanLine(lineStart..<lineEnd)
            if deepest > Self.maxDepth {
                return "it nests deeper than \(Self.maxDepth) levels"
            }
            if aliasCount > Self.maxAliases {
                return "it uses more than \(Self.maxAliases) aliases (`*name`)"
            }
            lineStart = lineEnd + 1
        }
        if sawAliasInKey { return "an alias (`*name`) is used inside a mapping key" }
        if sawExplicitKey, aliasCount > 0 { return "complex keys (`? key`) are used together with aliases" }
        return nil
    }

    private mutating func scanLine(_ line: Range<Int>) {
        if openQuote != nil || !flowLevelsWithAlias.isEmpty {
            scanTokens(line, from: line.lowerBound, nodeColumn: 0, atTokenStart: openQuote == nil)
            return
        }
        var first = line.lowerBound
        while first < line.upperBound, bytes[first] == 0x20 { first += 1 }
        let indent = first - line.lowerBound
        if first == line.upperBound || bytes[first] == UInt8(ascii: "#") || isBlank(first..<line.upperBound) {
            return
        }
        if let limit = scalarTextDeeperThan {
            if indent > limit { return }
            scalarTextDeeperThan = nil
        }
        let startsWithDash = isIndicator(UInt8(ascii: "-"), at: first, lineEnd: line.upperBound)
        while let top = blockLevels.last, top.column > indent { blockLevels.removeLast() }
        if let top = blockLevels.last, top.column == indent, top.compactSequence, !startsWithDash {
            blockLevels.removeLast()
        }
        if let top = blockLevels.last, top.column == indent {
            if valuePendingAtColumn == indent, startsWithDash { openBlockLevel(indent, compactSequence: true) }
        } else {
            openBlockLevel(indent, compactSequence: false)
        }
        valuePendingAtColumn = nil
        scanTokens(line, from: first, nodeColumn: indent, atTokenStart: true)
    }

    private mutating func scanTokens(_ line: Range<Int>, from start: Int, nodeColumn: Int, atTokenStart: Bool) {
        var index = start
        var atTokenStart = atTokenStart
        var nodeColumn = nodeColumn
        // After `- `, the entry's own node starts at the next token, wherever that is.
        var nextTokenStartsNode = false
        var inPlainScalar = false
        while index < line.upperBound {
            let byte = bytes[index]
            if let quote = openQuote {
                if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                    index += 2
                    continue
                }
                if byte == quote {
                    if quote == UInt8(ascii: "'"), index + 1 < line.upperBound, bytes[index + 1] == quote {
                        index += 2
                        continue
                    }
                    openQuote = nil
                }
                index += 1
                continue
            }
            let inFlow = !flowLevelsWithAlias.isEmpty
            if byte == 0x20 || byte == 0x09 {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "#"), atTokenStart || isWhitespace(before: index, lineStart: line.lowerBound) {
                break
            }
            if inFlow, byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                closeFlowLevel(at: index, lineEnd: line.upperBound)
                atTokenStart = false
                inPlainScalar = false
                index += 1
                continue
            }
            if inFlow, byte == UInt8(ascii: ",") {
                atTokenStart = true
                inPlainScalar = false
                index += 1
                continue
            }
            if byte == UInt8(ascii: ":"), inFlow || isIndicator(byte, at: index, lineEnd: line.upperBound) {
                atTokenStart = true
                inPlainScalar = false
                if !inFlow, isBlank(index + 1..<line.upperBound) { valuePendingAtColumn = nodeColumn }
                index += 1
                continue
            }
            guard atTokenStart else {
                index += 1
                continue
            }
            let column = index - line.lowerBound
            if nextTokenStartsNode {
                nodeColumn = column
                nextTokenStartsNode = false
            }
            switch byte {
            case UInt8(ascii: "-") where !inFlow && isIndicator(byte, at: index, lineEnd: line.upperBound):
                openBlockLevel(column + 1, compactSequence: false)
                nextTokenStartsNode = true
            case UInt8(ascii: "?") where isIndicator(byte, at: index, lineEnd: line.upperBound):
                sawExplicitKey = true
            case UInt8(ascii: "&"), UInt8(ascii: "!"):
                index = tokenEnd(from: index, lineEnd: line.upperBound, inFlow: inFlow)
                continue
            case UInt8(ascii: "*"):
                aliasCount += 1
                if inFlow { flowLevelsWithAlias[flowLevelsWithAlias.count - 1] = true }
                index = tokenEnd(from: index, lineEnd: line.upperBound, inFlow: inFlow)
                if nextVisibleByte(from: index, lineEnd: line.upperBound) == UInt8(ascii: ":") { sawAliasInKey = true }
                atTokenStart = false
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                openQuote = byte
                atTokenStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flowLevelsWithAlias.append(false)
                deepest = max(deepest, blockLevels.count + flowLevelsWithAlias.count)
            case UInt8(ascii: "|") where !inFlow, UInt8(ascii: ">") where !inFlow:
                scalarTextDeeperThan = nodeColumn
                return
            default:
                atTokenStart = false
                inPlainScalar = true
            }
            index += 1
        }
        if inPlainScalar, flowLevelsWithAlias.isEmpty { scalarTextDeeperThan = nodeColumn }
    }

    private mutating func openBlockLevel(_ column: Int, compactSequence: Bool) {
        blockLevels.append((column, compactSequence))
        deepest = max(deepest, blockLevels.count + flowLevelsWithAlias.count)
    }

    private mutating func closeFlowLevel(at index: Int, lineEnd: Int) {
        let hadAlias = flowLevelsWithAlias.removeLast()
        guard hadAlias else { return }
        if !flowLevelsWithAlias.isEmpty { flowLevelsWithAlias[flowLevelsWithAlias.count - 1] = true }
        if nextVisibleByte(from: index + 1, lineEnd: lineEnd) == UInt8(ascii: ":") { sawAliasInKey = true }
    }

    /// A `-`, `?` or `:` counts as an indicator only when a space or the line end follows it.
    private func isIndicator(_ byte: UInt8, at index: Int, lineEnd: Int) -> Bool {
        index < lineEnd && bytes[index] == byte
            && (index + 1 == lineEnd || bytes[index + 1] == 0x20 || bytes[index + 1] == 0x09)
    }

    private func tokenEnd(from start: Int, lineEnd: Int, inFlow: Bool) -> Int {
        var index = start + 1
        while index < lineEnd {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 { break }
            if inFlow, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { break }
            index += 1
        }
        return index
    }

    private func nextVisibleByte(from start: Int, lineEnd: Int) -> UInt8? {
        var index = start
        while index < lineEnd, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index < lineEnd ? bytes[index] : nil
    }

    private func isWhitespace(before index: Int, lineStart: Int) -> Bool {
        index == lineStart || bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        for index in range where bytes[index] != 0x20 && bytes[index] != 0x09 && bytes[index] != 0x0D {
            if bytes[index] == UInt8(ascii: "#"), isWhitespace(before: index, lineStart: range.lowerBound) { return true }
            return false
        }
        return true
    }
}
