import Foundation
import Testing
@testable import NewsqKit

/// A timeline has at most `Timeline.maximumPeriods` periods: a finer granularity asked for is
/// coarsened to the finest that fits, and the command line says so.
@Suite struct TimelinePeriodCapTests {
    static let firstDay = ISO8601DateParser.daysSinceEpoch(year: 1, month: 1, day: 1)
    static let lastDay = ISO8601DateParser.daysSinceEpoch(year: 9999, month: 12, day: 31)

    @Test(arguments: [
        (TimelineGranularity.day, TimelineGranularity.year), (.week, .year), (.month, .year), (.year, .year),
        (.auto, .year),
    ])
    func tenThousandYearsAreCoarsened(asked: TimelineGranularity, used: TimelineGranularity) {
        let timeline = Timeline(dayCounts: [Self.firstDay: 1, Self.lastDay: 2], undated: 0, by: asked)
        #expect(timeline.granularity == used)
        #expect(timeline.periods.count <= Timeline.maximumPeriods)
        #expect(timeline.total == 3)
    }

    @Test(arguments: [
        (TimelineGranularity.day, 10_000, TimelineGranularity.day), (.day, 10_001, .week), (.week, 60_000, .week),
        (.week, 80_000, .month),
    ])
    func theFinestGranularityThatFitsIsKept(asked: TimelineGranularity, days: Int, used: TimelineGranularity) {
        let timeline = Timeline(dayCounts: [0: 1, days - 1: 1], undated: 0, by: asked)
        #expect(timeline.granularity == used, "\(days) days by \(asked)")
        #expect(timeline.periods.count <= Timeline.maximumPeriods)
    }

    @Test func theCommandLineSaysTheTimelineWasCoarsened() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "First", body: "ancient text", date: "0001-01-01T00:00:00Z"))
        corpus.write("b.md", articleFile(title: "Last", body: "ancient text", date: "9999-12-31T00:00:00Z"))
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", corpus.url.path, "--db", db, "--quiet"]).status == 0)
        let outcome = try Newsq.run(["search", "ancient", "--db", db, "--timeline", "--by", "day", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("shown by year"), "\(outcome.stderr)")
        #expect(outcome.stdout.utf8.count { $0 == UInt8(ascii: "\n") } == 1 + 9_999, "a header and a row a year")
    }
}
