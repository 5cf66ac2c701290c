import Yams

/// Composes the narrow YAML subset that real front matter is written in, without libyaml.
///
/// Yams spent about a third of the indexing workers' time on front matter that is always the
/// same few shapes: top-level `key: value` lines, a nested mapping (`provider:`), block
/// sequences of scalars (`topics:`) and of mappings (`related:`, `images:`), and `[]`. This
/// reads exactly those shapes into the tree `Yams.compose(yaml:, .basic, .default, .utf8)`
/// builds: the same kinds, keys in the same order, the same scalar text, style and tag.
/// Marks are left out, as Yams has no public way to make one and nothing here reads them.
///
/// Anything else returns `nil` so that Yams reads it and keeps its own results and errors:
/// comments, flow collections other than `[]`, block scalars, anchors, aliases, tags,
/// single-quoted or multi-line scalars, escapes other than `\" \\ \/ \n \t \r \uXXXX`, keys
/// that are not plain words, duplicate keys, tabs, and characters libyaml treats specially.
enum SimpleFrontMatter {
    /// Nesting deeper than real front matter ever goes is left to Yams (and `YAMLShapeGuard`).
    static let maxDepth = 16
    /// libyaml refuses a simple key longer than 1024 characters; real keys are short words.
    static let maxKeyLength = 128
    /// Duplicate keys are found by a linear scan, cheap for the few dozen keys real mappings
    /// have; a mapping with more goes to Yams, which hashes them.
    static let maxKeysPerMapping = 64

    /// The root node of `yaml` (UTF-8, `\n` line ends), or `nil` when the text is outside the
    /// subset and Yams must read it.
    static func compose(_ yaml: UnsafeBufferPointer<UInt8>) -> Node? {
        guard hasOnlyPlainCharacters(yaml) else { return nil }
        var reader = SimpleFrontMatterReader(bytes: yaml)
        return reader.document()
    }

    /// False for bytes libyaml reads as something other than text on one line: control
    /// characters (tabs among them, as indentation), NEL, the line and paragraph separators,
    /// a BOM (skipped at a line start), and the non-characters U+FFFE and U+FFFF it refuses.
    /// The text is already valid UTF-8.
    private static func hasOnlyPlainCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if (byte < 0x20 && byte != 0x0A) || byte == 0x7F { return false }
                index += 1
                continue
            }
            let next = index + 1 < count ? bytes[index + 1] : 0
            let third = index + 2 < count ? bytes[index + 2] : 0
            switch byte {
            case 0xC2 where next >= 0x80 && next <= 0x9F: return false
            case 0xE2 where next == 0x80 && (third == 0xA8 || third == 0xA9): return false
            case 0xEF where next == 0xBB && third == 0xBF: return false
            case 0xEF where next == 0xBF && (third == 0xBE || third == 0xBF): return false
            default: index += 1
            }
        }
        return true
    }
}
