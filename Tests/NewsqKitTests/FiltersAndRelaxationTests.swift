import Foundation
import Testing
@testable import NewsqKit

@Suite struct FiltersAndRelaxationTests {
    static let corpus: IndexedCorpus = {
        let directory = TemporaryDirectory()
        directory.write(
            "old.md",
            articleFile(
                title: "Chip export rules", body: "Export controls on chips.", date: "2019-05-01T00:00:00Z", quality: 150,
                extra: "type: article\ntopics:\n  - Trade\n  - Chips"))
        directory.write(
            "new.md",
            articleFile(
                title: "Chip stocks fall", body: "Memory chips slide on weak demand.", date: "2026-11-01T00:00:00Z", quality: 20,
                extra: "type: video\ntopics:\n  - Markets"))
        directory.write(
            "zh.md", articleFile(title: "芯片出口管制升级", body: "美国扩大芯片出口管制。", date: "2024-06-01T00:00:00+08:00", quality: 90))
        directory.write(
            "far.md",
            articleFile(
                title: "Export news",
                body: "Export figures rose sharply in spring while the chips industry, which had struggled, recovered later.",
                date: "2025-01-01T00:00:00Z", quality: nil))
        return try! IndexedCorpus(root: directory.url)
    }()

    static func filters(_ change: (inout SearchFilters) -> Void) -> SearchFilters {
        var filters = SearchFilters()
        change(&filters)
        return filters
    }

    @Test(arguments: [
        (filters { $0.since = ISO8601DateParser.parse("2024-01-01") }, ["far", "new"]),
        (filters { $0.until = ISO8601DateParser.parse("2024-01-01") }, ["old"]),
        (filters { $0.minimumQuality = 100 }, ["old"]),
        (filters { $0.types = ["VIDEO"] }, ["new"]),
        (filters { $0.topics = ["trade"] }, ["old"]),
        (filters { $0.topics = ["Trad"] }, []),
        (filters { $0.providers = ["test.example"] }, ["far", "new", "old"]),
        (filters { $0.providers = ["Other Wire"] }, []),
        (filters { $0.language = .en }, ["far", "new", "old"]),
    ])
    func filtersKeepOnlyMatchingArticles(filters: SearchFilters, expected: [String]) throws {
        #expect(try Self.corpus.ids("chips", limit: 50, filters: filters).sorted() == expected)
    }

    @Test func languageFilterSeparatesChinese() throws {
        #expect(try Self.corpus.ids("芯片", filters: Self.filters { $0.language = .zh }) == ["zh"])
        #expect(try Self.corpus.ids("芯片", filters: Self.filters { $0.language = .en }).isEmpty)
    }

    @Test(arguments: [(HitOrder.date, ["new", "far", "old"]), (.quality, ["old", "new", "far"])])
    func sortOrders(order: HitOrder, expected: [String]) throws {
        #expect(try Self.corpus.search("chips", limit: 10, sort: order).hits.map(\.id) == expected)
    }

    @Test func nearFindsWordsCloseTogether() throws {
        #expect(try Self.corpus.ids("NEAR(export chips, 2)").sorted() == ["old"])
        #expect(try Self.corpus.ids("NEAR(export chips, 20)").sorted() == ["far", "old"])
    }

    @Test func relaxedMatchesFollowEveryFullMatchAndAreMarked() throws {
        let results = try Self.corpus.search("chips export profits", limit: 10, relax: true)
        #expect(results.relaxedTotal == 3)
        #expect(results.hits.allSatisfy { $0.isRelaxed })
        let full = try Self.corpus.search("chips export", limit: 10, relax: true)
        #expect(full.relaxedTotal == 1)
        #expect(full.hits.map(\.isRelaxed) == [false, false, true])
        #expect(full.hits.last?.id == "new")
        #expect(Set(full.hits.map(\.id)).count == full.hits.count)
    }

    @Test(arguments: [("30d", 30.0), ("2w", 14.0), ("1y", 365.2425), ("12h", 0.5)])
    func relativeDates(text: String, days: Double) throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let date = try #require(DateBound.parse(text, now: now))
        #expect(abs(now.timeIntervalSince(date) - days * 86_400) < 1)
    }

    @Test(arguments: ["yesterday", "3x", "-5d", ""])
    func badDatesAreRejected(text: String) {
        #expect(DateBound.parse(text, now: Date()) == nil)
    }
}
