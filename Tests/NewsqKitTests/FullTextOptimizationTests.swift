import Foundation
import Testing
@testable import NewsqKit

@Suite struct FullTextOptimizationTests {
    @Test func optimizingChangesNoSearchResult() throws {
        let corpus = try IndexedCorpus(root: Repository.corpus)
        let queries = ["AI regulation", "rates", "\"interest rates\"", "央行", "NEAR(AI act, 3)"]
        let before = try queries.map { try corpus.search($0, limit: 20, explain: true, relax: true) }
        try corpus.database.optimizeFullTextIndex()
        let after = try queries.map { try corpus.search($0, limit: 20, explain: true, relax: true) }
        for (query, (old, new)) in zip(queries, zip(before, after)) {
            #expect(old.total == new.total, "\(query)")
            #expect(old.hits == new.hits, "\(query)")
        }
    }

    /// Measures `optimize` on a real index: `NEWSQ_OPTIMIZE_DB=path swift test --filter
    /// FullTextOptimizationTests` (the index is changed). Skipped without the variable.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NEWSQ_OPTIMIZE_DB"] != nil))
    func timeOptimizingAnIndex() throws {
        let path = try #require(ProcessInfo.processInfo.environment["NEWSQ_OPTIMIZE_DB"])
        let database = try ArchiveDatabase.openForWriting(path: path)
        let started = Date()
        let cpu = clock()
        try database.optimizeFullTextIndex()
        print(String(format: "optimize %@: %.1f s wall, %.1f s CPU", path, Date().timeIntervalSince(started),
                     Double(clock() - cpu) / Double(CLOCKS_PER_SEC)))
    }
}
