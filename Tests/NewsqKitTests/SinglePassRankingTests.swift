import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// The ranking pass gives a search its total (`RankingConnectionState`) and reads dates and quality
/// from `RankingInputsIndex` when the index has it: neither may change what a search returns.
@Suite(.serialized) struct SinglePassRankingTests {
    static let sample = try! IndexedCorpus(root: Repository.corpus)

    static func filters(_ change: (inout SearchFilters) -> Void) -> SearchFilters {
        var filters = SearchFilters()
        change(&filters)
        return filters
    }

    /// Queries, filters, orders and pages that take every path of `SearchEngine.search`.
    static let requests: [(text: String, limit: Int, offset: Int, filters: SearchFilters, sort: HitOrder, relax: Bool)] = [
        ("AI regulation", 10, 0, SearchFilters(), .relevance, true),
        ("AI regulation", 3, 2, SearchFilters(), .relevance, false),
        ("rates", 5, 0, SearchFilters(), .date, false),
        ("rates", 5, 0, SearchFilters(), .quality, false),
        ("bank rates zzzunknown", 10, 0, SearchFilters(), .relevance, true),
        ("AI europe parliament", 10, 0, SearchFilters(), .relevance, true),
        ("AI", 10, 0, filters { $0.since = ISO8601DateParser.parse("2024-01-01") }, .relevance, true),
        ("AI", 10, 0, filters { $0.minimumQuality = 60 }, .relevance, true),
        ("AI", 10, 0, filters { $0.language = .en }, .date, true),
        ("央行", 10, 0, filters { $0.language = .zh }, .relevance, true),
        ("AI", 10, 0, filters { $0.topics = ["AI"] }, .relevance, true),
        ("AI", 10, 500, SearchFilters(), .relevance, true),
        ("\"interest rates\"", 10, 0, SearchFilters(), .relevance, true),
        ("NEAR(AI act, 3)", 10, 0, SearchFilters(), .relevance, true),
        ("zzzunknown", 10, 0, SearchFilters(), .relevance, true),
    ]

    static func search(
        _ database: ArchiveDatabase,
        _ request: (text: String, limit: Int, offset: Int, filters: SearchFilters, sort: HitOrder, relax: Bool),
        explain: Bool = true
    ) throws -> SearchResults {
        let query = try SearchQuery(request.text, analyzer: try Analyzer())
        return try SearchEngine(database: database).search(
            SearchRequest(
                query: query, limit: request.limit, offset: request.offset, ranking: RankingFormula(now: IndexedCorpus.now),
                explain: explain, filters: request.filters, sort: request.sort, relax: request.relax))
    }

    /// What `count(*)` says, as searches counted before the ranking pass counted for them.
    static func countedMatches(_ database: ArchiveDatabase, _ text: String, filters: SearchFilters) throws -> Int {
        let match = SearchEngine.matchExpression(for: try SearchQuery(text, analyzer: try Analyzer()), analyzer: try Analyzer())
        let conditions = SearchFilterSQL(filters)
        return try database.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM article_fts JOIN articles a ON a.docid = article_fts.rowid
                    WHERE article_fts MATCH ?\(conditions.andClause)
                    """, arguments: [match] + conditions.arguments) ?? 0
        }
    }

    @Test func totalsFromTheRankingPassEqualCountingTheMatches() throws {
        for request in Self.requests where !request.relax {
            let results = try Self.search(Self.sample.database, request, explain: false)
            let counted = try Self.countedMatches(Self.sample.database, request.text, filters: request.filters)
            #expect(results.total == counted, "\(request.text)")
        }
        for request in Self.requests where request.filters.isEmpty {
            let strict = try Self.search(
                Self.sample.database, (request.text, request.limit, request.offset, request.filters, request.sort, false))
            #expect(
                try Self.search(Self.sample.database, request).total - strict.total
                    == (try Self.search(Self.sample.database, request).relaxedTotal), "\(request.text)")
        }
    }

    @Test func aPageOfNoHitsStillCountsTheMatches() throws {
        let results = try Self.search(Self.sample.database, ("AI", 0, 0, SearchFilters(), .relevance, false))
        #expect(results.hits.isEmpty)
        #expect(results.total == (try Self.countedMatches(Self.sample.database, "AI", filters: SearchFilters())))
    }

    /// A page skips exact scores of matches that cannot reach it (`PageScoreFloor`): every page
    /// must still be the same slice of the full ranking, scores included.
    @Test(arguments: ["AI", "the", "AI regulation", "年", "中国", "rates", "bank OR rates"])
    func pagesAreSlicesOfTheFullRanking(text: String) throws {
        let all = try Self.search(Self.sample.database, (text, 1_000, 0, SearchFilters(), .relevance, false), explain: false)
        #expect(all.hits.count > 3, "\(text) should match several articles")
        for (offset, limit) in [(0, 1), (0, 3), (1, 2), (2, 5), (5, 10)] {
            let page = try Self.search(
                Self.sample.database, (text, limit, offset, SearchFilters(), .relevance, false), explain: false)
            let expected = all.hits.dropFirst(offset).prefix(limit)
            #expect(page.hits.map(\.id) == expected.map(\.id), "\(text) offset \(offset) limit \(limit)")
            #expect(page.hits.map(\.score) == expected.map(\.score), "\(text) offset \(offset) limit \(limit)")
            #expect(page.total == all.total)
        }
    }

    @Test func pageScoreFloorIsTheLowestOfTheBestScores() {
        var floor = PageScoreFloor(size: 3)
        for score in [5.0, 1.0, 4.0] { floor.add(score) }
        #expect(floor.floor == 1.0)
        for score in [0.5, 3.0, 6.0, 2.0] { floor.add(score) }
        #expect(floor.floor == 4.0)
        var none = PageScoreFloor(size: 0)
        none.add(1)
        #expect(none.floor == nil)
        #expect(PageScoreFloor(size: 2).floor == nil)
    }

    @Test func theRankingInputsIndexChangesNoResult() throws {
        let corpus = try IndexedCorpus(root: Repository.corpus)
        try corpus.database.pool.write { db in
            #expect(try RankingInputsIndex.exists(db), "a new index has it")
            try db.execute(sql: "DROP INDEX \(RankingInputsIndex.name)")
        }
        let before = try Self.requests.map { try Self.search(corpus.database, $0) }
        try corpus.database.pool.write { db in
            #expect(try !RankingInputsIndex.exists(db))
            try db.execute(sql: RankingInputsIndex.createSQL)
            #expect(try RankingInputsIndex.exists(db))
        }
        let after = try Self.requests.map { try Self.search(corpus.database, $0) }
        for (request, (old, new)) in zip(Self.requests, zip(before, after)) {
            #expect(old.total == new.total, "\(request.text)")
            #expect(old.relaxedTotal == new.relaxedTotal, "\(request.text)")
            #expect(old.hits == new.hits, "\(request.text)")
        }
        #expect(before.contains { $0.hits.count > 3 }, "the requests should find something")
    }
}
