import Foundation
import Testing
@testable import NewsqKit

@Suite struct CivilDateTests {
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    @Test(arguments: Array(stride(from: -30_000, through: 30_000, by: 371)) + [-1, 0, 59, 60, 11_016, 19_782])
    func daysAgreeWithFoundationsCalendar(days: Int) {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
        let date = CivilDate(days: days)
        #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
        #expect(date.days == days)
    }

    /// ISO weeks at year boundaries, where naive week numbers go wrong.
    @Test(arguments: [
        ("2019-12-30", "2020-W01"), ("2020-12-31", "2020-W53"), ("2021-01-03", "2020-W53"),
        ("2021-01-04", "2021-W01"), ("1987-02-26", "1987-W09"), ("2024-03-13", "2024-W11"),
        ("1969-12-31", "1970-W01"),
    ])
    func weekLabelsAreISO8601Weeks(day: String, week: String) throws {
        let date = try #require(ISO8601DateParser.parse(day + "T12:00:00Z"))
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        #expect(Timeline.label(start: Timeline.periodStart(of: days, by: .week), by: .week) == week)
        var iso = Calendar(identifier: .iso8601)
        iso.timeZone = TimeZone(identifier: "UTC")!
        let parts = iso.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
        #expect(String(format: "%04d-W%02d", parts.yearForWeekOfYear!, parts.weekOfYear!) == week)
    }
}

@Suite struct TimelineTests {
    @Test(arguments: TimelineGranularity.allCases, ["AI", "监管", "chips OR semiconductors", "regulation -EU"])
    func countsAddUpToTheQuerysTotal(by granularity: TimelineGranularity, query: String) throws {
        let corpus = SampleCorpusSearchTests.sample
        let searchQuery = try SearchQuery(query, analyzer: corpus.analyzer)
        let days = try TimelineQuery(database: corpus.database).dayCounts(for: searchQuery)
        let timeline = Timeline(dayCounts: days.days, undated: days.undated, by: granularity)
        let total = try corpus.search(query).total
        #expect(total > 0)
        #expect(timeline.total == total)
        #expect(timeline.periods.map(\.count).reduce(0, +) + timeline.undated == total)
        #expect(timeline.granularity != .auto)
        if granularity == .auto { #expect(timeline.periods.count <= Timeline.automaticMaximum) }
        // Periods follow each other without gaps: each starts where the last one ended.
        for (period, next) in zip(timeline.periods, timeline.periods.dropFirst()) {
            #expect(Timeline.periodStarts(from: period.startDay, to: next.startDay, by: timeline.granularity).count == 2)
        }
        #expect(timeline.periods.first?.count ?? 0 > 0)
        #expect(timeline.periods.last?.count ?? 0 > 0)
    }

    @Test func undatedMatchesAreCountedApart() throws {
        let corpus = ExportFixture.corpus
        let days = try TimelineQuery(database: corpus.database).dayCounts(for: SearchQuery("chips", analyzer: corpus.analyzer))
        let timeline = Timeline(dayCounts: days.days, undated: days.undated, by: .month)
        #expect(timeline.undated == 1)
        #expect(timeline.total == ExportFixture.files.count)
        #expect(timeline.periods.map(\.label) == ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"])
        #expect(timeline.periods.map(\.count) == [1, 0, 0, 0, 1, 0, 1])
        #expect(timeline.periods.first?.start == "2023-11-01")
    }

    @Test func autoPicksTheFinestReadableGranularity() {
        let aWeek = Timeline(dayCounts: [100: 1, 106: 2], undated: 0, by: .auto)
        #expect(aWeek.granularity == .day)
        #expect(aWeek.periods.count == 7)
        let aYear = Timeline(dayCounts: [0: 1, 364: 1], undated: 0, by: .auto)
        #expect(aYear.granularity == .month)
        let decades = Timeline(dayCounts: [0: 1, 20_000: 1], undated: 0, by: .auto)
        #expect(decades.granularity == .year)
    }

    @Test(arguments: [
        (0, 10, ""), (10, 10, String(repeating: "█", count: 20)), (1, 1_000, "▏"), (5, 10, String(repeating: "█", count: 10)),
    ])
    func barsAreProportionalAndNeverHideAMatch(value: Int, largest: Int, bar: String) {
        #expect(TimelineChart.bar(value, of: largest, width: 20) == bar)
    }

    @Test func theChartHasALinePerPeriodWithinTheWidth() throws {
        let timeline = Timeline(dayCounts: [19_000: 3, 19_040: 12, 19_100: 1], undated: 2, by: .month)
        let chart = TimelineChart(style: TerminalStyle(colors: false), width: 50).render(timeline, query: "q")
        let lines = chart.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "\"q\": 18 matches per month (UTC)")
        let bars = lines.filter { $0.hasPrefix("2022-") }
        #expect(bars.count == timeline.periods.count)
        #expect(bars.allSatisfy { $0.count <= 50 })
        #expect(chart.contains("2 matches have no date"))
    }

    @Test func delimitedTimelinesReadBackAndAddUp() throws {
        let timeline = Timeline(dayCounts: [19_000: 3, 19_040: 12], undated: 2, by: .month)
        let search = AnsweredQuery(qid: nil, results: SearchResults(query: "q", total: 17, offset: 0, hits: []))
        let csv = try TimelineWriter(format: .csv).render(timeline, for: search)
        let rows = try RFC4180Reader(delimiter: ",").records(csv)
        #expect(rows.first == ["period", "start", "count"])
        #expect(rows.dropFirst().compactMap { Int($0[2]) }.reduce(0, +) == 17)
        #expect(rows.last == ["undated", "", "2"])
        let jsonl = try TimelineWriter(format: .jsonl).render(timeline, for: search)
        let counts = try jsonl.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["count"] as? Int
        }
        #expect(counts.compactMap { $0 }.reduce(0, +) == 17)
        #expect(throws: ExportError.formatCannotShowTimeline(format: "trec")) { try TimelineWriter(format: .trec) }
    }
}

@Suite struct TimelineCommandTests {
    let cli = CommandLineTests()

    @Test func jsonCarriesTheTimelineBesideTheHits() throws {
        let outcome = try cli.run([
            "search", "chips", "--db", ExportFixture.corpus.database.path, "--timeline",
            "--by", "year", "--format", "json", "--limit", "2",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? Int)
        #expect((object["hits"] as? [Any])?.count == 2)
        let timeline = try #require(object["timeline"] as? [String: Any])
        #expect(timeline["by"] as? String == "year")
        let periods = try #require(timeline["periods"] as? [[String: Any]])
        #expect(periods.compactMap { $0["count"] as? Int }.reduce(0, +) + (timeline["undated"] as? Int ?? -1) == total)
    }

    @Test(arguments: [["--timeline", "--format", "trec"], ["--by", "week"]])
    func misusedTimelineOptionsAreRefused(options: [String]) throws {
        let outcome = try cli.run(["search", "chips", "--db", ExportFixture.corpus.database.path] + options)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("Error: "))
    }
}
