import Foundation
import Testing
@testable import NewsqKit

@Suite struct IncrementalIndexTests {
    @Test func reindexReadsOnlyChangesAndRemovesDeletedFiles() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Chip export rules tighten"))
        corpus.write("b.md", articleFile(title: "Central bank holds rates"))
        corpus.write("sub/c.md", articleFile(title: "Robotics startup raises funds"))
        let indexed = try IndexedCorpus(root: corpus.url)
        #expect(indexed.report.added == 3)

        let indexer = Indexer(database: indexed.database)
        let unchanged = try indexer.index(root: corpus.url)
        #expect((unchanged.added, unchanged.updated, unchanged.removed, unchanged.unchanged) == (0, 0, 0, 3))

        corpus.write("a.md", articleFile(title: "Chip export rules loosen"))
        corpus.write("d.md", articleFile(title: "Quantum computing milestone"))
        try FileManager.default.removeItem(at: corpus.path("sub/c.md"))
        let changed = try indexer.index(root: corpus.url)
        #expect((changed.added, changed.updated, changed.removed, changed.unchanged) == (1, 1, 1, 1))
        #expect(changed.articleCount == 3)

        #expect(try indexed.ids("loosen") == ["a"])
        #expect(try indexed.ids("tighten").isEmpty)
        #expect(try indexed.ids("robotics").isEmpty)
        #expect(try indexed.ids("quantum") == ["d"])
    }

    @Test func touchedButIdenticalFileIsNotReindexed() throws {
        let corpus = TemporaryDirectory()
        let file = corpus.write("a.md", articleFile(title: "Same text"))
        let indexed = try IndexedCorpus(root: corpus.url)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: file.path)
        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect((report.updated, report.unchanged) == (0, 1))
    }

    @Test func anotherCorpusIntoTheSameIndexIsRefusedUnlessRebuilding() throws {
        let first = TemporaryDirectory()
        first.write("a.md", articleFile(title: "First corpus"))
        let second = TemporaryDirectory()
        second.write("b.md", articleFile(title: "Second corpus"))
        let indexed = try IndexedCorpus(root: first.url)
        let indexer = Indexer(database: indexed.database)
        #expect(throws: IndexError.self) { try indexer.index(root: second.url) }
        let rebuilt = try indexer.index(root: second.url, rebuild: true)
        #expect((rebuilt.added, rebuilt.articleCount) == (1, 1))
        #expect(try indexed.ids("corpus") == ["b"])
    }

    @Test func fullWidthAndHalfWidthDigitsFindTheSameArticles() throws {
        let corpus = TemporaryDirectory()
        corpus.write("full.md", articleFile(title: "１９９８年经济展望"))
        corpus.write("half.md", articleFile(title: "1998年金融改革"))
        let indexed = try IndexedCorpus(root: corpus.url)
        #expect(Set(try indexed.ids("１９９８年")) == ["full", "half"])
        #expect(Set(try indexed.ids("1998年")) == ["full", "half"])
    }
}
