import Foundation

/// How long a timeline's periods are. `auto` picks the finest that keeps a chart readable.
public enum TimelineGranularity: String, CaseIterable, Sendable, Codable {
    case auto, day, week, month, year
}

/// How many of a query's matches were published in each period (UTC), from the first dated
/// match to the last, empty periods included, so a chart shows the gaps as well as the peaks.
///
/// Weeks are ISO 8601 weeks (Monday to Sunday, `2024-W11`); the other labels are `2024-03-13`,
/// `2024-03` and `2024`. Every match is counted once: the periods' counts plus `undated` are
/// the query's `total`.
public struct Timeline: Sendable, Equatable {
    public struct Period: Sendable, Equatable {
        /// `2024-03-13`, `2024-W11`, `2024-03` or `2024`.
        public var label: String
        /// The first day of the period, in days since 1970-01-01.
        public var startDay: Int
        public var count: Int

        /// The first day as `YYYY-MM-DD`.
        public var start: String { CivilDate(days: startDay).text }
    }

    /// Never `auto`: the granularity that was used.
    public var granularity: TimelineGranularity
    public var periods: [Period]
    public var undated: Int

    /// Every match, dated or not.
    public var total: Int { periods.reduce(undated) { $0 + $1.count } }

    /// `auto` uses the finest granularity with at most this many periods.
    public static let automaticMaximum = 40
    /// A timeline has at most this many periods (a year more would make it 10,001, past any
    /// date an article can have): a granularity that would make more is coarsened to the
    /// finest that does not, so `granularity` may be coarser than the one asked for.
    public static let maximumPeriods = 10_000

    /// The granularities from finest to coarsest.
    static let finestFirst: [TimelineGranularity] = [.day, .week, .month, .year]

    /// `span` (first and last day) sets the periods when several timelines must share them;
    /// by default they run from the first dated day of `dayCounts` to the last. Days outside
    /// `span` are not counted.
    public init(
        dayCounts: [Int: Int], undated: Int, by granularity: TimelineGranularity, span: ClosedRange<Int>? = nil
    ) {
        self.undated = undated
        guard let first = span?.lowerBound ?? dayCounts.keys.min(), let last = span?.upperBound ?? dayCounts.keys.max()
        else {
            self.granularity = granularity == .auto ? .month : granularity
            periods = []
            return
        }
        let maximum = granularity == .auto ? Self.automaticMaximum : Self.maximumPeriods
        let candidates = Self.finestFirst.drop { granularity != .auto && $0 != granularity }
        let chosen = candidates.first { Self.periodCount(from: first, to: last, by: $0) <= maximum } ?? .year
        self.granularity = chosen
        var counts: [Int: Int] = [:]
        for (day, count) in dayCounts { counts[Self.periodStart(of: day, by: chosen), default: 0] += count }
        periods = Self.periodStarts(from: first, to: last, by: chosen).map {
            Period(label: Self.label(start: $0, by: chosen), startDay: $0, count: counts[$0] ?? 0)
        }
    }

    static func periodStart(of day: Int, by granularity: TimelineGranularity) -> Int {
        let date = CivilDate(days: day)
        switch granularity {
        case .day, .auto: return day
        case .week: return day - CivilDate.mondayBasedWeekday(day)
        case .month: return CivilDate(year: date.year, month: date.month, day: 1).days
        case .year: return CivilDate(year: date.year, month: 1, day: 1).days
        }
    }

    /// How many periods `periodStarts` gives, worked out without listing them.
    static func periodCount(from first: Int, to last: Int, by granularity: TimelineGranularity) -> Int {
        let start = periodStart(of: first, by: granularity), end = periodStart(of: last, by: granularity)
        let from = CivilDate(days: start), to = CivilDate(days: end)
        switch granularity {
        case .day, .auto: return end - start + 1
        case .week: return (end - start) / 7 + 1
        case .month: return (to.year * 12 + to.month) - (from.year * 12 + from.month) + 1
        case .year: return to.year - from.year + 1
        }
    }

    static func periodStarts(from first: Int, to last: Int, by granularity: TimelineGranularity) -> [Int] {
        var starts: [Int] = []
        var start = periodStart(of: first, by: granularity)
        let end = periodStart(of: last, by: granularity)
        while start <= end {
            starts.append(start)
            let date = CivilDate(days: start)
            switch granularity {
            case .day, .auto: start += 1
            case .week: start += 7
            case .month: start = CivilDate(year: date.year + date.month / 12, month: date.month % 12 + 1, day: 1).days
            case .year: start = CivilDate(year: date.year + 1, month: 1, day: 1).days
            }
        }
        return starts
    }

    static func label(start: Int, by granularity: TimelineGranularity) -> String {
        let date = CivilDate(days: start)
        switch granularity {
        case .day, .auto: return date.text
        case .week:
            // The ISO week belongs to the year of its Thursday, and is numbered from that year's first.
            let thursday = CivilDate(days: start + 3)
            let week = (start + 3 - CivilDate(year: thursday.year, month: 1, day: 1).days) / 7 + 1
            return String(format: "%04d-W%02d", thursday.year, week)
        case .month: return String(format: "%04d-%02d", date.year, date.month)
        case .year: return String(format: "%04d", date.year)
        }
    }
}

/// A proleptic Gregorian date, converted from and to days since 1970-01-01 with integer
/// arithmetic (Howard Hinnant's civil-date algorithms): exact, and no Calendar per day.
struct CivilDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(days: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    var days: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    var text: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// 0 for Monday … 6 for Sunday; 1970-01-01 was a Thursday.
    static func mondayBasedWeekday(_ days: Int) -> Int {
        ((days + 3) % 7 + 7) % 7
    }
}
