import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// Ctrl-C, SIGTERM and a second index run, through the real `newsq` process.
///
/// To interrupt a run at a known point without racing it, the test holds SQLite's write lock
/// (as any other SQLite client could): the run then waits to commit its next batch, the
/// signal arrives, the run says it is stopping, and only then the lock is released.
@Suite struct InterruptAndLockTests {
    /// Large enough, in batches of 10, that an idle machine cannot finish the run between its
    /// first commit and the test taking the write lock (200 articles could, and did).
    static let articles = 2_000
    let corpus = GeneratedCorpus(count: articles, seed: 9)
    let directory = TemporaryDirectory()
    var db: String { directory.path("index.sqlite").path }

    /// Articles the index holds, read as a search would (0 while there is no index yet).
    func articleCount() -> Int {
        guard let database = try? ArchiveDatabase.openForReading(path: db) else { return 0 }
        return (try? database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") }) ?? 0
    }

    /// Starts an index run in batches of 10 and returns once it has committed one.
    func startIndexing(_ extra: [String] = []) throws -> Newsq.Running {
        let run = try Newsq.start(["index", corpus.directory.url.path, "--db", db, "--batch-size", "10"] + extra)
        while articleCount() < 10, run.isRunning { usleep(2_000) }
        return run
    }

    /// Runs `body` while holding SQLite's write lock on the index, as a foreign client.
    func holdingTheWriteLock(_ body: () throws -> Void) throws {
        try holdingSQLiteWriteLock(on: db, body)
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsTheRunAtABatchBoundaryAndSaysHowFarItGot(signal: Int32, status: Int32) throws {
        let run = try startIndexing()
        #expect(run.isRunning, "the run ended before it could be interrupted")
        try holdingTheWriteLock {
            run.signal(signal)
            #expect(run.waitForStandardError(containing: "stopping after the current batch"))
        }
        let outcome = run.wait()
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("interrupted after"), "\(outcome.stderr)")
        let count = articleCount()
        #expect(count % 10 == 0 && count < Self.articles, "whole batches only: \(count)")
        #expect(outcome.stderr.contains("holds \(count) articles"), "\(outcome.stderr)")
        #expect(outcome.stdout.contains("Interrupted indexing"))

        let check = try Newsq.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("did not finish"))
        let rerun = try Newsq.run(["index", corpus.directory.url.path, "--db", db])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("\(Self.articles - count) added"), "\(rerun.stdout)")
        #expect(articleCount() == Self.articles)
    }

    @Test func aSecondCtrlCStopsAtOnceAndTheIndexStaysValid() throws {
        let run = try startIndexing()
        try holdingTheWriteLock {
            run.signal(SIGINT)
            #expect(run.waitForStandardError(containing: "stopping after the current batch"))
            run.signal(SIGINT)
            let outcome = run.wait()
            #expect(outcome.status == 130)
            #expect(outcome.stderr.contains("stopped at once"))
        }
        #expect(try Newsq.run(["check", "--db", db]).status == 0)
        #expect(try Newsq.run(["index", corpus.directory.url.path, "--db", db]).status == 0)
        #expect(articleCount() == Self.articles)
    }

    @Test func aSecondIndexRunStopsWithAClearMessageOrWaits() throws {
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        var lock: IndexLock? = try IndexLock(indexPath: db)
        let busy = try Newsq.run(["index", Repository.corpus.path, "--db", db])
        #expect(busy.status == 1)
        #expect(busy.stderr.contains("another newsq process"), "\(busy.stderr)")
        #expect(busy.stderr.contains("--wait"))
        let check = try Newsq.run(["check", "--db", db])
        #expect(check.status == 1)
        #expect(check.stderr.contains("another newsq process"))
        #expect(try Newsq.run(["search", "chips", "--db", db]).status == 0, "searches never take the lock")

        let waiting = try Newsq.start(["index", Repository.corpus.path, "--db", db, "--wait"])
        #expect(waiting.waitForStandardError(containing: "waiting for another newsq process"))
        #expect(waiting.isRunning)
        withExtendedLifetime(lock) {}
        lock = nil
        let outcome = waiting.wait()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("48 unchanged"))
    }

    @Test func ctrlCWhileWaitingForTheLockChangesNothing() throws {
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        let lock = try IndexLock(indexPath: db)
        let waiting = try Newsq.start(["index", corpus.directory.url.path, "--db", db, "--wait", "--rebuild"])
        #expect(waiting.waitForStandardError(containing: "waiting for another newsq process"))
        waiting.signal(SIGINT)
        let outcome = waiting.wait()
        withExtendedLifetime(lock) {}
        #expect(outcome.status == 130)
        #expect(outcome.stderr.contains("nothing was changed"), "\(outcome.stderr)")
        #expect(articleCount() == 48)
    }

    /// The lock is `flock`: the kernel drops it when its holder dies, even by SIGKILL.
    @Test func aKilledRunLeavesNoStaleLock() throws {
        let run = try startIndexing()
        run.signal(SIGKILL)
        #expect(run.wait().signalled)
        let rerun = try Newsq.run(["index", corpus.directory.url.path, "--db", db])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(articleCount() == Self.articles)
    }
}

/// Runs `body` while a foreign client holds SQLite's write lock on the database at `path`, so an
/// index run there stalls at its next batch.
func holdingSQLiteWriteLock(on path: String, _ body: () throws -> Void) throws {
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.inDatabase { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        defer { try? db.execute(sql: "ROLLBACK") }
        try body()
    }
}
