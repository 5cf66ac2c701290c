import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// A stop asked while a run merges the full-text index or counts its terms ends the run as
/// stopped (exit status 130 or 143 on the command line), never as a finished run, and leaves a
/// valid index whose next run does what was left.
@Suite struct StopDuringLastStepsTests {
    private static func corpus() -> TemporaryDirectory {
        let corpus = TemporaryDirectory()
        for index in 0..<20 { corpus.write("\(index).md", articleFile(title: "Alpha \(index)", body: "alpha bravo")) }
        return corpus
    }

    @Test func aStopDuringTheMergeEndsTheRunStoppedAndTheNextRunMerges() throws {
        let corpus = Self.corpus()
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        let interruption = IndexInterruption()
        let report = try Indexer(database: database).index(root: corpus.url, interruption: interruption) { progress in
            if progress.isMerging { interruption.request() }
        }
        #expect(report.interrupted)
        #expect(report.stop == .beforeMerging)
        #expect(!report.mergedFullTextIndex && !report.countedTerms)
        #expect(report.articleCount == 20)
        #expect(IndexChecker(database: database).check().isHealthy)

        let next = try Indexer(database: database).index(root: corpus.url)
        #expect(!next.interrupted)
        #expect(next.unchanged == 20)
        #expect(next.mergedFullTextIndex)
        #expect(try IndexContents(database) == (try IndexContents.fresh(of: corpus.url)))
    }

    @Test func aStopDuringTheTermCountEndsTheRunStopped() throws {
        let corpus = Self.corpus()
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        let interruption = IndexInterruption()
        let report = try Indexer(database: database).index(root: corpus.url, interruption: interruption) { progress in
            if progress.isCountingTerms { interruption.request() }
        }
        #expect(report.interrupted)
        #expect(report.stop == .beforeCountingTerms)
        #expect(report.mergedFullTextIndex && !report.countedTerms)
        #expect(IndexChecker(database: database).check().isHealthy)
    }

    /// The request reaches a statement already running: SQLite stops it, and its transaction
    /// is rolled back. The statement announces itself through a function it calls first, so
    /// the request comes while it runs, whatever the timing; it would run for hours otherwise.
    @Test func aStopInterruptsTheRunningStatementAndRollsItBack() throws {
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        let interruption = IndexInterruption()
        let started = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            started.wait()
            interruption.request()
        }
        let finished = try database.stoppableWrite(unless: interruption) { db in
            db.add(
                function: DatabaseFunction("announce_start", argumentCount: 0, pure: false) { _ in
                    started.signal()
                    return 0
                })
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('written', 'yes')")
            _ = try Int.fetchOne(
                db,
                sql: """
                    WITH RECURSIVE counter(n) AS (SELECT announce_start() UNION ALL SELECT n + 1 FROM counter)
                    SELECT count(*) FROM (SELECT n FROM counter LIMIT 100000000000)
                    """)
        }
        #expect(!finished)
        let written = try database.pool.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'written'")
        }
        #expect(written == nil)
    }
}
