import Foundation
import Testing
@testable import NewsqKit

/// A total is exact, or an estimate that says so and stays near the truth; and where the exact
/// count is known, as a timeline knows it, that count is the total.
@Suite struct HonestTotalTests {
    /// An archive that thins out: 40 articles a day for its first 25 days, then one every ten
    /// days for 3,000 days, up to the tests' clock. Every article holds `alpha`, so a query
    /// for it matches them all; recency settles its page among the newest.
    static let thinningOut: IndexedCorpus = {
        let directory = TemporaryDirectory()
        let start = ISO8601DateParser.daysSinceEpoch(year: 2016, month: 1, day: 1)
        let now = Int(IndexedCorpus.now.timeIntervalSince1970 / 86_400)
        var number = 0
        func write(day: Int) {
            let date = GregorianDateText.day(Date(timeIntervalSince1970: Double(start + day) * 86_400)) + "T12:00:00Z"
            directory.write(
                "\(number).md", articleFile(title: "Report \(number)", body: "alpha beta number\(number)", date: date))
            number += 1
        }
        for day in 0..<25 { for _ in 0..<40 { write(day: day) } }
        for step in 0..<300 { write(day: now - start - 3_000 + 10 * step) }
        return try! IndexedCorpus(root: directory.url)
    }()

    /// The matches of `text`, counted by a timeline.
    static func exactCount(_ corpus: IndexedCorpus, _ text: String) throws -> Int {
        let counts = try TimelineQuery(database: corpus.database).dayCounts(for: try SearchQuery(text, analyzer: corpus.analyzer))
        return counts.days.values.reduce(counts.undated, +)
    }

    static func search(_ corpus: IndexedCorpus, _ text: String, countingBudget: Int) throws -> SearchResults {
        try SearchEngine(database: corpus.database, countingBudget: countingBudget, rarePhraseLimit: 0).search(
            SearchRequest(
                query: try SearchQuery(text, analyzer: corpus.analyzer), limit: 5,
                ranking: IndexedCorpus.fallingRecency, relax: false))
    }

    /// Counting days would take the thin years read for most of the archive, and estimate a
    /// fraction of the matches; counting articles gives the right number.
    @Test(arguments: ["alpha OR gamma", "alpha -gamma"])
    func anEstimateFollowsTheArticlesNotTheDays(query: String) throws {
        let exact = try Self.exactCount(Self.thinningOut, query)
        #expect(exact == 1_300)
        let estimated = try Self.search(Self.thinningOut, query, countingBudget: 20)
        #expect(estimated.totalIsEstimate)
        #expect(estimated.totalForPeople.hasPrefix("about "))
        let error = abs(Double(estimated.total - exact)) / Double(exact)
        #expect(error <= 0.2, "estimated \(estimated.total) for \(exact) matches")

        let counted = try Self.search(Self.thinningOut, query, countingBudget: 1_000_000)
        #expect(!counted.totalIsEstimate && counted.total == exact)
    }

    /// With `--timeline`, the JSON's total is the timeline's exact count, not the search's estimate.
    @Test func aTimelineDocumentGivesItsOwnCountAsTheTotal() throws {
        let timeline = Timeline(dayCounts: [19_000: 3_000, 19_001: 1_650], undated: 0, by: .day)
        let estimated = SearchResults(query: "bank OR oil", total: 1_323, totalIsEstimate: true, offset: 0, hits: [])
        let json = try TimelineWriter(format: .json).render(timeline, for: AnsweredQuery(qid: nil, results: estimated))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 4_650)
        #expect(object["totalIsEstimate"] == nil || object["totalIsEstimate"] as? Bool == false)
    }

    @Test func aTimelineTotalEqualsTheSumOfItsPeriodsOnTheCommandLine() throws {
        let db = Self.thinningOut.directory.path("index.sqlite").path
        let outcome = try Newsq.run(["search", "alpha OR gamma", "--db", db, "--timeline", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let timeline = try #require(object["timeline"] as? [String: Any])
        let periods = try #require(timeline["periods"] as? [[String: Any]])
        let sum = periods.reduce(timeline["undated"] as? Int ?? 0) { $0 + ($1["count"] as? Int ?? 0) }
        #expect(object["total"] as? Int == sum)
        #expect(sum == 1_300)
    }

    @Test(
        .enabled(if: Repository.hasShared, "../shared/corpora is not beside this checkout"),
        arguments: ["bank OR oil", "trade OR japan", "oil -bank"])
    func reutersEstimatesAreWithinAFifth(query: String) throws {
        let reuters = SharedCorporaSearchTests.reuters
        let exact = try Self.exactCount(reuters, query)
        let results = try reuters.search(query, limit: 10)
        if results.totalIsEstimate {
            let error = abs(Double(results.total - exact)) / Double(exact)
            #expect(error <= 0.2, "\(query): estimated \(results.total) for \(exact) matches")
        } else {
            #expect(results.total == exact, "\(query)")
        }
    }
}
