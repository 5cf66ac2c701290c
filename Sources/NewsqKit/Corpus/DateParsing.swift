import Foundation

/// Parses the ISO 8601 timestamps of the article format without a formatter object.
///
/// Accepted: `YYYY-MM-DD`, and `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z`, `±HH:MM`,
/// `±HHMM`, `±HH` or nothing (read as UTC, as YAML does). A space may stand for the `T`.
/// `DateFormatter` and `ISO8601DateFormatter` are slow to build and not safe to share across
/// threads on every platform; a hand-written reader costs nothing per call.
public enum ISO8601DateParser {
    /// The instant the text names, or `nil` when it is not one of the accepted forms.
    public static func parse(_ text: String) -> Date? {
        var copy = text
        return copy.withUTF8 { parse(utf8: $0) }
    }

    static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = ByteCursor(bytes: bytes)
        cursor.skipSpaces()
        guard let year = cursor.digits(exactly: 4), cursor.consume(UInt8(ascii: "-")),
            let month = cursor.digits(exactly: 2), cursor.consume(UInt8(ascii: "-")),
            let day = cursor.digits(exactly: 2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = Double(daysSinceEpoch(year: year, month: month, day: day)) * 86_400
        cursor.skipTrailingSpaces()
        if cursor.isAtEnd { return Date(timeIntervalSince1970: seconds) }

        guard
            cursor.consume(UInt8(ascii: "T")) || cursor.consume(UInt8(ascii: "t"))
                || cursor.consume(UInt8(ascii: " ")),
            let hour = cursor.digits(exactly: 2), cursor.consume(UInt8(ascii: ":")),
            let minute = cursor.digits(exactly: 2), hour <= 23, minute <= 59
        else { return nil }
        var second = 0
        var fraction = 0.0
        if cursor.consume(UInt8(ascii: ":")) {
            // 60 is a leap second; it rolls over into the next minute like any other date arithmetic.
            guard let value = cursor.digits(exactly: 2), value <= 60 else { return nil }
            second = value
            if cursor.consume(UInt8(ascii: ".")) || cursor.consume(UInt8(ascii: ",")) {
                guard let value = cursor.fraction() else { return nil }
                fraction = value
            }
        }
        seconds += Double(hour * 3600 + minute * 60 + second) + fraction

        guard let offset = cursor.zoneOffset() else { return nil }
        cursor.skipTrailingSpaces()
        guard cursor.isAtEnd else { return nil }
        return Date(timeIntervalSince1970: seconds - Double(offset))
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's civil-days method).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A forward-only reader over the bytes of one timestamp.
private struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }
    var current: UInt8? { isAtEnd ? nil : bytes[index] }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while let byte = current, byte == 0x20 || byte == 0x09 { index += 1 }
    }

    /// Spaces are allowed only at the very end, so the zone must follow the time directly.
    mutating func skipTrailingSpaces() {
        var probe = index
        while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
        if probe == bytes.count { index = probe }
    }

    mutating func digits(exactly count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let digit = Int(bytes[index + offset]) - 0x30
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        index += count
        return value
    }

    mutating func fraction() -> Double? {
        var value = 0.0
        var scale = 0.1
        let start = index
        while let byte = current, (0x30...0x39).contains(byte) {
            value += Double(byte - 0x30) * scale
            scale /= 10
            index += 1
        }
        return index > start ? value : nil
    }

    /// The zone as seconds east of UTC; `0` when the text has no zone at all.
    mutating func zoneOffset() -> Int? {
        guard let sign = current else { return 0 }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        if sign == 0x20 || sign == 0x09 {
            skipSpaces()
            if isAtEnd { return 0 }
            return zoneOffset()
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        index += 1
        guard let hours = digits(exactly: 2), hours <= 23 else { return nil }
        var minutes = 0
        if consume(UInt8(ascii: ":")) {
            guard let value = digits(exactly: 2) else { return nil }
            minutes = value
        } else if let value = digits(exactly: 2) {
            minutes = value
        }
        guard minutes <= 59 else { return nil }
        let magnitude = hours * 3600 + minutes * 60
        return sign == UInt8(ascii: "-") ? -magnitude : magnitude
    }
}
