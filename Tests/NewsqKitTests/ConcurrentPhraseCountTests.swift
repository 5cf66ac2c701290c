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
        ("领导", false),  // a Chinese dictionary word also asks for itself as a word: two phrases
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
            directory.write("\(number).md", articleFile(title: "News \(number)", body: words, date: "2024-05-0\(1 + number % 9)T10:00:00Z"))
        }
        return (directory, try IndexedCorpus(root: directory.url))
    }

    @Test func countsThePhraseOnAnotherConnectionOfTheSameIndex() throws {
        let corpus = try Self.corpus().index
        let pool = corpus.database.pool
        let parameters = RankingFunction.encode(RankingFormula(now: IndexedCorpus.now))
        let structure = try pool.read { try ConcurrentPhraseCount.structure($0) }
        #expect(structure != nil)
        for (match, matches) in [("\"harbour\"", 10), ("\"report\"", 30), ("\"nowhere\"", 0)] {
            let counting = ConcurrentPhraseCount(pool: pool, match: match, parameters: parameters)
            #expect(counting.matches(readingSameIndexAs: structure) == matches, "\(match)")
        }
    }

    @Test func aCountOfAnotherStateOfTheIndexIsNotUsed() throws {
        let (files, corpus) = try Self.corpus()
        let pool = corpus.database.pool
        let before = try pool.read { try ConcurrentPhraseCount.structure($0) }
        files.write("new.md", articleFile(title: "Harbour news", body: "harbour", date: "2024-06-01T10:00:00Z"))
        _ = try Indexer(database: corpus.database).index(root: files.url)
        let counting = ConcurrentPhraseCount(pool: pool, match: "\"harbour\"",
                                             parameters: RankingFunction.encode(RankingFormula(now: IndexedCorpus.now)))
        #expect(counting.matches(readingSameIndexAs: before) == nil, "the index changed between the two readings")
    }
}
