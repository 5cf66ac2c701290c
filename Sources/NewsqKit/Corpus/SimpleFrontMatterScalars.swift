/// The one-line scalars `SimpleFrontMatter` reads, with libyaml's rules for the cases it accepts
/// and `nil` for every case it leaves to Yams.
enum SimpleFrontMatterScalars {
    /// The text of a plain scalar filling `range`, trailing spaces dropped; `nil` when it
    /// starts with an indicator or holds `: ` or ` #`, which would make it a key or a comment.
    static func plain(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8>? {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == FrontMatterByte.space { end -= 1 }
        let start = range.lowerBound
        guard start < end else { return nil }
        let first = bytes[start]
        if first == FrontMatterByte.dash {
            // `-1` is text; `- ` would open a sequence.
            guard start + 1 < end, bytes[start + 1] != FrontMatterByte.space else { return nil }
        } else if FrontMatterByte.isIndicator(first) {
            return nil
        }
        var index = start
        while index < end {
            switch bytes[index] {
            case FrontMatterByte.colon where index + 1 == end || bytes[index + 1] == FrontMatterByte.space: return nil
            case FrontMatterByte.hash where index > start && bytes[index - 1] == FrontMatterByte.space: return nil
            default: index += 1
            }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The text of a double-quoted scalar opening at `range.lowerBound` and closing on the same
    /// line, with only spaces after it; `nil` for escapes other than `\" \\ \/ \n \t \r \uXXXX`.
    static func doubleQuoted(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        let start = range.lowerBound + 1
        var index = start
        while index < range.upperBound, bytes[index] != FrontMatterByte.doubleQuote, bytes[index] != FrontMatterByte.backslash {
            index += 1
        }
        guard index < range.upperBound else { return nil }
        if bytes[index] == FrontMatterByte.doubleQuote {
            guard isSpaces(bytes, index + 1..<range.upperBound) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        var text = Array(bytes[start..<index])
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == FrontMatterByte.doubleQuote {
                guard isSpaces(bytes, index + 1..<range.upperBound) else { return nil }
                return String(decoding: text, as: UTF8.self)
            }
            guard byte == FrontMatterByte.backslash else {
                text.append(byte)
                index += 1
                continue
            }
            guard index + 1 < range.upperBound else { return nil }
            switch bytes[index + 1] {
            case FrontMatterByte.doubleQuote, FrontMatterByte.backslash, FrontMatterByte.slash: text.append(bytes[index + 1])
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape(bytes, from: index + 2, to: range.upperBound) else { return nil }
                text.append(contentsOf: String(Character(scalar)).utf8)
                index += 4
            default: return nil
            }
            index += 2
        }
        return nil
    }

    /// The scalar of the four hex digits of `\uXXXX`; surrogates (which libyaml refuses) and
    /// control characters are left to Yams.
    private static func unicodeEscape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Unicode.Scalar? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for index in start..<start + 4 {
            guard let digit = FrontMatterByte.hexValue(bytes[index]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        guard value >= 0x20, !(0x7F...0x9F).contains(value), let scalar = Unicode.Scalar(value) else { return nil }
        return scalar
    }

    static func isSpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where bytes[index] != FrontMatterByte.space { return false }
        return true
    }
}

/// The ASCII bytes the front matter reader looks for.
enum FrontMatterByte {
    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let dash = UInt8(ascii: "-")
    static let colon = UInt8(ascii: ":")
    static let hash = UInt8(ascii: "#")
    static let doubleQuote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")

    /// Characters that cannot open a plain scalar (`-` is decided by what follows it).
    static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
            UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
    }

    static func isWord(_ byte: UInt8) -> Bool {
        isWordStart(byte) || byte == dash || byte == UInt8(ascii: ".")
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
