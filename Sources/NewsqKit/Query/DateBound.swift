import Foundation

/// Reads a date bound as typed on the command line: an ISO 8601 date (`2024-03-01`,
/// `2024-03-01T12:00:00Z`) or an age relative to `now` (`12h`, `30d`, `2w`, `6m`, `1y`).
public enum DateBound {
    /// The oldest age a bound may name, in days: 10,000 years reach past every date an article
    /// can have, and a larger number (or infinity) would only make arithmetic overflow.
    public static let maximumAgeDays = 10_000 * 365.2425

    public static func parse(_ text: String, now: Date) -> Date? {
        if let date = ISO8601DateParser.parse(text) { return date }
        guard let unit = text.last, let amount = Double(text.dropLast()), amount >= 0 else { return nil }
        let days: Double
        switch unit {
        case "h": days = amount / 24
        case "d": days = amount
        case "w": days = amount * 7
        case "m": days = amount * 30.436875 // a mean Gregorian month
        case "y": days = amount * 365.2425
        default: return nil
        }
        guard days.isFinite, days <= maximumAgeDays else { return nil }
        return now.addingTimeInterval(-days * 86_400)
    }
}
