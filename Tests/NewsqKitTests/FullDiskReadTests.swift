import Foundation
import Testing
@testable import NewsqKit

/// On a full disk, a reader cannot create the WAL's shared-memory file (`-shm`) that SQLite
/// needs to read a WAL index. Reads still work when the log is empty (the file holds
/// everything), and otherwise say that the disk is full.
@Suite struct FullDiskReadTests {
    /// Fills the file system of `disk` to its last byte.
    static func fill(_ disk: SmallFileSystem) {
        Privileges.shell("dd if=/dev/zero of='\(disk.directory.path("filler").path)' bs=4k")
    }

    @Test(.enabled(if: Privileges.canMountTmpfs, "needs root allowed to mount a tmpfs"))
    func searchStatsExportAndCheckReadAFullDisk() throws {
        let disk = try #require(SmallFileSystem(megabytes: 2))
        let db = disk.directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: db + "-shm"), "the last connection removed it")
        Self.fill(disk)

        let search = try Newsq.run(["search", "chips", "--db", db])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("1. "))
        let stats = try Newsq.run(["stats", "--db", db])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("48 articles"))
        let export = try Newsq.run(["export", "chips", "--db", db])
        #expect(export.status == 0, "\(export.stderr)")
        let check = try Newsq.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("The index is healthy"))
    }

    /// The shared-memory file is removed, as if the disk filled up after the last run, while its
    /// log still held a transaction: the file alone is not the index, so nothing is read.
    @Test(.enabled(if: Privileges.canMountTmpfs, "needs root allowed to mount a tmpfs"))
    func aFullDiskWithAnUnmergedLogSaysTheDiskIsFull() throws {
        let disk = try #require(SmallFileSystem(megabytes: 2))
        let db = disk.directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        try Data(repeating: 1, count: 4096).write(to: URL(fileURLWithPath: db + "-wal"))
        Self.fill(disk)

        for arguments in [["search", "chips"], ["stats"], ["search", "chips", "--timeline"]] {
            let outcome = try Newsq.run(arguments + ["--db", db])
            #expect(outcome.status == 1, "\(arguments)")
            #expect(outcome.stderr.contains("the disk is full"), "\(arguments): \(outcome.stderr)")
            #expect(!outcome.stderr.contains("disk I/O error"), "\(outcome.stderr)")
        }
    }
}
