import Foundation
import Testing
@testable import NewsqKit

/// Indexes the repository's `corpus/` into a real SQLite file once and searches it.
@Suite struct SampleCorpusSearchTests {
    static let sample = try! IndexedCorpus(root: Repository.corpus)

    @Test func everySampleArticleIsIndexed() {
        let report = Self.sample.report
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.added >= 40)
        #expect(report.articleCount == report.added)
    }

    @Test func englishQueryRanksRegulationArticlesFirst() throws {
        let results = try Self.sample.search("AI regulation", limit: 5)
        #expect(results.total >= 8)
        #expect(results.hits.count == 5)
        for hit in results.hits {
            #expect(hit.title.plain.lowercased().contains("ai") || hit.snippet.plain.lowercased().contains("ai"))
        }
        #expect(results.hits.map(\.score) == results.hits.map(\.score).sorted(by: >))
        #expect(results.hits.map(\.rank) == [1, 2, 3, 4, 5])
    }

    @Test func stemmingFindsOtherFormsOfAWord() throws {
        let regulate = Set(try Self.sample.ids("regulate", limit: 100))
        let regulations = Set(try Self.sample.ids("regulations", limit: 100))
        #expect(!regulate.isEmpty)
        #expect(regulate == regulations)
    }

    @Test func chineseQueryFindsChineseArticlesWithHighlights() throws {
        let results = try Self.sample.search("人工智能 监管")
        #expect(results.total >= 3)
        let top = try #require(results.hits.first)
        #expect(top.language == "zh")
        let marked = top.title.runs.filter(\.isMatch).map(\.text) + top.snippet.runs.filter(\.isMatch).map(\.text)
        #expect(marked.contains { $0.contains("人工智能") || $0.contains("人工智慧") || $0.contains("监管") || $0.contains("監管") })
    }

    @Test(arguments: [("監管", "监管"), ("發展", "发展"), ("經濟", "经济")])
    func traditionalAndSimplifiedQueriesFindTheSameArticles(traditional: String, simplified: String) throws {
        #expect(try Self.sample.ids(traditional, limit: 100) == Self.sample.ids(simplified, limit: 100))
    }

    @Test func phraseMatchesWordsTogetherOnly() throws {
        let phrase = Set(try Self.sample.ids("\"export controls\"", limit: 100))
        let words = Set(try Self.sample.ids("export controls", limit: 100))
        #expect(!phrase.isEmpty)
        #expect(phrase.isSubset(of: words))
    }

    @Test func exclusionRemovesArticles() throws {
        let all = Set(try Self.sample.ids("AI", limit: 100))
        let withoutEU = Set(try Self.sample.ids("AI -EU", limit: 100))
        let eu = Set(try Self.sample.ids("AI EU", limit: 100))
        #expect(!eu.isEmpty)
        #expect(withoutEU == all.subtracting(eu))
    }

    @Test func orFindsEither() throws {
        let either = Set(try Self.sample.ids("semiconductor OR 芯片", limit: 100))
        let english = Set(try Self.sample.ids("semiconductor", limit: 100))
        let chinese = Set(try Self.sample.ids("芯片", limit: 100))
        #expect(either == english.union(chinese))
    }

    @Test func offsetPagesThroughTheSameRanking() throws {
        let all = try Self.sample.search("AI", limit: 6).hits.map(\.id)
        let query = try SearchQuery("AI", analyzer: Self.sample.analyzer)
        let page = try SearchEngine(database: Self.sample.database).search(
            SearchRequest(query: query, limit: 3, offset: 3, ranking: RankingFormula(now: IndexedCorpus.now)))
        #expect(page.hits.map(\.id) == Array(all[3...]))
        #expect(page.hits.first?.rank == 4)
    }

    @Test func explanationMatchesTheScore() throws {
        let hit = try #require(try Self.sample.search("chips", explain: true).hits.first)
        let explanation = try #require(hit.explanation)
        #expect(abs(explanation.value - hit.score) < 1e-9)
    }

    @Test func idsAreRelativePathsWithoutExtension() throws {
        let ids = try Self.sample.ids("Shenzhen", limit: 100)
        #expect(ids.contains("2021/06/30-shenzhen-ai-regulation"))
    }

    /// Input that breaks naive FTS5 query building must give hits or a clear `QueryError`.
    @Test(arguments: [
        "\"", "AND", "OR", "NOT", "NEAR(", "NEAR(ai chips", "title:", "title:ai", "*", "-", "ai*", "(", ")",
        "ai AND", "{title}: ai", "ai:", "^ai", "ai + chips", "🙂 AI", "'; DROP TABLE articles; --",
        "\u{0}ai", "\u{FFFD}", String(repeating: "AI regulation ", count: 700),
        String(repeating: "x", count: 10_000), "a\"b\"c", "监管\"", "-\"ai\"",
    ])
    func hostileQueriesGiveHitsOrAClearMessage(query: String) {
        do {
            _ = try Self.sample.search(query)
        } catch let error as QueryError {
            #expect(!error.description.lowercased().contains("sql"))
            #expect(!error.description.contains("fts5"))
        } catch {
            Issue.record("unexpected error \(error) for query \(query.prefix(40))")
        }
    }
}
