import Foundation
import GRDB
import Testing
@testable import NewsqKit

@Suite struct TimelineComparisonTests {
    let corpus = SampleCorpusSearchTests.sample

    func dayCounts(_ query: String) throws -> TimelineComparison.DayCounts {
        let days = try TimelineQuery(database: corpus.database).dayCounts(for: SearchQuery(query, analyzer: corpus.analyzer))
        return TimelineComparison.DayCounts(query: query, days: days.days, undated: days.undated)
    }

    /// Each series is the query's own timeline, laid over the shared periods.
    @Test(arguments: TimelineGranularity.allCases, [["AI", "监管"], ["AI regulation", "chips OR semiconductors", "芯片"]])
    func eachSeriesEqualsItsOwnTimeline(by granularity: TimelineGranularity, queries: [String]) throws {
        let comparison = TimelineComparison(queries: try queries.map(dayCounts), by: granularity)
        #expect(comparison.series.map(\.query) == queries)
        #expect(comparison.granularity != .auto)
        for series in comparison.series {
            #expect(series.timeline.periods.map(\.label) == comparison.periods.map(\.label))
            let counts = try dayCounts(series.query)
            let own = Timeline(dayCounts: counts.days, undated: counts.undated, by: comparison.granularity)
            let byLabel = Dictionary(uniqueKeysWithValues: own.periods.map { ($0.label, $0.count) })
            #expect(series.timeline.periods.map { byLabel[$0.label] ?? 0 } == series.timeline.periods.map(\.count))
            #expect(series.timeline.total == own.total)
            #expect(series.timeline.total == (try corpus.search(series.query).total))
        }
        // The shared span starts and ends with a match of some query.
        #expect(comparison.series.contains { $0.timeline.periods.first?.count ?? 0 > 0 })
        #expect(comparison.series.contains { $0.timeline.periods.last?.count ?? 0 > 0 })
    }

    /// A share is the count over every article the filters keep in that period, counted here
    /// from the articles' dates rather than by the timeline's SQL.
    @Test(arguments: [nil, Language.en, Language.zh])
    func sharesAreCountsOverAllArticlesOfThePeriod(language: Language?) throws {
        var filters = SearchFilters()
        filters.language = language
        let counter = TimelineQuery(database: corpus.database)
        let queries = try ["AI", "监管"].map { text in
            let days = try counter.dayCounts(for: SearchQuery(text, analyzer: corpus.analyzer), filters: filters)
            return TimelineComparison.DayCounts(query: text, days: days.days, undated: days.undated)
        }
        let comparison = TimelineComparison(
            queries: queries, articleDays: try counter.articleDayCounts(filters: filters).days, by: .month)
        let published = try corpus.database.read { db in
            try Double.fetchAll(
                db, sql: "SELECT published FROM articles WHERE published IS NOT NULL AND (? IS NULL OR language = ?)",
                arguments: [language?.rawValue, language?.rawValue])
        }
        var articles: [Int: Int] = [:]
        for seconds in published {
            articles[Timeline.periodStart(of: Int((seconds / 86_400).rounded(.down)), by: .month), default: 0] += 1
        }
        #expect(comparison.articles?.periods.map(\.count) == comparison.periods.map { articles[$0.startDay] ?? 0 })
        for series in comparison.series {
            let expected = series.timeline.periods.map { period in
                articles[period.startDay].map { Double(period.count) / Double($0) }
            }
            #expect(comparison.shares(of: series) == expected)
            #expect(comparison.shares(of: series).allSatisfy { ($0 ?? 0) >= 0 && ($0 ?? 0) <= 1 })
        }
        #expect(comparison.series.flatMap { comparison.shares(of: $0) }.contains { ($0 ?? 0) > 0 })
    }

    @Test func withoutShareThereAreNoShares() throws {
        let comparison = TimelineComparison(queries: [try dayCounts("AI")], by: .year)
        #expect(comparison.articles == nil)
        #expect(comparison.shares(of: comparison.series[0]).allSatisfy { $0 == nil })
    }

    @Test(arguments: [(nil, "–"), (0.0, "0.0%"), (0.004, "0.40%"), (0.125, "12.5%"), (1.0, "100.0%")] as [(Double?, String)])
    func percentagesReadAsPercentages(share: Double?, text: String) {
        #expect(TimelineComparison.percentage(share) == text)
    }

    @Test func theChartLabelsEverySeriesWithinTheWidth() throws {
        let comparison = TimelineComparison(
            queries: [try dayCounts("AI regulation"), try dayCounts("chips OR semiconductors")],
            articleDays: try TimelineQuery(database: corpus.database).articleDayCounts().days, by: .year)
        let chart = TimelineComparisonChart(style: TerminalStyle(colors: false), width: 60).render(comparison)
        let lines = chart.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Matches per year (UTC), as a share of the articles published in each:")
        // The legend names each query in full; the bar lines name it cut to fit.
        #expect(lines.contains { $0.hasPrefix("  \"chips OR semiconductors\": ") })
        let bars = lines.filter { $0.first?.isNumber == true || $0.hasPrefix("    ") }
        #expect(bars.count == 2 * comparison.periods.count)
        #expect(bars.filter { $0.contains("  AI regulation  ") }.count == comparison.periods.count)
        #expect(bars.filter { $0.contains("  chips OR semicond…  ") }.count == comparison.periods.count)
        #expect(bars.allSatisfy { $0.count <= 60 })
        #expect(chart.contains("%"))
    }

    @Test func delimitedComparisonsHaveAColumnPerQuery() throws {
        let comparison = TimelineComparison(
            queries: [try dayCounts("AI"), try dayCounts("监管")],
            articleDays: try TimelineQuery(database: corpus.database).articleDayCounts().days, by: .year)
        let search = AnsweredQuery(qid: nil, results: SearchResults(query: "AI", total: 0, offset: 0, hits: []))
        let rows = try RFC4180Reader(delimiter: ",").records(TimelineWriter(format: .csv).render(comparison, for: search))
        #expect(rows.first == ["period", "start", "AI", "监管", "articles", "share AI", "share 监管"])
        let body = rows.dropFirst().filter { $0[0] != "undated" }
        #expect(body.map { Int($0[2]) } == comparison.series[0].timeline.periods.map(\.count))
        #expect(body.map { Int($0[3]) } == comparison.series[1].timeline.periods.map(\.count))
        #expect(body.map { Double($0[5]) } == comparison.shares(of: comparison.series[0]))
        // One query without --share is written exactly as a plain timeline.
        let single = TimelineComparison(queries: [try dayCounts("AI")], by: .year)
        #expect(
            try TimelineWriter(format: .csv).render(single, for: search)
                == TimelineWriter(format: .csv).render(single.series[0].timeline, for: search))
    }
}

@Suite struct TimelineComparisonCommandTests {
    let cli = CommandLineTests()
    var database: String { SampleCorpusSearchTests.sample.database.path }

    @Test func jsonHasASeriesPerQueryAlignedWithThePeriods() throws {
        let outcome = try cli.run([
            "search", "AI", "--db", database, "--timeline", "--by", "year", "--compare", "监管", "chips",
            "--share", "--format", "json", "--limit", "1",
        ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let timeline = try #require(object["timeline"] as? [String: Any])
        let periods = try #require(timeline["periods"] as? [[String: Any]])
        let series = try #require(timeline["series"] as? [[String: Any]])
        #expect(series.compactMap { $0["query"] as? String } == ["AI", "监管", "chips"])
        for entry in series {
            #expect((entry["counts"] as? [Int])?.count == periods.count)
            #expect((entry["share"] as? [Any])?.count == periods.count)
        }
        // The main query's periods keep their single-timeline fields, and gain its shares.
        #expect(periods.compactMap { $0["count"] as? Int } == series[0]["counts"] as? [Int])
        #expect(
            periods.compactMap { $0["count"] as? Int }.reduce(0, +) + (timeline["undated"] as? Int ?? -1) == object["total"]
                as? Int)
        for period in periods {
            let count = try #require(period["count"] as? Int), articles = try #require(period["articles"] as? Int)
            if articles > 0 {
                let share = try #require(period["share"] as? Double)
                #expect(abs(share - Double(count) / Double(articles)) < 1e-12)
            }
        }
    }

    @Test(arguments: [
        (["--compare", "chips"], "--compare only applies with --timeline"),
        (["--share"], "--share only applies with --timeline"),
        (["--timeline", "--compare", " "], "--compare needs a query"),
    ])
    func misusedCompareAndShareAreRefused(options: [String], message: String) throws {
        let outcome = try cli.run(["search", "AI", "--db", database] + options)
        #expect(outcome.status != 0)
        #expect(outcome.stderr.hasPrefix("Error: \(message)"), "\(outcome.stderr)")
    }
}
