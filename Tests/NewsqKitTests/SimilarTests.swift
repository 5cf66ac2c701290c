import Foundation
import Testing
@testable import NewsqKit

/// `newsq similar` on the sample corpus: stories about the same event find each other, in
/// English and in Chinese, and the article itself is never among its similar ones.
@Suite struct SimilarTests {
    static let sample = SampleCorpusSearchTests.sample

    static func similar(_ id: String, limit: Int = 3, offset: Int = 0) throws -> SearchResults {
        let store = ArticleStore(database: sample.database)
        let article = try store.article(named: id)
        let similar = SimilarArticles(database: sample.database)
        let request = SearchRequest(
            query: try similar.query(for: article), limit: limit, offset: offset, ranking: RankingFormula(now: IndexedCorpus.now),
            relax: false)
        return try similar.search(request, excluding: article.id)
    }

    @Test(arguments: [
        ("2023/10/30-us-ai-executive-order", "2025/01/23-us-ai-order-revoked"),
        ("2021/04/21-eu-ai-act-proposal", "2024/03/13-eu-parliament-approves-ai-act"),
        ("2024/06/06-ecb-cuts-rates", "2022/06/15-fed-raises-rates-75bp"),
        ("2026/03/18-ai-jibenfa-zifa", "2024/07/15-ai-jibenfa-caoan"),
        ("2024/07/15-ai-jibenfa-caoan", "2026/03/18-ai-jibenfa-zifa"),
    ])
    func aStoryFindsItsKnownNeighbour(id: String, neighbour: String) throws {
        let hits = try Self.similar(id).hits
        #expect(hits.map(\.id).contains(neighbour), "\(hits.map(\.id))")
        #expect(!hits.contains { $0.id == id })
    }

    @Test func pagesLeaveTheArticleOutAndNumberOnFromTheOffset() throws {
        let id = "2023/10/30-us-ai-executive-order"
        let all = try Self.similar(id, limit: 12)
        let second = try Self.similar(id, limit: 4, offset: 4)
        #expect(!all.hits.contains { $0.id == id })
        #expect(second.hits.map(\.id) == Array(all.hits.map(\.id)[4..<8]))
        #expect(second.hits.map(\.rank) == [5, 6, 7, 8])
        #expect(all.total == second.total)
    }

    @Test func theCommandLineTakesSearchsOptionsAndNamesABadID() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        let cli = CommandLineTests()
        _ = try cli.run(["index", Repository.corpus.path, "--db", db])
        let json = try cli.run(["similar", "2023/10/30-us-ai-executive-order", "--db", db, "--format", "json", "--lang", "en"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0["language"] as? String == "en" })
        let missing = try cli.run(["similar", "2099/01/01-nothing", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no article has the id 2099/01/01-nothing"))
    }
}
