import Foundation
import Testing
@testable import NewsqKit

/// Ids are file names byte for byte, as the file system has them: `café` spelt with `é`
/// (NFC) and with `e` and a combining accent (NFD) are two names, which Swift's `String`
/// comparison would take for one.
@Suite struct UnicodeSpellingTests {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    enum Rename: String, CaseIterable, CustomTestStringConvertible {
        case withoutEdit, withEdit
        var testDescription: String { rawValue }
    }

    @Test(arguments: Rename.allCases)
    func aRenameBetweenSpellingsLeavesOneArticleUnderTheNewName(_ rename: Rename) throws {
        #expect(Array(Self.composed.utf8) != Array(Self.decomposed.utf8))
        let corpus = TemporaryDirectory()
        corpus.write("\(Self.composed).md", articleFile(title: "Alpha coffee", body: "alpha"))
        corpus.write("other.md", articleFile(title: "Bravo", body: "bravo"))
        let indexed = try IndexedCorpus(root: corpus.url)
        let newFile = corpus.path("\(Self.decomposed).md")
        try FileManager.default.moveItem(at: corpus.path("\(Self.composed).md"), to: newFile)
        if rename == .withEdit {
            try Data(articleFile(title: "Charlie coffee", body: "charlie").utf8).write(to: newFile)
        }

        for run in 1...2 {
            let report = try Indexer(database: indexed.database).index(root: corpus.url)
            #expect(report.articleCount == 2, "run \(run)")
            #expect(report.failures.isEmpty, "run \(run): \(report.failures)")
        }
        let contents = try IndexContents(indexed.database)
        #expect(contents == (try IndexContents.fresh(of: corpus.url)), "\(contents)")
        #expect(contents.ids == [Array("\(Self.decomposed)".utf8), Array("other".utf8)])

        let article = try ArticleStore(database: indexed.database).article(named: newFile.path)
        #expect(Array(article.id.utf8) == Array(Self.decomposed.utf8))
        #expect(article.title == (rename == .withEdit ? "Charlie coffee" : "Alpha coffee"))
        #expect(throws: ArticleLookupError.self) {
            try ArticleStore(database: indexed.database).article(named: "\(Self.composed)")
        }
    }

    @Test func bothSpellingsSideBySideAreTwoArticles() throws {
        let corpus = TemporaryDirectory()
        corpus.write("\(Self.composed).md", articleFile(title: "Alpha composed"))
        corpus.write("\(Self.decomposed).md", articleFile(title: "Bravo decomposed"))
        let indexed = try IndexedCorpus(root: corpus.url)
        #expect(indexed.report.failures.isEmpty, "\(indexed.report.failures)")
        #expect((indexed.report.added, indexed.report.articleCount) == (2, 2))
        let again = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect((again.unchanged, again.removed, again.articleCount) == (2, 0, 2))
    }

    @Test func showFindsTheArticleByItsRealPathOnTheCommandLine() throws {
        let corpus = TemporaryDirectory()
        corpus.write("\(Self.composed).md", articleFile(title: "Alpha coffee"))
        let database = TemporaryDirectory().path("index.sqlite").path
        #expect(try Newsq.run(["index", corpus.url.path, "--db", database]).status == 0)
        let renamed = corpus.path("\(Self.decomposed).md")
        try FileManager.default.moveItem(at: corpus.path("\(Self.composed).md"), to: renamed)
        let run = try Newsq.run(["index", corpus.url.path, "--db", database])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 article in the index"), "\(run.stdout)")
        let show = try Newsq.run(["show", renamed.path, "--db", database, "--format", "json"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Alpha coffee"))
    }
}
