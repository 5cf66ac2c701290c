import Foundation
import GRDB
import Testing
@testable import NewsqKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file is skipped unread only when its size, modification time, inode change time and inode
/// number are all as they were: size and modification time alone miss a file rewritten and
/// given its old time back, and two files of one size swapped with their times.
@Suite struct ChangeDetectionTests {
    /// Sets the file's access and modification times to `nanoseconds` since 1970.
    static func setTimes(_ file: URL, nanoseconds: Int64) throws {
        let time = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        let times = [time, time]
        guard utimensat(AT_FDCWD, file.path, times, 0) == 0 else { throw POSIXFailure(code: errno) }
    }

    static func modified(_ file: URL) throws -> Int64 {
        try FileStatus.of(path: file.path).get().modifiedNanoseconds
    }

    @Test func aRewriteOfTheSameSizeGivenItsOldTimeBackIsSeen() throws {
        let corpus = TemporaryDirectory()
        let file = corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        let indexed = try IndexedCorpus(root: corpus.url)
        let time = try Self.modified(file)
        try Data(articleFile(title: "Bravo", body: "bravo").utf8).write(to: file)
        try Self.setTimes(file, nanoseconds: time)
        #expect(try FileStatus.of(path: file.path).get().size == Int64(articleFile(title: "Alpha", body: "alpha").utf8.count))

        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect((report.updated, report.unchanged) == (1, 0))
        #expect(try indexed.ids("bravo") == ["a"])
        #expect(try indexed.ids("alpha").isEmpty)
        #expect(try IndexContents(indexed.database) == (try IndexContents.fresh(of: corpus.url)))
    }

    @Test func twoFilesOfOneSizeSwappedWithTheirTimesAreSeen() throws {
        let corpus = TemporaryDirectory()
        let a = corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        let b = corpus.write("b.md", articleFile(title: "Bravo", body: "bravo"))
        try Self.setTimes(a, nanoseconds: 1_600_000_000_000_000_000)
        try Self.setTimes(b, nanoseconds: 1_700_000_000_000_000_000)
        let indexed = try IndexedCorpus(root: corpus.url)

        // As `mv` does: each file keeps its inode and times, and takes the other's name.
        let swap = corpus.path("swap.tmp")
        try FileManager.default.moveItem(at: a, to: swap)
        try FileManager.default.moveItem(at: b, to: a)
        try FileManager.default.moveItem(at: swap, to: b)
        try Self.setTimes(a, nanoseconds: 1_600_000_000_000_000_000)
        try Self.setTimes(b, nanoseconds: 1_700_000_000_000_000_000)

        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect(report.updated == 2)
        #expect(try indexed.ids("alpha") == ["b"])
        #expect(try indexed.ids("bravo") == ["a"])
        #expect(try IndexContents(indexed.database) == (try IndexContents.fresh(of: corpus.url)))
    }

    @Test func aFileRestoredByteForByteIsReadButNotIndexedAgain() throws {
        let corpus = TemporaryDirectory()
        let file = corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        let indexed = try IndexedCorpus(root: corpus.url)
        let time = try Self.modified(file)
        try Data(articleFile(title: "Alpha", body: "alpha").utf8).write(to: file)
        try Self.setTimes(file, nanoseconds: time)
        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect((report.updated, report.unchanged) == (0, 1))
        let again = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect((again.unchanged, again.bytesRead) == (1, 0))
        #expect(try IndexContents(indexed.database) == (try IndexContents.fresh(of: corpus.url)))
    }

    /// An index from before the two columns: the migration keeps its articles, and the next
    /// run reads their files once to fill the columns in, without indexing them again.
    @Test func anIndexFromBeforeTheColumnsIsMigratedAndKeepsItsArticles() throws {
        let corpus = TemporaryDirectory()
        let file = corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        let directory = TemporaryDirectory()
        let path = directory.path("old.sqlite").path
        do {
            var configuration = Configuration()
            configuration.prepareDatabase { db in try NewsqTokenizer.register(on: db, replay: nil) }
            let pool = try DatabasePool(path: path, configuration: configuration)
            try ArchiveSchema.migrator.migrate(pool, upTo: TermStatistics.migrationName)
            let data = try Data(contentsOf: file)
            let status = try FileStatus.of(path: file.path).get()
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO articles(docid, id, file_size, file_mtime, content_hash, title, excerpt, topics,
                                             provider, related, body, language)
                        VALUES (7, 'a', ?, ?, ?, 'Old alpha', '', '', '', '', 'old', 'en')
                        """, arguments: [status.size, status.modifiedNanoseconds, ArticleRow.hash(data)])
            }
        }
        let database = try ArchiveDatabase.openForWriting(path: path)
        let report = try Indexer(database: database, mergeShare: 2).index(root: corpus.url)
        #expect((report.updated, report.unchanged, report.articleCount) == (0, 1, 1))
        let row = try database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT docid, title, file_ctime, file_inode FROM articles WHERE id = 'a'")
        }
        let status = try FileStatus.of(path: file.path).get()
        #expect(row.map { $0["docid"] as Int64 } == 7)
        #expect(row.map { $0["title"] as String } == "Old alpha")
        #expect(row.map { $0["file_ctime"] as Int64 } == status.changedNanoseconds)
        #expect(row.map { $0["file_inode"] as Int64 } == Int64(bitPattern: status.identity.inode))
    }
}
