import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// Docids follow publication days (`ChronologicalDocids`), and a search sorted by score reads
/// the matches newest first and stops early (`NewestFirstRanking`): neither may change a page.
@Suite(.serialized) struct ChronologicalRankingTests {
    /// 900 articles over seven years, written in an order that is not their dates', some of
    /// them undated, with words from every article to one in fifty.
    static let files: [(path: String, text: String)] = {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        return (0..<900).map { number in
            let chinese = next(3) == 0
            var words = chinese ? ["报道"] : ["report"]
            if next(2) == 0 { words.append(chinese ? "经济" : "market") }
            if next(10) == 0 { words.append(chinese ? "银行" : "bank") }
            if next(50) == 0 { words.append(chinese ? "合并" : "merger") }
            let filler = chinese ? ["今天", "城市", "公司"] : ["today", "city", "company"]
            let body = (0..<(1 + next(30))).map { _ in next(4) == 0 ? words[next(words.count)] : filler[next(3)] }
            let date =
                next(30) == 0
                ? "null"
                : String(
                    format: "%04d-%02d-%02dT%02d:00:00Z",
                    2019 + next(7), 1 + next(12), 1 + next(28), next(24))
            let start = next(words.count)
            let title =
                (chinese ? "新闻 " : "News ") + (words[start...] + words[..<start]).prefix(1 + next(2)).joined(separator: " ")
            let text = articleFile(
                title: title, body: body.joined(separator: " "), date: date, quality: next(5) == 0 ? nil : next(101),
                extra: "topics: [\(next(2) == 0 ? "Economy" : "Tech")]")
            return ("\(String(number * 7919 % 1000, radix: 36))/\(number).md", text)
        }
    }()

    /// The corpus indexed twice: with chronological docids, and with the mark of them taken
    /// out of `meta`, so that its searches rank every match as newsq did before them.
    static let indexes: (chronological: IndexedCorpus, everyMatch: IndexedCorpus) = {
        let directory = TemporaryDirectory()
        for file in files { directory.write(file.path, file.text) }
        let chronological = try! IndexedCorpus(root: directory.url)
        let everyMatch = try! IndexedCorpus(root: directory.url)
        try! everyMatch.database.pool.write { db in
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [ChronologicalDocids.metaKey])
        }
        return (chronological, everyMatch)
    }()

    /// `rarePhraseLimit` 0 makes no phrase rare, so that the reading stops on dates alone; with
    /// the default, every phrase of this corpus is rare, and its matches are ranked on their own.
    static func search(
        _ corpus: IndexedCorpus, _ text: String, limit: Int, offset: Int = 0,
        filters: SearchFilters = SearchFilters(), countingBudget: Int = 1_000_000,
        rarePhraseLimit: Int = Relevance.rareLimit, sort: HitOrder = .relevance
    ) throws -> SearchResults {
        let query = try SearchQuery(text, analyzer: corpus.analyzer)
        return try SearchEngine(database: corpus.database, countingBudget: countingBudget, rarePhraseLimit: rarePhraseLimit)
            .search(
                SearchRequest(
                    query: query, limit: limit, offset: offset, ranking: IndexedCorpus.fallingRecency,
                    filters: filters, sort: sort, relax: true))
    }

    static func filters(_ change: (inout SearchFilters) -> Void) -> SearchFilters {
        var filters = SearchFilters()
        change(&filters)
        return filters
    }

    @Test func docidsFollowPublicationDaysUndatedFirst() throws {
        let rows = try Self.indexes.chronological.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT docid, published FROM articles ORDER BY docid")
        }
        #expect(rows.count == Self.files.count)
        let published = rows.map { $0["published"] as Double? }
        let undated = published.prefix { $0 == nil }.count
        #expect(undated > 0 && undated < rows.count)
        #expect(published.dropFirst(undated).allSatisfy { $0 != nil }, "undated articles come before every dated one")
        let days = published.dropFirst(undated).map { Int(($0! / 86_400).rounded(.down)) }
        #expect(days == days.sorted(), "docid order is day order")
        for row in rows {
            let docid: Int64 = row["docid"]
            if let date = row["published"] as Double? {
                #expect(ChronologicalDocids.latestPublished(docid: docid)! >= date)
            } else {
                #expect(docid < ChronologicalDocids.firstDatedDocid)
            }
        }
    }

    static let queries = [
        "market", "report", "bank", "merger", "market bank", "market OR merger", "经济", "报道 银行",
        "\"market report\"", "report -market", "zzznothing",
    ]

    /// Each page of a chronological search is the page of a search that ranks every match,
    /// whether the reading stops on dates alone or ranks rare phrases' matches on their own.
    @Test(arguments: queries, [0, 40, Relevance.rareLimit])
    func pagesEqualRankingEveryMatch(text: String, rarePhraseLimit: Int) throws {
        let filterCases: [SearchFilters] = [
            SearchFilters(),
            Self.filters { $0.since = ISO8601DateParser.parse("2024-03-01") },
            Self.filters { $0.until = ISO8601DateParser.parse("2021-06-15") },
            Self.filters { $0.language = .zh },
            Self.filters { $0.topics = ["Economy"] },
            Self.filters { $0.minimumQuality = 60 },
        ]
        // Sorted by date, the rare-phrase limit plays no part: that order is checked once.
        let sorts: [HitOrder] = rarePhraseLimit == Relevance.rareLimit ? [.relevance, .date] : [.relevance]
        for (filters, sort) in filterCases.flatMap({ filters in sorts.map { (filters, $0) } }) {
            // A page as large as the corpus: no match is ever skipped, every score is exact.
            let everything = try Self.search(Self.indexes.everyMatch, text, limit: 1_000, filters: filters, sort: sort)
            for (limit, offset) in [(1, 0), (10, 0), (10, 25), (100, 0), (3, 400)] {
                let fast = try Self.search(
                    Self.indexes.chronological, text, limit: limit, offset: offset, filters: filters,
                    rarePhraseLimit: rarePhraseLimit, sort: sort)
                let full = try Self.search(
                    Self.indexes.everyMatch, text, limit: limit, offset: offset, filters: filters, sort: sort)
                let context = "\(text) \(sort) limit \(limit) offset \(offset) \(filters)"
                #expect(fast.hits.map(\.id) == full.hits.map(\.id), "\(context)")
                #expect(fast.hits.map(\.score) == full.hits.map(\.score), "\(context)")
                #expect(fast.total == full.total && fast.relaxedTotal == full.relaxedTotal, "\(context)")
                #expect(!fast.totalIsEstimate, "\(context)")
                let slice = everything.hits.dropFirst(offset).prefix(limit)
                #expect(fast.hits.map(\.id) == slice.map(\.id), "\(context)")
                #expect(fast.hits.map(\.score) == slice.map(\.score), "\(context)")
            }
        }
    }

    /// A word in half the articles: its page is settled long before its oldest matches, so
    /// with a small counting budget the rest are estimated, and the page is still exact. A
    /// single phrase without filters needs no estimate: its idf counted its matches.
    @Test func aSmallCountingBudgetEstimatesTheTotalOnly() throws {
        let english = Self.filters { $0.language = .en }
        let fast = try Self.search(
            Self.indexes.chronological, "market", limit: 5, filters: english, countingBudget: 20,
            rarePhraseLimit: 0)
        let full = try Self.search(Self.indexes.everyMatch, "market", limit: 5, filters: english)
        #expect(fast.hits.map(\.id) == full.hits.map(\.id))
        #expect(fast.hits.map(\.score) == full.hits.map(\.score))
        #expect(fast.totalIsEstimate)
        #expect(fast.totalForPeople.hasPrefix("about "))
        #expect(
            Double(fast.total) > 0.5 * Double(full.total) && Double(fast.total) < 1.5 * Double(full.total),
            "estimate \(fast.total) for \(full.total) matches")

        let phrase = try Self.search(Self.indexes.chronological, "market", limit: 5, countingBudget: 20, rarePhraseLimit: 0)
        let phraseInFull = try Self.search(Self.indexes.everyMatch, "market", limit: 5)
        #expect(!phrase.totalIsEstimate && phrase.total == phraseInFull.total)
        #expect(phrase.hits.map(\.id) == phraseInFull.hits.map(\.id))

        let byDate = try Self.search(
            Self.indexes.chronological, "market", limit: 5, filters: english, countingBudget: 20, sort: .date)
        let byDateInFull = try Self.search(Self.indexes.everyMatch, "market", limit: 5, filters: english, sort: .date)
        #expect(byDate.hits.map(\.id) == byDateInFull.hits.map(\.id))
        #expect(byDate.totalIsEstimate, "sorted by date, the reading stops after the page's day too")

        let rare = try Self.search(Self.indexes.chronological, "merger", limit: 5, filters: english, countingBudget: 20)
        #expect(!rare.totalIsEstimate, "a word with fewer matches than the budget is counted exactly")
    }

    /// A ranking reads undated articles, then dated ones, then the rare phrases' matches, each
    /// in a statement of its own (sharing the phrases' statistics): together they give one page,
    /// best first.
    @Test(arguments: ["market", "market OR merger", "报道 银行"])
    func aRankingOfSeveralStatementsGivesOnePage(text: String) throws {
        let corpus = Self.indexes.chronological
        let match = SearchEngine.matchExpression(for: try SearchQuery(text, analyzer: corpus.analyzer), analyzer: corpus.analyzer)
        let rows = try corpus.database.pool.read { db in
            let layout = try #require(try ChronologicalDocids.state(db))
            #expect(layout.hasUndated)
            let ranking = NewestFirstRanking(
                source: "article_fts JOIN articles a ON a.docid = article_fts.rowid", match: match, exclusion: ("", []),
                filters: SearchFilterSQL(SearchFilters()),
                parameters: RankingFunction.encode(RankingFormula(now: IndexedCorpus.now)),
                pageEnd: 10, countingBudget: 1_000, since: nil, until: nil)
            return try ranking.run(db, layout: layout).rows
        }
        #expect(rows.count == 10)
        #expect(rows.map(\.score) == rows.map(\.score).sorted(by: >))
        #expect(Set(rows.map(\.docid)).count == rows.count)
    }

    /// Within a day, docids follow the articles' quality slots, and the slots' recorded best
    /// percentiles bound every article in them.
    @Test func docidsWithinADayFollowQualitySlots() throws {
        let (thresholds, ranks, rows) = try Self.indexes.chronological.database.pool.read { db in
            (
                try ChronologicalDocids.slotThresholds(db), try ChronologicalDocids.state(db)?.slotQualityRanks,
                try Row.fetchAll(
                    db, sql: "SELECT docid, quality, quality_rank FROM articles WHERE docid >= ?",
                    arguments: [ChronologicalDocids.firstDatedDocid])
            )
        }
        let slots = try #require(thresholds)
        let best = try #require(ranks)
        #expect(slots.count == ChronologicalDocids.slotCount - 1 && slots == slots.sorted() && Set(slots).count > 4)
        #expect(best == best.sorted() && best.allSatisfy { $0 >= 0.5 })
        for row in rows {
            let docid: Int64 = row["docid"]
            let slot = ChronologicalDocids.slot(docid: docid)
            #expect(slot == ChronologicalDocids.slot(quality: row["quality"], thresholds: slots), "\(docid)")
            #expect((row["quality_rank"] as Double? ?? 0.5) <= best[slot], "\(docid)")
        }
        #expect(Set(rows.map { ChronologicalDocids.slot(docid: $0["docid"]) }).count > 4)
    }

    /// A one-word ranking with quality slots leaves the rest of days that cannot reach the page,
    /// and its page is the one of reading every day in full. Each day left starts the statement
    /// again.
    @Test(arguments: ["report", "market", "经济"])
    func aRankingWithQualitySlotsLeavesTheRestOfDays(text: String) throws {
        let corpus = Self.indexes.chronological
        let match = SearchEngine.matchExpression(for: try SearchQuery(text, analyzer: corpus.analyzer), analyzer: corpus.analyzer)
        let (whole, parts) = try corpus.database.pool.read { db in
            let layout = try #require(try ChronologicalDocids.state(db))
            let ranks = try #require(layout.slotQualityRanks)
            let parameters = RankingFunction.encode(IndexedCorpus.fallingRecency, rarePhraseLimit: 0)
            let ranking = { (parameters: String) in
                NewestFirstRanking(
                    source: "article_fts JOIN articles a ON a.docid = article_fts.rowid", match: match, exclusion: ("", []),
                    filters: SearchFilterSQL(SearchFilters()), parameters: parameters,
                    pageEnd: 10, countingBudget: 1_000, since: nil, until: nil)
            }
            let whole = try ranking(parameters).run(db, layout: layout)
            let parts = try ranking(RankingFunction.addingQualitySlots(ranks, to: parameters)).run(db, layout: layout)
            return (whole, parts)
        }
        #expect(!whole.leftPartsOfDays)
        #expect(parts.leftPartsOfDays)
        #expect(parts.rows.map(\.docid) == whole.rows.map(\.docid))
        #expect(parts.rows.map(\.score) == whole.rows.map(\.score))
        #expect(parts.rows.count == 10)
    }

    @Test func anArticleMovedToAnotherDayTakesADocidOfThatDay() throws {
        let directory = TemporaryDirectory()
        let corpus = directory.path("corpus")
        directory.write("corpus/a.md", articleFile(title: "Quarry report", date: "2024-05-01T10:00:00Z"))
        directory.write("corpus/b.md", articleFile(title: "Harbour report", date: "2023-01-01T10:00:00Z"))
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        _ = try Indexer(database: database).index(root: corpus)
        directory.write("corpus/a.md", articleFile(title: "Quarry report", date: "2020-02-02T10:00:00Z"))
        let report = try Indexer(database: database).index(root: corpus)
        #expect(report.updated == 1)
        let (docid, published, orphans) = try database.pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT docid, published FROM articles WHERE title = 'Quarry report'")!
            let orphans = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM article_fts_docsize WHERE id NOT IN (SELECT docid FROM articles)")!
            return (row["docid"] as Int64, row["published"] as Double, orphans)
        }
        #expect(docid >> ChronologicalDocids.serialBits == ChronologicalDocids.key(published: published))
        #expect(orphans == 0)
        let query = try SearchQuery("quarry", analyzer: try Analyzer())
        let results = try SearchEngine(database: database).search(
            SearchRequest(query: query, ranking: RankingFormula(now: IndexedCorpus.now)))
        #expect(results.hits.map(\.title.plain) == ["Quarry report"])
    }

    /// A full day goes on into the next day's key, and the index records that it did: searches
    /// then no longer end an `--until` reading at the until day.
    @Test func aFullDayGoesOnInTheNextKey() throws {
        let directory = TemporaryDirectory()
        directory.write("corpus/a.md", articleFile(title: "Quarry report", date: "2024-05-01T10:00:00Z"))
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        _ = try Indexer(database: database).index(root: directory.path("corpus"))
        let day = ISO8601DateParser.parse("2024-05-01T10:00:00Z")!.timeIntervalSince1970
        let key = ChronologicalDocids.key(published: day)
        try database.pool.write { db in
            #expect(try ChronologicalDocids.state(db)?.overflowed == false)
            // As if the day's last serial were taken.
            try db.execute(sql: "UPDATE articles SET docid = ?", arguments: [ChronologicalDocids.docids(key: key).upperBound])
            let docids = DocidAllocator()
            let next = try docids.docid(published: day + 3_600, db)
            #expect(next == ChronologicalDocids.docids(key: key + 1).lowerBound)
            #expect(try docids.docid(published: day + 7_200, db) == next + 1)
            #expect(try ChronologicalDocids.state(db)?.overflowed == true)
            #expect(ChronologicalDocids.latestPublished(docid: next)! > day, "a later key still bounds the article's date")
        }
    }

    @Test(arguments: [
        ("1970-01-01T00:00:00Z", "1970-01-01T23:59:59Z"),
        ("1969-07-20T20:17:00Z", "1969-07-21T00:00:00Z"),
        ("2024-02-29T23:59:59Z", "2024-03-01T00:00:00Z"),
        ("1066-10-14T09:00:00Z", "1999-12-31T00:00:00Z"),
        ("2025-06-01T00:00:00Z", "9999-12-31T00:00:00Z"),
    ])
    func keysNeverFallAsDatesRise(earlier: String, later: String) throws {
        let a = ISO8601DateParser.parse(earlier)!.timeIntervalSince1970
        let b = ISO8601DateParser.parse(later)!.timeIntervalSince1970
        #expect(ChronologicalDocids.key(published: a) <= ChronologicalDocids.key(published: b))
        for date in [a, b] {
            let docid = ChronologicalDocids.docids(key: ChronologicalDocids.key(published: date)).upperBound
            #expect(ChronologicalDocids.latestPublished(docid: docid)! >= date, "the bound of a docid covers its date")
            #expect(docid >= ChronologicalDocids.firstDatedDocid)
        }
        #expect(ChronologicalDocids.key(published: nil) < ChronologicalDocids.key(published: a))
        #expect(ChronologicalDocids.latestPublished(docid: ChronologicalDocids.firstDatedDocid - 1) == nil)
    }
}
