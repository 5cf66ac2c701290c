import Foundation
import Testing
@testable import NewsqKit

/// `newsq index DIR --watch` as a user runs it: files added, changed, renamed and removed
/// while it watches are indexed or gone soon after, and the index then equals a fresh index
/// of the directory; killed at any moment and restarted, it converges to the same.
@Suite(.serialized) struct IndexWatchTests {
    /// Generous: the watch is meant to take well under 2 s, but tests assert what, not how fast.
    static let patience = 15.0

    enum Step: String, CaseIterable {
        case add, change, rename, remove, addInNewDirectory, renameDirectory, turnBad
    }

    static func apply(_ step: Step, to corpus: TemporaryDirectory) throws {
        let files = FileManager.default
        switch step {
        case .add:
            corpus.write("new/delta.md", articleFile(title: "Delta arrives", body: "delta news"))
        case .change:
            corpus.write("a.md", articleFile(title: "Alpha changed", body: "alpha echo now"))
        case .rename:
            try files.moveItem(at: corpus.path("b.md"), to: corpus.path("b-renamed.md"))
        case .remove:
            try files.removeItem(at: corpus.path("c.md"))
        case .addInNewDirectory:
            try files.createDirectory(at: corpus.path("x/y"), withIntermediateDirectories: true)
            corpus.write("x/y/charlie.md", articleFile(title: "Charlie deep", body: "charlie below"))
        case .renameDirectory:
            try files.moveItem(at: corpus.path("x"), to: corpus.path("z"))
            corpus.write("z/y/echo.md", articleFile(title: "Echo in a moved directory", body: "echo"))
        case .turnBad:
            corpus.write("new/delta.md", "---\ntitle: [unclosed\n---\nbravo\n")
        }
    }

    /// Polls until the index at `db` holds what a fresh index of `corpus` holds.
    static func waitUntilEqualToFresh(_ db: String, _ corpus: TemporaryDirectory) throws -> Bool {
        let expected = try IndexContents.fresh(of: corpus.url)
        let deadline = Date().addingTimeInterval(patience)
        while Date() < deadline {
            if let archive = try? ArchiveDatabase.openForReading(path: db), try IndexContents(archive) == expected {
                return true
            }
            usleep(50_000)
        }
        return false
    }

    @Test func changesWhileWatchingAreIndexedAndTheLockIsHeld() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Alpha first", body: "alpha"))
        corpus.write("b.md", articleFile(title: "Bravo first", body: "bravo"))
        corpus.write("c.md", articleFile(title: "Charlie first", body: "charlie"))
        let work = TemporaryDirectory()
        let db = work.path("index.sqlite").path
        let watcher = try Newsq.start(["index", corpus.url.path, "--db", db, "--watch"])
        #expect(watcher.waitForStandardError(containing: "watching"))

        for step in Step.allCases {
            try Self.apply(step, to: corpus)
            #expect(try Self.waitUntilEqualToFresh(db, corpus), "after \(step.rawValue)")
        }
        let second = try Newsq.run(["index", corpus.url.path, "--db", db])
        #expect(second.status == 1)
        #expect(second.stderr.contains("another newsq process"))

        watcher.signal(SIGTERM)
        let outcome = watcher.wait()
        #expect(!outcome.signalled)
        #expect(outcome.status == 143)
        #expect(outcome.stderr.contains("stopped watching"))
        #expect(outcome.stderr.contains("new/delta.md"), "the file turned bad is reported")
        #expect(outcome.stdout.contains(" added, "), "each batch prints its line")
    }

    @Test func aBurstOfFilesIsTakenInAFewRunsNotOneByOne() throws {
        let corpus = TemporaryDirectory()
        corpus.write("first.md", articleFile(title: "First", body: "alpha"))
        let db = TemporaryDirectory().path("index.sqlite").path
        let watcher = try Newsq.start(["index", corpus.url.path, "--db", db, "--watch", "--batch-size", "100"])
        #expect(watcher.waitForStandardError(containing: "watching"))
        let files = 400
        for index in 0..<files {
            corpus.write(
                String(format: "burst/%02d/%04d.md", index % 20, index), articleFile(title: "Burst \(index)", body: "bravo"))
        }
        #expect(try Self.waitUntilEqualToFresh(db, corpus))
        watcher.signal(SIGINT)
        let outcome = watcher.wait()
        #expect(outcome.status == 130)
        let runs = outcome.stdout.split(separator: "\n").filter { $0.contains(" added, ") }
        #expect(!runs.isEmpty)
        #expect(runs.count <= files / 10, "\(runs.count) runs for \(files) files")
    }

    @Test func aWatchKilledAtRandomMomentsConvergesToAFreshIndex() throws {
        var random = SeededGenerator(seed: testSeed(default: 22))
        let corpus = GeneratedCorpus(count: 300, seed: 3)
        let work = TemporaryDirectory()
        let db = work.path("index.sqlite").path
        let arguments = ["index", corpus.directory.url.path, "--db", db, "--watch", "--batch-size", "20", "--quiet"]
        var version = 1
        for _ in 0..<10 {
            let watcher = try Newsq.start(arguments)
            // Files change while it starts, indexes and watches; it dies at a random moment.
            for _ in 0..<5 {
                let index = Int.random(in: 0..<360, using: &random)
                let path = GeneratedCorpus.path(index)
                if Bool.random(using: &random) || index >= 300 {
                    corpus.directory.write(path, corpus.article(index, version: version))
                } else {
                    try? FileManager.default.removeItem(at: corpus.directory.path(path))
                }
                version += 1
                usleep(UInt32.random(in: 0...150_000, using: &random))
            }
            usleep(UInt32.random(in: 0...400_000, using: &random))
            watcher.signal(SIGKILL)
            _ = watcher.wait()
        }
        #expect(try Newsq.run(["check", "--db", db]).status == 0)
        let watcher = try Newsq.start(arguments)
        #expect(watcher.waitForStandardError(containing: "watching"))
        #expect(try Self.waitUntilEqualToFresh(db, corpus.directory))
        watcher.signal(SIGINT)
        #expect(watcher.wait().status == 130)
    }
}
