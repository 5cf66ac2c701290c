/// Cleans a short front-matter text (a title or an excerpt) for indexing and display.
enum FieldText {
    /// Decodes HTML references and folds every run of whitespace, newlines included, into one space.
    ///
    /// Excerpts are cut from HTML pages, so they carry `&nbsp;`, `&#8217;` and hard line breaks
    /// that mean nothing once the excerpt is shown on one line. The ideographic space U+3000 is
    /// left alone: in Chinese text it is typography, not a word separator.
    static func clean(_ text: String) -> String {
        var original = text
        if original.withUTF8(isAlreadyClean) { return text }
        let decoded = HTMLEntities.decodeAll(in: text)
        var copy = decoded
        return copy.withUTF8 { bytes in
            var writer = PlainTextWriter(capacity: bytes.count)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                    writer.space()
                    index += 2
                    continue
                }
                if PlainTextWriter.isWhitespace(byte) { writer.space() } else { writer.append(byte) }
                index += 1
            }
            return writer.finish()
        }
    }

    /// True when cleaning would change nothing: most titles, so they skip the copy.
    private static func isAlreadyClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
        var previous: UInt8 = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "&"), 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return false
            case 0x20 where previous == 0x20, 0xA0 where previous == 0xC2: return false
            default: previous = byte
            }
        }
        return true
    }
}

/// Collects plain-text output, folding whitespace on the fly so no second pass is needed.
///
/// Spaces and paragraph breaks are held back until the next visible byte: runs collapse to one,
/// a break wins over spaces around it, and nothing dangles at either end.
struct PlainTextWriter {
    private(set) var bytes: [UInt8] = []
    private var pendingSpace = false
    private var pendingBreak = false

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    mutating func space() { pendingSpace = true }

    mutating func paragraphBreak() { pendingBreak = true }

    mutating func append(_ byte: UInt8) {
        flushPending()
        bytes.append(byte)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        if scalar == " " { space(); return }
        flushPending()
        HTMLEntities.appendUTF8(scalar, to: &bytes)
    }

    mutating func append(contentsOf slice: UnsafeBufferPointer<UInt8>.SubSequence) {
        for byte in slice {
            if byte == 0x0A { paragraphBreak() } else if Self.isWhitespace(byte) { space() } else { append(byte) }
        }
    }

    mutating func finish() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    private mutating func flushPending() {
        if !bytes.isEmpty {
            if pendingBreak { bytes.append(0x0A) } else if pendingSpace { bytes.append(0x20) }
        }
        pendingSpace = false
        pendingBreak = false
    }
}
