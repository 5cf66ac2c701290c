import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// The article counts the index keeps per common term (`TermStatistics`) spare a query of
/// several phrases its counting, and must rank exactly as counting would.
@Suite(.serialized) struct TermStatisticsTests {
    /// The generated corpus of `ChronologicalRankingTests`, where `report` is in every article
    /// and `market` in about half; 10 stands for the rare limit, so most terms are common.
    static let corpus: IndexedCorpus = {
        let directory = TemporaryDirectory()
        for file in ChronologicalRankingTests.files { directory.write(file.path, file.text) }
        return try! IndexedCorpus(root: directory.url)
    }()
    static let rareLimit = 10

    static func search(_ text: String) throws -> SearchResults {
        try ChronologicalRankingTests.search(corpus, text, limit: 20, rarePhraseLimit: rareLimit)
    }

    static func withCounts(_ change: (Database) throws -> Void) throws {
        try corpus.database.pool.write { db in try change(db) }
    }

    static let queries = [
        "report market", "market OR bank", "NEAR(report market, 3)", "报道 经济", "经济", "report -bank",
        "title:news market", "market bank*", "\"today city\" market", "merger market",
    ]

    @Test func theCountsAreTheIndexs() throws {
        try Self.withCounts { db in try TermStatistics.refresh(db, minimumArticles: Self.rareLimit) }
        let renderer = FTS5QueryRenderer(analyzer: try Analyzer())
        let words = ["report", "market", "bank", "today", "报道", "经济", "银行", "合并"]
        let phrases = words.flatMap { renderer.renderWithPhrases(.term($0)).phrases }
        let (known, live) = try Self.corpus.database.pool.read { db in
            let known = try KnownPhraseCounts.lookUp(db, phrases: phrases)
            let live = try phrases.map { phrase in
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?",
                    arguments: [FTS5QueryRenderer.quoted(phrase.strings[0])])!
            }
            return (known, live)
        }
        #expect(known.count == phrases.count)
        for (index, phrase) in phrases.enumerated() {
            if live[index] > Self.rareLimit {
                #expect(known[index] == .init(articles: ChronologicalRankingTests.files.count, holding: live[index]), "\(phrase)")
            } else {
                #expect(known[index] == nil, "\(phrase): a rare term is counted by the ranking")
            }
        }
        #expect(live.contains { $0 <= Self.rareLimit } && live.contains { $0 > Self.rareLimit })
    }

    /// With counts that agree with the index, every query ranks as it does by counting; with
    /// counts that do not, the scores of a query of common words move, which shows they are read.
    @Test func rankingWithTheCountsIsRankingByCounting() throws {
        try Self.withCounts { db in
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [TermStatistics.articlesMetaKey])
        }
        let counted = try Self.queries.map { try Self.search($0) }
        try Self.withCounts { db in try TermStatistics.refresh(db, minimumArticles: Self.rareLimit) }
        let known = try Self.queries.map { try Self.search($0) }
        for (query, (old, new)) in zip(Self.queries, zip(counted, known)) {
            #expect(old.total == new.total, "\(query)")
            #expect(new.hits.map(\.id) == old.hits.map(\.id), "\(query)")
            #expect(zip(old.hits, new.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
            #expect(!new.hits.isEmpty, "\(query)")
        }
        try Self.withCounts { db in try db.execute(sql: "UPDATE \(TermStatistics.tableName) SET articles = articles / 3") }
        let halved = try Self.search("report market")
        #expect(halved.hits.map(\.score) != known[0].hits.map(\.score))
        try Self.withCounts { db in try TermStatistics.refresh(db, minimumArticles: Self.rareLimit) }
    }

    /// A query of one phrase takes its count from the index only while nothing changed since
    /// it was taken: the count is then its exact total too, and the ranking is the same.
    @Test func aOnePhraseQueryTakesOnlyAnExactCount() throws {
        try Self.withCounts { db in try TermStatistics.refresh(db, minimumArticles: Self.rareLimit) }
        let phrases = FTS5QueryRenderer(analyzer: try Analyzer()).renderWithPhrases(.term("market")).phrases
        let lookUp = { try Self.corpus.database.pool.read { db in try KnownPhraseCounts.lookUp(db, phrases: phrases) } }
        let exact = try lookUp()
        let known = try Self.search("market")
        try Self.withCounts { db in try TermStatistics.recordChanges(db, 1) }
        #expect(try lookUp().isEmpty, "a count that may be stale is not taken for a total")
        let counted = try Self.search("market")
        try Self.withCounts { db in try TermStatistics.refresh(db, minimumArticles: Self.rareLimit) }
        #expect(exact.count == 1 && exact[0]?.holding == counted.total)
        #expect(known.total == counted.total && !known.totalIsEstimate)
        #expect(known.hits.map(\.id) == counted.hits.map(\.id))
        #expect(zip(known.hits, counted.hits).allSatisfy { abs($0.score - $1.score) < 1e-9 })
    }

    /// `--explain` reads the same counts as the ranking: its parts add up to the score.
    @Test(arguments: ["report market", "报道 经济"])
    func explanationsAgreeWithTheCounts(query: String) throws {
        try Self.withCounts { db in try TermStatistics.refresh(db, minimumArticles: Self.rareLimit) }
        let results = try ChronologicalRankingTests.search(Self.corpus, query, limit: 5, rarePhraseLimit: Self.rareLimit)
        let explained = try SearchEngine(
            database: Self.corpus.database, countingBudget: 1_000_000, rarePhraseLimit: Self.rareLimit
        )
        .search(
            SearchRequest(
                query: try SearchQuery(query, analyzer: Self.corpus.analyzer), limit: 5,
                ranking: IndexedCorpus.fallingRecency, explain: true))
        #expect(explained.hits.map(\.id) == results.hits.map(\.id))
        for hit in explained.hits {
            let explanation = try #require(hit.explanation)
            #expect(abs(explanation.value - hit.score) < 1e-9 * max(1, hit.score), "\(hit.id)")
        }
    }

    /// The counts are taken on the first run. A run that changes at most a twentieth of the
    /// index (`TermStatistics.refreshShare`) keeps them exact; one that changes more, or any
    /// run after counts went inexact, ends by taking them again.
    @Test func theCountsAreTakenAgainAfterALargeRun() throws {
        let files = TemporaryDirectory()
        for number in 0..<40 {
            files.write("\(number).md", articleFile(title: "Harbour \(number)", body: "quarry report \(number)"))
        }
        let database = try ArchiveDatabase.openForWriting(path: TemporaryDirectory().path("index.sqlite").path)
        let runs: [(changed: [Int], counted: Bool)] = [
            ([], false), ([0], false), ([1, 2], false), ([3, 4, 5], true), ([6], false),
        ]
        #expect(try Indexer(database: database).index(root: files.url).countedTerms, "the first run")
        for (changed, counted) in runs {
            for number in changed {
                files.write("\(number).md", articleFile(title: "Harbour \(number)", body: "changed \(UUID())"))
            }
            let report = try Indexer(database: database).index(root: files.url)
            #expect(report.updated == changed.count)
            #expect(report.countedTerms == counted, "after changing \(changed)")
            #expect(try database.pool.read { db in try TermStatistics.lookUp(db, terms: [])?.areExact } == true)
        }
        // One batch a file: the first two are tracked, the third is past the share.
        for number in 7...9 { files.write("\(number).md", articleFile(title: "Harbour \(number)", body: "changed \(UUID())")) }
        #expect(try Indexer(database: database, batchFiles: 1).index(root: files.url).countedTerms, "a run past the share")
        #expect(try database.pool.read { db in try TermStatistics.lookUp(db, terms: [])?.areExact } == true)
        try database.pool.write { db in try TermStatistics.recordChanges(db, 1) }
        files.write("7.md", articleFile(title: "Harbour 7", body: "changed again"))
        #expect(try Indexer(database: database).index(root: files.url).countedTerms, "counts that were not exact")
    }

    /// A small run moves the counts of the terms of every article it changes, adds or removes,
    /// old text and new, so that they stay those of the index.
    @Test func smallRunsKeepTheCountsExact() throws {
        let files = TemporaryDirectory()
        let articles = ChronologicalRankingTests.files
        for file in articles { files.write(file.path, file.text) }
        let database = try ArchiveDatabase.openForWriting(path: TemporaryDirectory().path("index.sqlite").path)
        _ = try Indexer(database: database).index(root: files.url)
        try database.pool.write { db in try TermStatistics.refresh(db, minimumArticles: Self.rareLimit) }
        let before = try Self.countsAndVocabulary(database)
        for file in articles[0..<6] {
            files.write(file.path, articleFile(title: "银行 bank merger", body: "经济 market 合并 \(UUID())"))
        }
        for file in articles[6..<9] { try FileManager.default.removeItem(at: files.url.appendingPathComponent(file.path)) }
        for number in 0..<4 { files.write("new/\(number).md", articleFile(title: "报道 today", body: "report city 公司")) }

        let report = try Indexer(database: database).index(root: files.url)
        #expect(report.updated == 6 && report.removed == 3 && report.added == 4)
        #expect(!report.countedTerms, "the counts were moved, not taken again")
        let after = try Self.countsAndVocabulary(database)
        #expect(after.counts == after.vocabulary)
        #expect(after.exact && after.articles == articles.count + 1)
        #expect(after.counts.keys.sorted() == before.counts.keys.sorted())
        #expect(after.counts.count > 10 && after.counts != before.counts)
    }

    /// The kept counts, the same terms' counts in FTS5's vocabulary, the article count kept
    /// with them and whether they are exact.
    static func countsAndVocabulary(_ database: ArchiveDatabase) throws
        -> (counts: [String: Int], vocabulary: [String: Int], articles: Int, exact: Bool)
    {
        try database.pool.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, 'article_fts', 'row')")
            defer { try? db.execute(sql: "DROP TABLE temp.vocabulary") }
            var counts: [String: Int] = [:]
            var vocabulary: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT t.term, t.articles, coalesce(v.doc, 0) AS doc
                    FROM \(TermStatistics.tableName) t LEFT JOIN temp.vocabulary v ON v.term = t.term
                    """)
            {
                counts[row["term"]] = row["articles"]
                vocabulary[row["term"]] = row["doc"]
            }
            let kept = try #require(try TermStatistics.lookUp(db, terms: []))
            return (counts, vocabulary, kept.articles, kept.areExact)
        }
    }
}

/// `newsq optimize` merges the full-text index and takes the counts again; it refuses a path
/// that holds no index rather than creating one.
@Suite struct OptimizeCommandTests {
    let cli = CommandLineTests()

    @Test func optimizeCountsAgain() throws {
        let path = TemporaryDirectory().path("index.sqlite").path
        let indexed = try cli.run(["index", Repository.corpus.path, "--db", path, "--quiet"])
        #expect(indexed.status == 0, "\(indexed.stderr)")
        let counted = { () throws -> Bool in
            try DatabaseQueue(path: path).read { db in try TermStatistics.lookUp(db, terms: []) != nil }
        }
        #expect(try counted(), "the first run counts")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [TermStatistics.articlesMetaKey])
        }
        #expect(try !counted())
        let outcome = try cli.run(["optimize", "--db", path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("Optimized \(path)"))
        #expect(try counted())
    }

    @Test func optimizeRefusesAMissingIndex() throws {
        let path = TemporaryDirectory().path("none.sqlite").path
        let outcome = try cli.run(["optimize", "--db", path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains(path))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
