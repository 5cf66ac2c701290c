import Foundation
import Testing
@testable import NewsqKit

/// Kills `newsq index` with SIGKILL at random moments (a fresh index, a rebuild, an update
/// after files changed) and checks that each time `newsq check` passes and one more run
/// makes the index equal to a fresh index of the same files: same article count, and the
/// same JSON for every query of `GeneratedCorpus.queries`.
///
/// Short by default; `scripts/crash-test` runs it long through the environment:
/// `NEWSQ_CRASH_POINTS` (kills), `NEWSQ_CRASH_ARTICLES`, `NEWSQ_CRASH_BATCH` (batch size)
/// and `NEWSQ_SEED`.
@Suite(.serialized) struct CrashSafetyTests {
    static let points = environmentInt("NEWSQ_CRASH_POINTS", default: 3)
    static let articles = environmentInt("NEWSQ_CRASH_ARTICLES", default: 600)
    static let batchSize = environmentInt("NEWSQ_CRASH_BATCH", default: 50)

    enum Scenario: String, CaseIterable {
        case fresh, rebuild, update
    }

    /// What the index answers: its article count and the JSON of each query.
    struct Snapshot: Equatable {
        var count: Int
        var results: [String]
    }

    @Test func killedIndexRunsLeaveAValidIndexThatOneMoreRunMakesEqualToAFreshOne() throws {
        let seed = testSeed(default: 20)
        var random = SeededGenerator(seed: seed)
        let corpus = GeneratedCorpus(count: Self.articles, seed: 1)
        var changes = CorpusChanges(corpus: corpus)
        let work = TemporaryDirectory()
        let db = work.path("index.sqlite").path

        // References: fresh indexes of both states of the corpus, timed.
        var reference: [Bool: Snapshot] = [:]
        var duration: [Scenario: Double] = [:]
        for changed in [false, true] {
            changes.set(changed)
            let path = work.path("reference-\(changed).sqlite").path
            duration[.fresh] = try timedIndex(corpus, db: path)
            reference[changed] = try snapshot(db: path)
        }
        changes.set(false)
        _ = try timedIndex(corpus, db: db)
        duration[.rebuild] = try timedIndex(corpus, db: db, rebuild: true)
        changes.set(true)
        duration[.update] = try timedIndex(corpus, db: db)
        #expect(try snapshot(db: db) == reference[true], "an update gives what a fresh index gives")

        var killedRunning = 0, killedBeforeIndexExisted = 0, checksPassed = 0, rerunsEqual = 0
        var log: [String] = []
        for point in 0..<Self.points {
            let scenario = Scenario.allCases[point % Scenario.allCases.count]
            var arguments = ["index", corpus.directory.url.path, "--db", db, "--batch-size", String(Self.batchSize), "--quiet"]
            switch scenario {
            case .fresh:
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            case .rebuild:
                arguments.append("--rebuild")
            case .update:
                changes.set(!changes.isChanged)
            }
            let delay = Double.random(in: 0...(0.95 * duration[scenario]!), using: &random)
            let run = try Newsq.start(arguments)
            usleep(useconds_t(delay * 1_000_000))
            let wasRunning = run.isRunning
            run.signal(SIGKILL)
            let outcome = run.wait()
            if wasRunning, outcome.signalled { killedRunning += 1 }

            let check = try Newsq.run(["check", "--db", db])
            if check.status == 0 {
                checksPassed += 1
            } else if check.stderr.contains("there is no index") {
                killedBeforeIndexExisted += 1
            } else {
                Issue.record("point \(point) (\(scenario), \(delay) s): check failed: \(check.stdout)\(check.stderr)")
            }
            let rerun = try Newsq.run(["index", corpus.directory.url.path, "--db", db, "--quiet"])
            #expect(rerun.status == 0, "point \(point): \(rerun.stderr)")
            let after = try snapshot(db: db)
            if after == reference[changes.isChanged] {
                rerunsEqual += 1
            } else {
                Issue.record("point \(point) (\(scenario), \(delay) s): the re-run differs from a fresh index")
            }
            log.append(String(format: "%@ at %.3f s%@", scenario.rawValue, delay, wasRunning ? "" : " (had finished)"))
        }
        #expect(checksPassed + killedBeforeIndexExisted == Self.points)
        #expect(rerunsEqual == Self.points)
        print(
            """
            crash test: \(Self.points) kills over \(Self.articles) articles (batches of \(Self.batchSize), seed \(seed)): \
            \(killedRunning) killed a running index, \(checksPassed) checks passed, \
            \(killedBeforeIndexExisted) before the index existed, \(rerunsEqual) re-runs equal to a fresh index
            points: \(log.joined(separator: ", "))
            """)
    }

    /// Indexes `corpus` into `db` and returns how long it took, in seconds.
    private func timedIndex(_ corpus: GeneratedCorpus, db: String, rebuild: Bool = false) throws -> Double {
        let started = Date()
        let outcome = try Newsq.run(["index", corpus.directory.url.path, "--db", db, "--quiet"] + (rebuild ? ["--rebuild"] : []))
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return Date().timeIntervalSince(started)
    }

    private func snapshot(db: String) throws -> Snapshot {
        let database = try ArchiveDatabase.openForReading(path: db)
        let count = try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") } ?? 0
        let results = try GeneratedCorpus.queries.map { query in
            try Newsq.run(["search", query, "--db", db, "--format", "json", "--limit", "20", "--now", "2026-11-28"]).stdout
        }
        return Snapshot(count: count, results: results)
    }
}

/// A second state of a generated corpus: every tenth article rewritten, every twentieth
/// deleted, and one in twenty new. `set(_:)` moves the files between the two states.
struct CorpusChanges {
    let corpus: GeneratedCorpus
    private(set) var isChanged = false

    init(corpus: GeneratedCorpus) { self.corpus = corpus }

    mutating func set(_ changed: Bool) {
        guard changed != isChanged else { return }
        isChanged = changed
        let directory = corpus.directory
        for index in 0..<corpus.count where index % 10 == 3 {
            directory.write(GeneratedCorpus.path(index), corpus.article(index, version: changed ? 1 : 0))
        }
        for index in 0..<corpus.count where index % 20 == 7 {
            if changed {
                try? FileManager.default.removeItem(at: directory.path(GeneratedCorpus.path(index)))
            } else {
                directory.write(GeneratedCorpus.path(index), corpus.article(index, version: 0))
            }
        }
        for index in corpus.count..<(corpus.count + corpus.count / 20) {
            if changed {
                directory.write(GeneratedCorpus.path(index), corpus.article(index, version: 0))
            } else {
                try? FileManager.default.removeItem(at: directory.path(GeneratedCorpus.path(index)))
            }
        }
    }
}
