import Foundation
import Testing
@testable import NewsqKit

/// Every command that reads an index turns damage found while reading into the one sentence
/// that says to rebuild, never SQLite's own words; and a rebuild replaces an index whose first
/// page was destroyed, once its lock file shows that newsq made it.
@Suite struct DamagedIndexReadTests {
    /// An index of the sample corpus whose pages after the first ten (the articles and the
    /// full-text index) are overwritten with garbage.
    static func damagedIndex(in directory: TemporaryDirectory) throws -> String {
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: db)[.size] as! Int
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: db))
        try handle.seek(toOffset: 10 * 4096)
        try handle.write(contentsOf: Data(repeating: 0x5A, count: size - 10 * 4096))
        try handle.close()
        return db
    }

    @Test(arguments: [
        ["stats"], ["stats", "--format", "json"], ["export"], ["export", "chips"],
        ["search", "chips", "--timeline"], ["search", "chips"], ["show", "2021/06/30-shenzhen-ai-regulation"],
    ])
    func aDamagedPageGivesTheRebuildSentence(arguments: [String]) throws {
        let directory = TemporaryDirectory()
        let db = try Self.damagedIndex(in: directory)
        let outcome = try Newsq.run(arguments + ["--db", db])
        #expect(outcome.status == 1, "\(arguments)")
        #expect(outcome.stderr.contains("is damaged"), "\(arguments): \(outcome.stderr)")
        #expect(outcome.stderr.contains("--rebuild"), "\(arguments): \(outcome.stderr)")
        #expect(!outcome.stderr.contains("malformed") && !outcome.stderr.contains("SQLite error"), "\(outcome.stderr)")
    }

    static func zeroFirstPage(_ db: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: db))
        try handle.write(contentsOf: Data(repeating: 0, count: 4096))
        try handle.close()
    }

    @Test func aRebuildReplacesAnIndexWhoseFirstPageIsZeroed() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: db + ".lock"))
        try Self.zeroFirstPage(db)

        let search = try Newsq.run(["search", "chips", "--db", db])
        #expect(search.status == 1)
        #expect(search.stderr.contains("--rebuild"), "\(search.stderr)")
        let rebuild = try Newsq.run(["index", Repository.corpus.path, "--db", db, "--rebuild"])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(rebuild.stderr.contains("was replaced by a new one"), "\(rebuild.stderr)")
        #expect(rebuild.stdout.contains("48 articles in the index"))
        #expect(try Newsq.run(["check", "--db", db]).status == 0)
    }

    /// Without newsq's lock file beside it, the file may be anyone's: it is never replaced, and
    /// trying leaves no lock file behind that would later let a rebuild delete it.
    @Test func aFileWithoutTheLockFileIsNeverReplaced() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("notes.sqlite", Data(repeating: 7, count: 8192)).path
        for _ in 0..<2 {
            let rebuild = try Newsq.run(["index", Repository.corpus.path, "--db", file, "--rebuild"])
            #expect(rebuild.status == 1)
            #expect(rebuild.stderr.contains("is not a newsq index"), "\(rebuild.stderr)")
            #expect(!FileManager.default.fileExists(atPath: file + ".lock"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(repeating: 7, count: 8192))
    }
}
