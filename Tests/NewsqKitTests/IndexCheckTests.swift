import Foundation
import Testing
@testable import NewsqKit

/// `IndexChecker` finds each way the articles table and the full-text index can disagree, and
/// a rebuild repairs every one of them.
@Suite struct IndexCheckTests {
    /// The sample corpus indexed into a file of its own, kept apart from the directory so a
    /// test can close the database and damage the file.
    struct Fixture {
        let directory = TemporaryDirectory()
        var path: String { directory.path("index.sqlite").path }

        init() throws {
            let database = try ArchiveDatabase.openForWriting(path: path)
            _ = try Indexer(database: database).index(root: Repository.corpus)
        }

        func check() throws -> IndexHealth {
            IndexChecker(database: try ArchiveDatabase.openForChecking(path: path)).check()
        }

        /// Runs `sql` on `articles` without keeping the full-text index in step (the indexer
        /// does that, not triggers), as a bug or a foreign tool writing the file could.
        func writeBehindTheIndexesBack(_ sql: String) throws {
            let database = try ArchiveDatabase.openForWriting(path: path)
            try database.pool.write { db in try db.execute(sql: sql) }
        }
    }

    @Test func aFreshIndexIsHealthy() throws {
        let health = try Fixture().check()
        #expect(health.isHealthy, "\(health.items)")
        #expect(health.items.count == 3)
        #expect(health.items.allSatisfy { $0.skipped == nil })
        #expect(health.articleCount == 48)
        #expect(health.lastRunFinished)
        #expect(health.root == Repository.corpus.standardizedFileURL.resolvingSymlinksInPath().path)
    }

    static let damages: [(name: String, sql: String, finding: String)] = [
        (
            "an article deleted without its index entry",
            "DELETE FROM articles WHERE docid = (SELECT min(docid) FROM articles)", "no longer exist"
        ),
        (
            "an article added without an index entry",
            "INSERT INTO articles(id, file_size, file_mtime, content_hash, title, excerpt, body, topics, provider, related, language) VALUES ('ghost', 1, 1, 1, 'Ghost', '', '', '', '', '', 'en')",
            "missing from the full-text index (`ghost`)"
        ),
        (
            "an article whose text changed without the index",
            "UPDATE articles SET title = 'Completely different words' WHERE docid = (SELECT min(docid) FROM articles)",
            "does not match the articles' text"
        ),
        (
            "a damaged full-text segment",
            "UPDATE article_fts_data SET block = zeroblob(length(block)) WHERE id = (SELECT max(id) FROM article_fts_data)",
            "does not match the articles' text"
        ),
    ]

    @Test(arguments: damages)
    func eachDisagreementIsFoundAndARebuildRepairsIt(damage: (name: String, sql: String, finding: String)) throws {
        let fixture = try Fixture()
        try fixture.writeBehindTheIndexesBack(damage.sql)
        let health = try fixture.check()
        #expect(!health.isHealthy, "\(damage.name)")
        let problems = health.items.compactMap(\.problem).joined(separator: " | ")
        #expect(problems.contains(damage.finding), "\(damage.name): \(problems)")

        let database = try ArchiveDatabase.openForWriting(path: fixture.path, replacingDamaged: true)
        let report = try Indexer(database: database).index(root: Repository.corpus, rebuild: true)
        #expect(report.articleCount == 48)
        // This writer holds the index lock, so the check runs through it.
        #expect(IndexChecker(database: database).check().isHealthy)
    }

    @Test func damagedPagesAreFoundAndARebuildReplacesTheFile() throws {
        let fixture = try Fixture()
        let handle = try #require(FileHandle(forUpdatingAtPath: fixture.path))
        let size = try handle.seekToEnd()
        // Garbage over the second half of the file, where the full-text segments and the
        // articles' text live; page 1 (the schema) stays, so the file still opens.
        var random = SeededGenerator(seed: 11)
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data((0..<Int(size / 2)).map { _ in UInt8.random(in: 0...255, using: &random) }))
        try handle.close()

        let health = try fixture.check()
        #expect(!health.isHealthy)
        #expect(health.items.first?.problem != nil, "SQLite's own check sees the damage: \(health.items)")

        let database = try ArchiveDatabase.openForWriting(path: fixture.path, replacingDamaged: true)
        #expect(database.replacedDamagedIndex != nil)
        let report = try Indexer(database: database).index(root: Repository.corpus, rebuild: true)
        #expect(report.articleCount == 48)
        // This writer holds the index lock, so the check runs through it.
        #expect(IndexChecker(database: database).check().isHealthy)
    }

    @Test func aRunStoppedBeforeItsEndIsNotedAndTheNextRunCompletesIt() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("index.sqlite").path
        let database = try ArchiveDatabase.openForWriting(path: path)
        let interruption = IndexInterruption()
        interruption.request()
        let stopped = try Indexer(database: database).index(root: Repository.corpus, interruption: interruption)
        #expect(stopped.interrupted)
        #expect((stopped.filesDone, stopped.filesTotal, stopped.articleCount) == (0, 48, 0))

        let checker = IndexChecker(database: database)
        #expect(checker.check().isHealthy)
        #expect(!checker.check().lastRunFinished)
        let finished = try Indexer(database: database).index(root: Repository.corpus)
        #expect(!finished.interrupted)
        #expect(finished.articleCount == 48)
        #expect(checker.check().lastRunFinished)
    }

    @Test func anInterruptionStopsAtABatchBoundary() throws {
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        let interruption = IndexInterruption()
        var batches = 0
        let report = try Indexer(database: database, batchFiles: 10).index(
            root: Repository.corpus, interruption: interruption,
            progress: { _ in
                batches += 1
                if batches == 2 { interruption.request() }
            })
        #expect(report.interrupted)
        #expect((report.filesDone, report.added, report.articleCount) == (20, 20, 20))
    }
}
