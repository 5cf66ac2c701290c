import Foundation
import Testing
@testable import NewsqKit

/// A file that was indexed and then turns bad loses its article: the index holds what a fresh
/// index of the same files holds, and the run says how many articles it removed for that.
@Suite struct FileTurnedBadTests {
    /// The ways a good file turns bad, each as what is done to it.
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case emptied, brokenYAML, notUTF8, overTheSizeLimit, titleRemoved

        var testDescription: String { rawValue }

        func apply(to file: URL) throws {
            switch self {
            case .emptied:
                try Data().write(to: file)
            case .brokenYAML:
                try Data("---\ntitle: [alpha broken\n---\nalpha\n".utf8).write(to: file)
            case .notUTF8:
                try (Data("---\ntitle: \"alpha\"\n---\nalpha ".utf8) + Data([0xFF, 0xFE, 0xC3])).write(to: file)
            case .overTheSizeLimit:
                // Sparse: the file system stores none of its 64 MiB of zeros.
                let handle = try FileHandle(forWritingTo: file)
                try handle.truncate(atOffset: UInt64(64 << 20) + 1)
                try handle.close()
            case .titleRemoved:
                try Data("---\nexcerpt: \"alpha without a title\"\n---\nalpha\n".utf8).write(to: file)
            }
        }
    }

    private static func goodCorpus() -> TemporaryDirectory {
        let corpus = TemporaryDirectory()
        for (index, damage) in Damage.allCases.enumerated() {
            corpus.write("\(damage.rawValue).md", articleFile(title: "Alpha story \(index)", body: "alpha bravo"))
        }
        corpus.write("kept.md", articleFile(title: "Bravo stays", body: "bravo"))
        return corpus
    }

    @Test(arguments: Damage.allCases)
    func aFileThatTurnsBadLosesItsArticle(_ damage: Damage) throws {
        let corpus = Self.goodCorpus()
        let indexed = try IndexedCorpus(root: corpus.url)
        #expect(indexed.report.added == 6)
        try damage.apply(to: corpus.path("\(damage.rawValue).md"))

        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect(report.failures.map(\.path) == ["\(damage.rawValue).md"])
        #expect((report.removed, report.removedBadFiles, report.articleCount) == (1, 1, 5))
        let contents = try IndexContents(indexed.database)
        #expect(contents == (try IndexContents.fresh(of: corpus.url)), "\(contents)")
        #expect(!contents.ids.contains(Array(damage.rawValue.utf8)))
    }

    @Test func fiveFilesTurnedBadAreFiveFailuresAndFiveRemovals() throws {
        let corpus = Self.goodCorpus()
        let indexed = try IndexedCorpus(root: corpus.url)
        for damage in Damage.allCases { try damage.apply(to: corpus.path("\(damage.rawValue).md")) }

        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect(report.failures.count == 5)
        #expect((report.removed, report.removedBadFiles, report.articleCount) == (5, 5, 1))
        #expect(try IndexContents(indexed.database) == (try IndexContents.fresh(of: corpus.url)))
        #expect(try indexed.ids("alpha").isEmpty)
        #expect(try indexed.ids("bravo") == ["kept"])
        // Nothing is left to remove on the next run, and the failures are still reported.
        let again = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect((again.failures.count, again.removed, again.articleCount) == (5, 0, 1))
    }

    @Test func theSummarySaysHowManyArticlesWentWithTheirBadFiles() throws {
        let corpus = Self.goodCorpus()
        let database = TemporaryDirectory().path("index.sqlite").path
        #expect(try Newsq.run(["index", corpus.url.path, "--db", database]).status == 0)
        for damage in Damage.allCases { try damage.apply(to: corpus.path("\(damage.rawValue).md")) }

        let outcome = try Newsq.run(["index", corpus.url.path, "--db", database])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("5 removed (5 of them because their files are now bad)"), "\(outcome.stdout)")
        #expect(outcome.stdout.contains("5 failed"), "\(outcome.stdout)")
        let search = try Newsq.run(["search", "alpha", "--db", database, "--format", "json"])
        #expect(!search.stdout.contains("Alpha story"), "\(search.stdout)")
    }
}
