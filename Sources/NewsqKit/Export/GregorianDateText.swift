import Foundation

/// Instants as ISO 8601 text in UTC and the proleptic Gregorian calendar, the calendar dates
/// are read in (`ISO8601DateParser`) and filtered by. Foundation's ISO 8601 formatting
/// switches to the Julian calendar before 1582-10-15, so it would print an article of
/// 0001-01-01 as 0001-01-03 while `--since 0001-01-01` finds it.
///
/// For example:
///
/// ```swift
/// GregorianDateText.timestamp(Date(timeIntervalSince1970: 0))  // "1970-01-01T00:00:00Z"
/// GregorianDateText.day(Date(timeIntervalSince1970: 0))        // "1970-01-01"
/// ```
public enum GregorianDateText {
    /// `2024-03-01T12:00:00Z`; fractions of a second are left out, as Foundation's `.iso8601` does.
    public static func timestamp(_ date: Date) -> String {
        let (days, second) = split(date)
        return CivilDate(days: days).text
            + String(format: "T%02d:%02d:%02dZ", second / 3600, second / 60 % 60, second % 60)
    }

    /// `2024-03-01`: the UTC day of `date`.
    public static func day(_ date: Date) -> String {
        CivilDate(days: split(date).days).text
    }

    /// The day since 1970-01-01 and the second within it.
    private static func split(_ date: Date) -> (days: Int, second: Int) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        // Every instant an article can have is far inside these bounds; they only keep a
        // corrupt value from trapping on the conversion.
        let clamped = Int(min(max(seconds, -1e15), 1e15))
        let days = clamped >= 0 ? clamped / 86_400 : (clamped - 86_399) / 86_400
        return (days, clamped - days * 86_400)
    }
}
