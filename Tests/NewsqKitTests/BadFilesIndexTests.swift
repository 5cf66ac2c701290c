import Foundation
import Testing
@testable import NewsqKit

/// One bad article never stops an index run: each is reported once, with its path and reason,
/// and every good file is searchable.
@Suite struct BadFilesIndexTests {
    static let badFiles: [(path: String, contents: Data, reason: String)] = [
        ("no-front-matter.md", Data("Just a body, no front matter.\n".utf8), "front matter"),
        ("unterminated.md", Data("---\ntitle: \"Never closed\"\n".utf8), "never closed"),
        ("broken-yaml.md", Data("---\ntitle: [unclosed\n---\nbody\n".utf8), "YAML"),
        ("invalid-utf8.md", Data("---\ntitle: \"x\"\n---\n".utf8) + Data([0xFF, 0xFE, 0xC3]), "UTF-8"),
        ("missing-title.md", Data("---\nexcerpt: \"no title\"\n---\n".utf8), "title"),
        ("wrong-quality.md", Data("---\ntitle: \"Bad quality\"\nquality: high\n---\n".utf8), "quality"),
        ("wrong-topics.md", Data("---\ntitle: \"Bad topics\"\ntopics:\n  nested: map\n---\n".utf8), "topics"),
        ("bad-date.md", Data("---\ntitle: \"Bad date\"\npublishedDateTime: yesterday\n---\n".utf8), "publishedDateTime"),
        ("empty.md", Data(), "front matter"),
    ]

    @Test func badFilesAreReportedOnceAndGoodFilesIndexed() throws {
        let corpus = TemporaryDirectory()
        corpus.write("good/one.md", articleFile(title: "Semiconductor tariffs rise"))
        corpus.write("good/two.md", articleFile(title: "人工智能监管新规发布"))
        corpus.write("notes.txt", "a plain text file without front matter is not an article\n")
        for bad in Self.badFiles { corpus.write("bad/" + bad.path, bad.contents) }

        let indexed = try IndexedCorpus(root: corpus.url)
        let report = indexed.report
        #expect(report.added == 2)
        #expect(report.failures.count == Self.badFiles.count)
        for bad in Self.badFiles {
            let failures = report.failures.filter { $0.path == "bad/" + bad.path }
            #expect(failures.count == 1, "\(bad.path)")
            #expect(
                failures.first?.error.description.contains(bad.reason) == true,
                "\(bad.path): \(failures.first?.error.description ?? "not reported")")
        }
        #expect(try indexed.ids("semiconductor") == ["good/one"])
        #expect(try indexed.ids("监管") == ["good/two"])
    }

    @Test func everyHostileFileIsReportedOnceAndEveryGoodFileIsSearchable() throws {
        let corpus = HostileCorpus()
        let indexed = try IndexedCorpus(root: corpus.directory.url)
        let report = indexed.report
        #expect(report.failures.count == corpus.failures.count, "\(report.failures.map(\.description))")
        for expected in corpus.failures {
            let reported = report.failures.filter { $0.path == expected.path }
            #expect(reported.count == 1, "\(expected.path): \(reported)")
            #expect(
                reported.first?.error.description.contains(expected.reason) == true,
                "\(expected.path): \(reported.first?.description ?? "not reported")")
        }
        #expect(report.warnings.map(\.path) == corpus.warnings.map(\.path))
        for (expected, warning) in zip(corpus.warnings, report.warnings) {
            #expect(warning.error.description.contains(expected.reason), "\(warning)")
        }
        #expect(report.added == corpus.good.count)
        for (path, word) in corpus.good {
            #expect(try indexed.ids(word) == [HostileCorpus.id(of: path)], "\(path)")
        }
        #expect(corpus.skipped.isEmpty || !Privileges.isRoot, "\(corpus.skipped)")
    }

    @Test func aFileOverTheSizeLimitIsReportedWithoutReadingIt() throws {
        let corpus = TemporaryDirectory()
        corpus.write("big.md", articleFile(title: "Big", body: String(repeating: "word ", count: 1_000)))
        corpus.write("small.md", articleFile(title: "Small"))
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("i.sqlite").path)
        let report = try Indexer(database: database, parser: ArticleParser(maxFileBytes: 1_000)).index(root: corpus.url)
        #expect(report.added == 1)
        #expect(report.failures.map(\.path) == ["big.md"])
        #expect(report.failures.first?.error.description.contains("limit") == true)
    }

    @Test func aFileThatBecomesBadLosesItsArticle() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Original headline about chips"))
        let indexed = try IndexedCorpus(root: corpus.url)
        corpus.write("a.md", "---\ntitle: [broken\n---\n")
        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect(report.failures.map(\.path) == ["a.md"])
        #expect(try indexed.ids("chips").isEmpty)
    }
}

/// The same hostile corpus through `newsq index`: one line per bad file on standard error,
/// exit status 2, and the good files searchable.
@Suite struct BadFilesCommandLineTests {
    @Test func theReportListsEveryBadFileOnceWithItsReason() throws {
        let corpus = HostileCorpus()
        let database = TemporaryDirectory().path("index.sqlite").path
        let outcome = try Newsq.run(["index", corpus.directory.url.path, "--db", database])
        #expect(outcome.status == 2, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        for expected in corpus.failures {
            let reported = lines.filter { $0.hasPrefix(expected.path + ": ") }
            #expect(reported.count == 1, "\(expected.path): \(reported)")
            #expect(reported.first?.contains(expected.reason) == true, "\(reported)")
        }
        for expected in corpus.warnings {
            #expect(lines.filter { $0.hasPrefix("warning: \(expected.path): ") }.count == 1, "\(lines)")
        }
        #expect(lines.count == corpus.failures.count + corpus.warnings.count, "\(lines)")
        #expect(outcome.stdout.contains("\(corpus.good.count) added"))
        let search = try Newsq.run(["search", "bassoon", "--db", database, "--format", "json"])
        #expect(search.stdout.contains("with spaces/a file name"))
    }
}
