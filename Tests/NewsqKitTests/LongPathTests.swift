import Foundation
import Testing
@testable import NewsqKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A corpus nested deeper than `PATH_MAX` allows in one path: its files are walked and read
/// relative to their directories, so they are indexed like any other.
@Suite struct LongPathTests {
    /// 21 nested folders of 200-byte names, and `deep.md` in the last: a path of 4,200 bytes.
    final class DeepTree {
        let directory = TemporaryDirectory()
        let folders = (0..<21).map { String(repeating: Character(String(UnicodeScalar(UInt8(97 + $0 % 26)))), count: 200) }
        var relativePath: String { (folders + ["deep.md"]).joined(separator: "/") }

        init(contents: String) throws {
            var descriptor = open(directory.url.path, O_RDONLY | O_DIRECTORY)
            guard descriptor >= 0 else { throw POSIXFailure(code: errno) }
            for folder in folders {
                guard mkdirat(descriptor, folder, 0o755) == 0 else { throw POSIXFailure(code: errno) }
                let next = openat(descriptor, folder, O_RDONLY | O_DIRECTORY)
                close(descriptor)
                guard next >= 0 else { throw POSIXFailure(code: errno) }
                descriptor = next
            }
            let file = openat(descriptor, "deep.md", O_WRONLY | O_CREAT | O_EXCL, 0o644)
            close(descriptor)
            guard file >= 0 else { throw POSIXFailure(code: errno) }
            let bytes = Array(contents.utf8)
            let written = write(file, bytes, bytes.count)
            close(file)
            guard written == bytes.count else { throw POSIXFailure(code: errno) }
        }

        /// Foundation cannot remove what it cannot name in one path: the folders go one by one.
        deinit {
            let root = open(directory.url.path, O_RDONLY | O_DIRECTORY)
            guard root >= 0 else { return }
            Self.remove(folders[...], in: root)
            close(root)
        }

        private static func remove(_ folders: ArraySlice<String>, in parent: Int32) {
            guard let folder = folders.first else { return }
            let descriptor = openat(parent, folder, O_RDONLY | O_DIRECTORY)
            guard descriptor >= 0 else { return }
            Self.remove(folders.dropFirst(), in: descriptor)
            unlinkat(descriptor, "deep.md", 0)
            close(descriptor)
            unlinkat(parent, folder, AT_REMOVEDIR)
        }
    }

    @Test func aFileBelowAPathLongerThanPATHMAXIsIndexed() throws {
        let tree = try DeepTree(contents: articleFile(title: "Alpha from the depths", body: "alpha"))
        tree.directory.write("top.md", articleFile(title: "Bravo on top", body: "bravo"))
        #expect((tree.directory.url.path + "/" + tree.relativePath).utf8.count > Int(PATH_MAX))

        let scan = try CorpusWalker(root: tree.directory.url).scan()
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(scan.files.map(\.relativePath) == [tree.relativePath, "top.md"])

        let indexed = try IndexedCorpus(root: tree.directory.url)
        #expect(indexed.report.failures.isEmpty, "\(indexed.report.failures)")
        #expect((indexed.report.added, indexed.report.articleCount) == (2, 2))
        #expect(try indexed.ids("alpha") == [String(tree.relativePath.dropLast(3))])
        let again = try Indexer(database: indexed.database).index(root: tree.directory.url)
        #expect((again.unchanged, again.failures.count) == (2, 0))
    }

    @Test func theCommandIndexesItAndExitsZero() throws {
        let tree = try DeepTree(contents: articleFile(title: "Alpha from the depths", body: "alpha"))
        let database = TemporaryDirectory().path("index.sqlite").path
        let outcome = try Newsq.run(["index", tree.directory.url.path, "--db", database])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("1 added"), "\(outcome.stdout)")
    }
}
