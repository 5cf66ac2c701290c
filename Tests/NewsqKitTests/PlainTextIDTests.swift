import Foundation
import Testing
@testable import NewsqKit

/// A `.txt` file without a front matter is no article, so it claims no id: beside `a.md` it is
/// skipped silently, as it is anywhere else. One with a front matter still does.
@Suite struct PlainTextIDTests {
    @Test(arguments: ["a.txt", "a.TXT", "a.Txt"])
    func aPlainTextFileBesideAnArticleIsSkippedSilently(_ name: String) throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        corpus.write(name, "notes about alpha, no front matter\n")
        let indexed = try IndexedCorpus(root: corpus.url)
        #expect(indexed.report.failures.isEmpty, "\(indexed.report.failures)")
        #expect(try indexed.ids("alpha") == ["a"])
        #expect(try ArticleStore(database: indexed.database).article(id: "a")?.title == "Alpha")
    }

    @Test func aPlainTextFileWithAFrontMatterStillClaimsItsID() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        corpus.write("a.txt", articleFile(title: "Bravo", body: "bravo"))
        let indexed = try IndexedCorpus(root: corpus.url)
        #expect(indexed.report.failures.map(\.path) == ["a.txt"])
        #expect(indexed.report.failures.first?.error == .duplicateID(id: "a", keptPath: "a.md"))
    }

    @Test func theCommandExitsZero() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        corpus.write("a.txt", "plain notes\n")
        let database = TemporaryDirectory().path("index.sqlite").path
        let outcome = try Newsq.run(["index", corpus.url.path, "--db", database])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty, "\(outcome.stderr)")
    }
}
