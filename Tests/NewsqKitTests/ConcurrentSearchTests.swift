import Foundation
import Testing
@testable import NewsqKit

/// Searches in a loop while `newsq index` writes: none may fail (no "database is locked"),
/// and each must see a consistent index: whole batches only, never fewer articles than the
/// search before it.
///
/// Short by default; `scripts/concurrency-test` runs it long with `NEWSQ_CONCURRENCY_ARTICLES`
/// and `NEWSQ_CONCURRENCY_BATCH`.
@Suite(.serialized) struct ConcurrentSearchTests {
    static let articles = environmentInt("NEWSQ_CONCURRENCY_ARTICLES", default: 1_000)
    static let batchSize = environmentInt("NEWSQ_CONCURRENCY_BATCH", default: 50)
    static let readerThreads = 2

    /// What the searchers saw, gathered from several threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var searches = 0
        private(set) var duringRun = 0
        private(set) var failures: [String] = []
        private(set) var totals: Set<Int> = []

        func record(total: Int, duringRun: Bool) {
            lock.withLock {
                searches += 1
                if duringRun { self.duringRun += 1 }
                totals.insert(total)
            }
        }

        func fail(_ reason: String) { lock.withLock { failures.append(reason) } }
    }

    @Test func searchesDuringAnIndexRunNeverFailAndSeeWholeBatches() throws {
        let corpus = GeneratedCorpus(count: Self.articles, seed: 5)
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        let run = try Newsq.start([
            "index", corpus.directory.url.path, "--db", db,
            "--batch-size", String(Self.batchSize), "--quiet",
        ])
        // Searching starts once there is an index to open; before, "no index" is the answer.
        while run.isRunning, (try? ArchiveDatabase.openForReading(path: db)) == nil { usleep(1_000) }

        let tally = Tally()
        let readers = DispatchGroup()
        for thread in 0..<Self.readerThreads {
            readers.enter()
            Thread.detachNewThread {
                Self.searchInProcess(db: db, thread: thread, while: run, into: tally)
                readers.leave()
            }
        }
        var cliSearches = 0
        var lastTotal = 0
        while run.isRunning {
            let duringRun = run.isRunning
            let outcome = try Newsq.run([
                "search", GeneratedCorpus.everyArticleWord, "--db", db, "--format", "json", "--limit", "1",
            ])
            cliSearches += 1
            guard outcome.status == 0, let total = Self.total(inJSON: outcome.stdout) else {
                tally.fail("newsq search: status \(outcome.status): \(outcome.stderr)")
                continue
            }
            if total < lastTotal { tally.fail("newsq search saw \(total) articles after \(lastTotal)") }
            lastTotal = total
            tally.record(total: total, duringRun: duringRun)
        }
        readers.wait()
        let indexRun = run.wait()
        #expect(indexRun.status == 0, "the index run itself: \(indexRun.stderr)")

        let boundaries = Set(stride(from: 0, through: Self.articles, by: Self.batchSize)).union([Self.articles])
        let partial = tally.totals.subtracting(boundaries)
        #expect(tally.failures.isEmpty, "\(tally.failures.prefix(5))")
        #expect(partial.isEmpty, "a search saw part of a batch: \(partial.sorted())")
        #expect(tally.duringRun > 0, "no search ran while the index was written")
        print(
            """
            concurrency test: \(tally.searches) searches (\(cliSearches) newsq processes, \(Self.readerThreads) threads \
            in process) during an index run of \(Self.articles) articles in batches of \(Self.batchSize): \
            \(tally.duringRun) while it wrote, \(tally.failures.count) failures, \(tally.totals.count) distinct \
            article counts seen, all at batch boundaries
            """)
    }

    /// Searches with one long-lived connection pool, reopening it every tenth search as a new
    /// process would, until the index run has ended and one last search has seen its result.
    private static func searchInProcess(db: String, thread: Int, while run: Newsq.Running, into tally: Tally) {
        var lastTotal = 0
        var database: ArchiveDatabase?
        var finalSearchDone = false
        let queries = [GeneratedCorpus.everyArticleWord] + GeneratedCorpus.queries
        var iteration = thread
        while !finalSearchDone {
            finalSearchDone = !run.isRunning
            do {
                if database == nil || iteration % 10 == 0 { database = try ArchiveDatabase.openForReading(path: db) }
                let analyzer = try Analyzer()
                let text = iteration % 2 == 0 ? GeneratedCorpus.everyArticleWord : queries[iteration % queries.count]
                let results = try SearchEngine(database: database!).search(
                    SearchRequest(query: try SearchQuery(text, analyzer: analyzer), limit: 5))
                if text == GeneratedCorpus.everyArticleWord {
                    if results.total < lastTotal { tally.fail("thread \(thread) saw \(results.total) after \(lastTotal)") }
                    lastTotal = results.total
                    tally.record(total: results.total, duringRun: !finalSearchDone)
                }
            } catch {
                tally.fail("thread \(thread), search \(iteration): \(error)")
            }
            iteration += 1
        }
    }

    private static func total(inJSON text: String) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        return object["total"] as? Int
    }
}
