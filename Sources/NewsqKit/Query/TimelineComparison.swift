import Foundation

/// Several queries' timelines over the same periods (`--compare`), and, for `--share`, how
/// many articles of the archive were published in each, so counts can be read as shares.
///
/// The periods span from the first dated match of any query to the last of any; the
/// granularity is chosen once for that span, so every series has the same periods and the
/// first series is the main query's own timeline when it is the only one.
public struct TimelineComparison: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        /// The query as the user wrote it.
        public var query: String
        /// Its matches, over the comparison's periods.
        public var timeline: Timeline
    }

    /// Per day counts of one query, as `TimelineQuery.dayCounts` gives them.
    public struct DayCounts: Sendable {
        public var query: String
        public var days: [Int: Int]
        public var undated: Int

        public init(query: String, days: [Int: Int], undated: Int) {
            self.query = query
            self.days = days
            self.undated = undated
        }
    }

    /// The main query first, then the compared ones in the order given.
    public var series: [Series]
    /// Every article the filters keep, per period (with `--share`), else nil.
    public var articles: Timeline?

    /// Never `auto`: the granularity of every series.
    public var granularity: TimelineGranularity { series[0].timeline.granularity }
    /// The periods of every series (with the main query's counts).
    public var periods: [Timeline.Period] { series[0].timeline.periods }

    /// `queries` must not be empty; `articleDays` are all articles' day counts for `--share`.
    public init(queries: [DayCounts], articleDays: [Int: Int]? = nil, by granularity: TimelineGranularity) {
        precondition(!queries.isEmpty, "a timeline comparison needs a query")
        let days = queries.flatMap(\.days.keys)
        let span = days.min().flatMap { first in days.max().map { first...$0 } }
        series = queries.map {
            Series(query: $0.query, timeline: Timeline(dayCounts: $0.days, undated: $0.undated, by: granularity, span: span))
        }
        // Without a dated match there are no periods, so no articles to divide by either.
        articles = articleDays.map { Timeline(dayCounts: span == nil ? [:] : $0, undated: 0, by: granularity, span: span) }
    }

    /// Each period's count of `series` divided by the articles published in it; nil for a
    /// period without articles, and for every period without `--share`.
    public func shares(of series: Series) -> [Double?] {
        guard let articles else { return series.timeline.periods.map { _ in nil } }
        return zip(series.timeline.periods, articles.periods).map { period, all in
            all.count > 0 ? Double(period.count) / Double(all.count) : nil
        }
    }

    /// A share as a percentage for people: one decimal, two below 1 %, `–` when there is none.
    public static func percentage(_ share: Double?) -> String {
        guard let share else { return "–" }
        return String(format: share < 0.01 && share > 0 ? "%.2f%%" : "%.1f%%", share * 100)
    }
}
