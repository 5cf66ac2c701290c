import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// A one-phrase query is ranked with relative scores while another connection counts its
/// articles (`ConcurrentPhraseCount`). `ChronologicalRankingTests` checks that its pages,
/// scores and totals equal those of a ranking that counts first; these check the parts.
@Suite struct ConcurrentPhraseCountTests {
    @Test(arguments: [
        ("said", true),
        ("\"billion dollars\"", true),
        ("regul*", true),
        ("title:said", true),
        ("领导", false), // a Chinese dictionary word also asks for itself as a word: two phrases
        ("market bank", false),
        ("market OR bank", false),
        ("market -bank", false),
        ("NEAR(last year, 5)", false),
    ])
    func onlyAQueryOfOnePhraseQualifies(text: String, isOnePhrase: Bool) throws {
        let analyzer = try Analyzer()
        let query = try SearchQuery(text, analyzer: analyzer)
        #expect(ConcurrentPhraseCount.isOnePhrase(query.expression, analyzer: analyzer) == isOnePhrase, "\(query.expression)")
    }

    static func corpus() throws -> (files: TemporaryDirectory, index: IndexedCorpus) {
        let directory = TemporaryDirectory()
        for number in 0..<30 {
            let words = number % 3 == 0 ? "harbour report" : "quarry report"
            directory.write(
                "\(number).md", articleFile(title: "News \(number)", body: words, date: "2024-05-0\(1 + number % 9)T10:00:00Z"))
        }
        return (directory, try IndexedCorpus(root: directory.url))
    }

    @Test func countsThePhraseOnAnotherConnectionOfTheSameIndex() throws {
        let corpus = try Self.corpus().index
        let pool = corpus.database.pool
        let parameters = RankingFunction.encode(RankingFormula(now: IndexedCorpus.now))
        for (match, matches) in [("\"harbour\"", 10), ("\"report\"", 30), ("\"nowhere\"", 0)] {
            let counted = try pool.read { db in
                let structure = try ConcurrentPhraseCount.structure(db)
                #expect(structure != nil)
                return try ConcurrentPhraseCount(pool: pool, match: match, parameters: parameters)
                    .matches(db, readingSameIndexAs: structure)
            }
            #expect(counted == matches, "\(match)")
        }
    }

    /// The ranking reads the index as it was before an index run committed; the counting
    /// connection, started after it, reads it as it is: its count is not used.
    @Test func aCountOfAnotherStateOfTheIndexIsCountedAgain() throws {
        let (files, corpus) = try Self.corpus()
        let pool = corpus.database.pool
        let counted = try pool.read { db in
            let before = try ConcurrentPhraseCount.structure(db)
            let indexed = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                files.write("new.md", articleFile(title: "Harbour news", body: "harbour", date: "2024-06-01T10:00:00Z"))
                _ = try? Indexer(database: corpus.database).index(root: files.url)
                indexed.signal()
            }
            indexed.wait()
            return try ConcurrentPhraseCount(
                pool: pool, match: "\"harbour\"",
                parameters: RankingFunction.encode(RankingFormula(now: IndexedCorpus.now))
            )
            .matches(db, readingSameIndexAs: before)
        }
        #expect(counted == 10, "the ranking's own state of the index, not the 11 of the new one")
        #expect(try corpus.ids("harbour", limit: 50).count == 11)
    }

    /// Every reader of the pool but the search's own is taken: the search counts on its own
    /// connection instead of waiting for one to count on.
    @Test func aSearchDoesNotWaitForAConnectionToCountOn() throws {
        let corpus = try Self.corpus().index
        let pool = corpus.database.pool
        let expected = try corpus.search("report", limit: 5)
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchGroup()
        for _ in 1..<pool.configuration.maximumReaderCount {
            holding.enter()
            DispatchQueue.global().async {
                try? pool.read { _ in
                    holding.leave()
                    release.wait()
                }
            }
        }
        holding.wait()
        nonisolated(unsafe) var results: SearchResults?
        let searched = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            results = try? corpus.search("report", limit: 5)
            searched.signal()
        }
        let finished = searched.wait(timeout: .now() + 20) == .success
        for _ in 1..<pool.configuration.maximumReaderCount { release.signal() }
        if !finished { searched.wait() }
        #expect(finished, "the search waited for a free reader")
        #expect(results?.hits == expected.hits && results?.total == expected.total)
    }
}
