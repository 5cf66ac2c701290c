import Foundation
import Testing
@testable import NewsqKit

@Suite struct FullTextOptimizationTests {
    static func segments(_ database: ArchiveDatabase) throws -> Int {
        try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT segid) FROM article_fts_idx") ?? 0 }
    }

    /// A run that changes a large share of the index ends with one segment; one that changes
    /// a little leaves FTS5's segments as they are.
    @Test func aRunThatChangesMostOfTheIndexMergesIt() throws {
        let files = TemporaryDirectory()
        for number in 0..<40 {
            files.write("\(number).md", articleFile(title: "Harbour \(number)", body: "quarry report \(number)"))
        }
        let database = try ArchiveDatabase.openForWriting(path: TemporaryDirectory().path("index.sqlite").path)
        let first = try Indexer(database: database, batchFiles: 4).index(root: files.url)
        #expect(first.mergedFullTextIndex)
        #expect(try Self.segments(database) == 1)
        files.write("0.md", articleFile(title: "Harbour 0", body: "a changed report"))
        files.write("1.md", articleFile(title: "Harbour 1", body: "another changed report"))
        let small = try Indexer(database: database, batchFiles: 1).index(root: files.url)
        #expect(small.updated == 2 && !small.mergedFullTextIndex)
        #expect(try Self.segments(database) > 1)
        for number in 0..<20 { files.write("\(number).md", articleFile(title: "Harbour \(number)", body: "rewritten \(number)")) }
        let large = try Indexer(database: database, batchFiles: 1).index(root: files.url)
        #expect(large.updated == 20 && large.mergedFullTextIndex)
        #expect(try Self.segments(database) == 1)
    }

    /// A day's articles are written in the order of their quality slots, whatever the order of
    /// their files: FTS5 starts a new segment at every docid lower than the one before.
    @Test func aBatchWritesOneSegmentWhateverTheOrderOfQualities() throws {
        let files = TemporaryDirectory()
        for number in 0..<64 {
            files.write(
                String(format: "%02d.md", number),
                articleFile(
                    title: "Harbour \(number)", body: "quarry report \(number)", date: "2024-05-01T10:00:00Z",
                    quality: 200 - 3 * number))
        }
        let database = try ArchiveDatabase.openForWriting(path: TemporaryDirectory().path("index.sqlite").path)
        // FTS5 would merge small segments as they come, and hide how many there were.
        try database.pool.write { db in
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('automerge', 0)")
            try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('crisismerge', 1000)")
        }
        let report = try Indexer(database: database, mergeShare: 2).index(root: files.url)
        #expect(report.added == 64 && !report.mergedFullTextIndex)
        let slots = try database.pool.read { db in
            try Set(Int64.fetchAll(db, sql: "SELECT docid FROM articles").map(ChronologicalDocids.slot(docid:)))
        }
        #expect(slots.count > 8, "the day's articles spread over the quality slots")
        #expect(try Self.segments(database) == 1)
    }

    @Test func optimizingChangesNoSearchResult() throws {
        // Indexed in small batches and never merged: many segments to merge.
        let corpus = try IndexedCorpus(root: Repository.corpus, batchFiles: 3, mergeShare: 2)
        let database = corpus.database
        #expect(try Self.segments(database) > 1)
        let queries = ["AI regulation", "rates", "\"interest rates\"", "央行", "NEAR(AI act, 3)"]
        let before = try queries.map { try corpus.search($0, limit: 20, explain: true, relax: true) }
        try corpus.database.optimizeFullTextIndex()
        #expect(try Self.segments(database) == 1)
        let after = try queries.map { try corpus.search($0, limit: 20, explain: true, relax: true) }
        for (query, (old, new)) in zip(queries, zip(before, after)) {
            #expect(old.total == new.total, "\(query)")
            #expect(old.hits == new.hits, "\(query)")
        }
    }
}
