import Foundation
import Testing
@testable import NewsqKit

/// Parses every article of the corpora in `shared/corpora`, found beside the repository.
@Suite struct SharedCorporaTests {
    /// `<repo>/Tests/NewsqKitTests/<this file>` → `<repo>/../shared/corpora`.
    static let corporaDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpora").standardizedFileURL

    static let isAvailable = FileManager.default.fileExists(atPath: corporaDirectory.path)

    /// Files per corpus, and the files known to be bad input with the error each must give.
    static let expectations: [(name: String, files: Int, knownFailures: [String: CorpusError])] = [
        ("en-powerapps", 674, [:]),
        (
            "en-reuters", 19041,
            [
                // The Reuters-21578 source has a corrupt time for this story (hour "605").
                "1987-03-31-17192-kumagai-gumi-s-unit-seeks-listing-in-hong-kong":
                    .invalidDate(field: "publishedDateTime", value: "1987-03-31T605:12:19Z")
            ]
        ),
        ("zh-peoples-daily", 3323, [:]),
    ]

    @Test(.enabled(if: isAvailable, "shared/corpora is not beside this checkout"), arguments: expectations)
    func everyArticleParses(_ corpus: (name: String, files: Int, knownFailures: [String: CorpusError])) throws {
        let scan = try CorpusWalker(root: Self.corporaDirectory.appendingPathComponent(corpus.name)).scan()
        #expect(scan.files.count == corpus.files)
        #expect(scan.problems.isEmpty)
        let parser = ArticleParser()
        var failures: [String: CorpusError] = [:]
        var articles = 0
        for file in scan.files {
            do {
                let article = try parser.parse(file: file)
                #expect(
                    !article.title.isEmpty && article.published != nil && article.provider != nil,
                    "\(file.relativePath) lacks a field every article of these corpora has")
                articles += 1
            } catch {
                failures[file.id] = error
            }
        }
        #expect(failures == corpus.knownFailures)
        #expect(articles == corpus.files - corpus.knownFailures.count)
    }
}
