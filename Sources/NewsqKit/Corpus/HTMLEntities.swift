/// Decodes HTML character references (`&amp;`, `&#8217;`, `&#x1F600;`) in UTF-8 text.
///
/// Only references closed by `;` are decoded: a bare `&` in a URL query (`?a=1&b=2`) must stay.
/// `&nbsp;` becomes a plain space because every consumer here indexes or displays words,
/// and a no-break space would only glue two words together for the tokenizer.
enum HTMLEntities {
    /// Decodes the reference starting at `start` (which holds `&`): the UTF-8 bytes it stands
    /// for and the index just past its `;`, or `nil` when the text there is not a reference.
    static func decode(
        in bytes: UnsafeBufferPointer<UInt8>, at start: Int
    ) -> (replacement: Unicode.Scalar, end: Int)? {
        let afterAmpersand = start + 1
        guard afterAmpersand < bytes.count else { return nil }
        if bytes[afterAmpersand] == UInt8(ascii: "#") {
            return decodeNumeric(in: bytes, at: afterAmpersand + 1)
        }
        var index = afterAmpersand
        let limit = min(bytes.count, afterAmpersand + longestName + 1)
        while index < limit, isASCIIAlphanumeric(bytes[index]) { index += 1 }
        guard index < bytes.count, index > afterAmpersand, bytes[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[afterAmpersand..<index]), as: UTF8.self)
        guard let scalar = named[name] else { return nil }
        return (scalar, index + 1)
    }

    /// Decodes every reference in `text`; returns `text` itself when it holds no `&`.
    static func decodeAll(in text: String) -> String {
        var copy = text
        guard copy.withUTF8({ $0.contains(UInt8(ascii: "&")) }) else { return text }
        return copy.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "&"), let (scalar, end) = decode(in: bytes, at: index) {
                    appendUTF8(scalar, to: &output)
                    index = end
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        if scalar.isASCII {
            output.append(UInt8(scalar.value))
        } else {
            output.append(contentsOf: UTF8.encode(scalar)!)
        }
    }

    private static func decodeNumeric(
        in bytes: UnsafeBufferPointer<UInt8>, at start: Int
    ) -> (replacement: Unicode.Scalar, end: Int)? {
        var index = start
        let isHex = index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "x")
        if isHex { index += 1 }
        let digitsStart = index
        var value: UInt32 = 0
        // Eight digits cover every code point; more can only be an overflow attack or garbage.
        while index < bytes.count, index - digitsStart < 8, let digit = digitValue(bytes[index], hex: isHex) {
            value = value * (isHex ? 16 : 10) + digit
            index += 1
        }
        guard index > digitsStart, index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
        return (scalarForCodePoint(value), index + 1)
    }

    /// Applies the HTML5 rules: NUL, surrogates and out-of-range values become U+FFFD, and the
    /// C1 range is read as Windows-1252, as browsers do for `&#146;` and friends.
    private static func scalarForCodePoint(_ value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = windows1252[value] { return mapped }
        if value == 0xA0 { return " " }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66 where hex: UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static let longestName = 8

    private static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}",
        0x86: "\u{2020}", 0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}",
        0x8B: "\u{2039}", 0x8C: "\u{0152}", 0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}",
        0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}", 0x96: "\u{2013}", 0x97: "\u{2014}",
        0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}", 0x9C: "\u{0153}",
        0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]

    /// The references news feeds actually use; the full HTML5 list has over 2,000 names.
    private static let named: [String: Unicode.Scalar] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "hellip": "\u{2026}", "mdash": "\u{2014}", "ndash": "\u{2013}", "minus": "\u{2212}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "sbquo": "\u{201A}",
        "ldquo": "\u{201C}", "rdquo": "\u{201D}", "bdquo": "\u{201E}",
        "laquo": "\u{00AB}", "raquo": "\u{00BB}", "lsaquo": "\u{2039}", "rsaquo": "\u{203A}",
        "bull": "\u{2022}", "middot": "\u{00B7}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}", "deg": "\u{00B0}",
        "para": "\u{00B6}", "sect": "\u{00A7}", "dagger": "\u{2020}", "Dagger": "\u{2021}",
        "euro": "\u{20AC}", "pound": "\u{00A3}", "yen": "\u{00A5}", "cent": "\u{00A2}",
        "curren": "\u{00A4}", "times": "\u{00D7}", "divide": "\u{00F7}", "plusmn": "\u{00B1}",
        "frac12": "\u{00BD}", "frac14": "\u{00BC}", "frac34": "\u{00BE}", "permil": "\u{2030}",
        "sup1": "\u{00B9}", "sup2": "\u{00B2}", "sup3": "\u{00B3}", "micro": "\u{00B5}",
        "iexcl": "\u{00A1}", "iquest": "\u{00BF}", "shy": "\u{00AD}", "ensp": "\u{2002}",
        "emsp": "\u{2003}", "thinsp": "\u{2009}", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "larr": "\u{2190}", "rarr": "\u{2192}", "uarr": "\u{2191}", "darr": "\u{2193}",
        "Agrave": "\u{00C0}", "Aacute": "\u{00C1}", "Acirc": "\u{00C2}", "Atilde": "\u{00C3}",
        "Auml": "\u{00C4}", "Aring": "\u{00C5}", "AElig": "\u{00C6}", "Ccedil": "\u{00C7}",
        "Egrave": "\u{00C8}", "Eacute": "\u{00C9}", "Ecirc": "\u{00CA}", "Euml": "\u{00CB}",
        "Igrave": "\u{00CC}", "Iacute": "\u{00CD}", "Icirc": "\u{00CE}", "Iuml": "\u{00CF}",
        "Ntilde": "\u{00D1}", "Ograve": "\u{00D2}", "Oacute": "\u{00D3}", "Ocirc": "\u{00D4}",
        "Otilde": "\u{00D5}", "Ouml": "\u{00D6}", "Oslash": "\u{00D8}", "Ugrave": "\u{00D9}",
        "Uacute": "\u{00DA}", "Ucirc": "\u{00DB}", "Uuml": "\u{00DC}", "Yacute": "\u{00DD}",
        "szlig": "\u{00DF}", "agrave": "\u{00E0}", "aacute": "\u{00E1}", "acirc": "\u{00E2}",
        "atilde": "\u{00E3}", "auml": "\u{00E4}", "aring": "\u{00E5}", "aelig": "\u{00E6}",
        "ccedil": "\u{00E7}", "egrave": "\u{00E8}", "eacute": "\u{00E9}", "ecirc": "\u{00EA}",
        "euml": "\u{00EB}", "igrave": "\u{00EC}", "iacute": "\u{00ED}", "icirc": "\u{00EE}",
        "iuml": "\u{00EF}", "ntilde": "\u{00F1}", "ograve": "\u{00F2}", "oacute": "\u{00F3}",
        "ocirc": "\u{00F4}", "otilde": "\u{00F5}", "ouml": "\u{00F6}", "oslash": "\u{00F8}",
        "ugrave": "\u{00F9}", "uacute": "\u{00FA}", "ucirc": "\u{00FB}", "uuml": "\u{00FC}",
        "yacute": "\u{00FD}", "yuml": "\u{00FF}", "OElig": "\u{0152}", "oelig": "\u{0153}",
        "Scaron": "\u{0160}", "scaron": "\u{0161}", "Yuml": "\u{0178}", "fnof": "\u{0192}",
        "alpha": "\u{03B1}", "beta": "\u{03B2}", "gamma": "\u{03B3}", "delta": "\u{03B4}",
        "pi": "\u{03C0}", "mu": "\u{03BC}", "sigma": "\u{03C3}", "omega": "\u{03C9}",
    ]
}
