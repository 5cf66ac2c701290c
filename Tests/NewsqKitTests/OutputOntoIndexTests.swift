import Foundation
import Testing
@testable import NewsqKit

/// `--output` never writes over a file of the index the command reads, even with `--force`:
/// not by its own name, not through a link, and not as its log, shared memory or lock.
@Suite struct OutputOntoIndexTests {
    @Test(arguments: [
        "index.sqlite", "./index.sqlite", "link.sqlite", "index.sqlite-wal", "index.sqlite-shm", "index.sqlite.lock",
    ])
    func theIndexIsNeverAnOutput(name: String) throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        try FileManager.default.createSymbolicLink(atPath: directory.path("link.sqlite").path, withDestinationPath: db)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let output = directory.url.path + "/" + name
        for command in [["search", "chips"], ["export"], ["search", "chips", "--timeline", "--format", "csv"]] {
            let outcome = try Newsq.run(command + ["--db", db, "--output", output, "--force"])
            #expect(outcome.status == 1, "\(command) \(name)")
            #expect(outcome.stderr.contains("a file of the index"), "\(outcome.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try Newsq.run(["check", "--db", db]).status == 0)
    }

    @Test func anotherFileIsStillReplacedWithForce() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        let output = directory.write("hits.json", "old").path
        let outcome = try Newsq.run(["search", "chips", "--db", db, "--output", output, "--force", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("\"hits\""))
    }
}
