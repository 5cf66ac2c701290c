import Foundation
import Testing
@testable import NewsqKit

/// Full disks, read-only storage, missing or impossible directories and damaged files: each
/// gives a sentence that says what to do, and the index stays valid.
@Suite struct StorageFaultTests {
    /// SQLite's page limit makes any file system "full" at a chosen size, on every machine.
    @Test func aFullDatabaseStopsTheRunWithASentenceAndKeepsEveryCommittedBatch() throws {
        let corpus = GeneratedCorpus(count: 300, seed: 3)
        let directory = TemporaryDirectory()
        let path = directory.path("index.sqlite").path
        let database = try ArchiveDatabase.openForWriting(path: path)
        try database.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + 60)")
        }
        do {
            _ = try Indexer(database: database, batchFiles: 20).index(root: corpus.directory.url)
            Issue.record("the run should have found the database full")
        } catch let error as IndexError {
            guard case .diskFull = error else { throw error }
            #expect(error.description.contains("disk is full"))
        }
        let health = IndexChecker(database: database).check()
        #expect(health.isHealthy, "\(health.items)")
        #expect(!health.lastRunFinished)
        #expect(health.articleCount > 0 && health.articleCount < 300)
        #expect(health.articleCount % 20 == 0, "only whole batches: \(health.articleCount)")
    }

    @Test(.enabled(if: Privileges.canMountTmpfs, "needs root allowed to mount a tmpfs"))
    func aFullDiskStopsTheRunAndTheNextRunFinishesOnceThereIsSpace() throws {
        let corpus = GeneratedCorpus(count: 1_500, seed: 4)
        let disk = try #require(SmallFileSystem(megabytes: 2))
        let db = disk.directory.path("index.sqlite").path
        let full = try Newsq.run(["index", corpus.directory.url.path, "--db", db, "--batch-size", "100"])
        #expect(full.status == 1)
        #expect(full.stderr.contains("the disk is full"), "\(full.stderr)")

        let check = try Newsq.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("did not finish"))
        let search = try Newsq.run(["search", GeneratedCorpus.everyArticleWord, "--db", db, "--format", "json"])
        #expect(search.status == 0, "\(search.stderr)")

        #expect(Privileges.shell("mount -o remount,size=64m '\(disk.directory.url.path)'") == 0)
        let resumed = try Newsq.run(["index", corpus.directory.url.path, "--db", db])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("1500 articles in the index"))
        #expect(try Newsq.run(["check", "--db", db]).status == 0)
    }

    @Test(.enabled(if: Privileges.canMountTmpfs, "needs root allowed to mount a tmpfs"))
    func aReadOnlyFileSystemIsSearchedAndCheckedButNotWritten() throws {
        let disk = try #require(SmallFileSystem(megabytes: 8))
        let db = disk.directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db]).status == 0)
        #expect(disk.remountReadOnly())

        let search = try Newsq.run(["search", "chips", "--db", db])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("1. "))
        let check = try Newsq.run(["check", "--db", db])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("skipped"))
        let index = try Newsq.run(["index", Repository.corpus.path, "--db", db])
        #expect(index.status == 1)
        #expect(index.stderr.contains("read-only"), "\(index.stderr)")
        let create = try Newsq.run(["index", Repository.corpus.path, "--db", disk.directory.path("new/index.sqlite").path])
        #expect(create.status == 1)
        #expect(create.stderr.contains("read-only"), "\(create.stderr)")
    }

    /// Root writes any file whatever its mode, so for root the file is made immutable instead.
    @Test func aWriteProtectedIndexIsSearchedButAnIndexRunSaysItIsReadOnly() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db]).status == 0)
        let protect = Privileges.isRoot ? "chattr +i '\(db)'" : "chmod 444 '\(db)'"
        guard Privileges.shell(protect) == 0 else {
            Issue.record("could not write-protect the index with `\(protect)`")
            return
        }
        defer { Privileges.shell(Privileges.isRoot ? "chattr -i '\(db)'" : "chmod 644 '\(db)'") }

        let search = try Newsq.run(["search", "chips", "--db", db])
        #expect(search.status == 0, "\(search.stderr)")
        let index = try Newsq.run(["index", Repository.corpus.path, "--db", db])
        #expect(index.status == 1)
        #expect(index.stderr.contains("read-only"), "\(index.stderr)")
        #expect(try Newsq.run(["check", "--db", db]).status == 0)
    }

    @Test func aMissingDirectoryIsCreatedAndAnImpossibleOneIsNamed() throws {
        let directory = TemporaryDirectory()
        let nested = directory.path("a/b/c/index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", nested, "--quiet"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: nested))

        let asDirectory = try Newsq.run(["index", Repository.corpus.path, "--db", directory.url.path])
        #expect(asDirectory.status == 1)
        #expect(asDirectory.stderr.contains("it is a directory"), "\(asDirectory.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.path + ".lock"))

        let file = directory.write("plain-file", "not a directory")
        let impossible = try Newsq.run(["index", Repository.corpus.path, "--db", file.path + "/index.sqlite"])
        #expect(impossible.status == 1)
        #expect(impossible.stderr.contains("cannot create the directory \(file.path)"), "\(impossible.stderr)")
    }

    enum Damage: String, CaseIterable, Sendable {
        case cutInHalf
        case headerWiped

        func apply(to url: URL) throws {
            switch self {
            case .cutInHalf:
                let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int
                truncate(url.path, off_t(size / 2))
            case .headerWiped:
                let handle = try FileHandle(forWritingTo: url)
                try handle.write(contentsOf: Data(repeating: 0, count: 100))
                try handle.close()
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedFileIsRefusedAtOpenWithWhatToDo(damage: Damage) throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite")
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db.path]).status == 0)
        try damage.apply(to: db)

        let search = try Newsq.run(["search", "chips", "--db", db.path])
        #expect(search.status == 1, "\(damage)")
        #expect(search.stderr.hasPrefix("Error: "), "\(search.stderr)")
        #expect(search.stderr.contains("--rebuild") || search.stderr.contains("not a newsq index"), "\(search.stderr)")
        #expect(!search.stderr.contains("malformed"), "SQLite's words stay out: \(search.stderr)")
        let check = try Newsq.run(["check", "--db", db.path])
        #expect(check.status != 0)
        #expect((check.stdout + check.stderr).contains("--rebuild") || check.stderr.contains("not a newsq index"))
    }

    @Test func aRebuildReplacesAnIndexCutInHalf() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db]).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: db)[.size] as! Int
        truncate(db, off_t(size / 2))

        let rebuild = try Newsq.run(["index", Repository.corpus.path, "--db", db, "--rebuild"])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(rebuild.stderr.contains("was replaced by a new one"))
        #expect(rebuild.stdout.contains("48 articles in the index"))
        #expect(try Newsq.run(["check", "--db", db]).status == 0)
    }
}
