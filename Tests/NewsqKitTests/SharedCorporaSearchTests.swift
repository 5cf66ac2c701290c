import Foundation
import Testing
@testable import NewsqKit

/// Indexes the real corpora in `../shared/corpora` (when this machine has them) and checks the
/// searches a user of each would run first.
@Suite(.enabled(if: Repository.hasShared, "../shared/corpora is not beside this checkout"))
struct SharedCorporaSearchTests {
    static let peoplesDaily = try! IndexedCorpus(root: Repository.shared.appendingPathComponent("corpora/zh-peoples-daily"))
    static let reuters = try! IndexedCorpus(root: Repository.shared.appendingPathComponent("corpora/en-reuters"))

    @Test func peoplesDailyIndexesCompletely() {
        #expect(Self.peoplesDaily.report.failures.isEmpty)
        #expect(Self.peoplesDaily.report.articleCount == 3_323)
    }

    @Test(arguments: [("經濟", "经济"), ("１９９８年", "1998年"), ("改革開放", "改革开放"), ("ＷＴＯ", "wto")])
    func variantsOfAQueryFindTheSameArticles(variant: String, canonical: String) throws {
        let variantResults = try Self.peoplesDaily.search(variant, limit: 20)
        let canonicalResults = try Self.peoplesDaily.search(canonical, limit: 20)
        #expect(variantResults.total > 0)
        #expect(variantResults.total == canonicalResults.total)
        #expect(variantResults.hits.map(\.id) == canonicalResults.hits.map(\.id))
    }

    @Test func reutersIndexesAllButTheArticleWithACorruptDate() {
        #expect(Self.reuters.report.articleCount == 19_040)
        #expect(
            Self.reuters.report.failures.map(\.path) == ["1987-03-31-17192-kumagai-gumi-s-unit-seeks-listing-in-hong-kong.md"])
    }

    @Test(arguments: ["cocoa", "coffee", "gold"])
    func reutersCommodityQueriesReturnThatCommodityFirst(commodity: String) throws {
        let hits = try Self.reuters.search(commodity, limit: 10).hits
        #expect(hits.count == 10)
        // Reuters' labels are incomplete (some cocoa stories carry none), so a hit counts when
        // it is labelled with the commodity or names it in its headline.
        for hit in hits {
            #expect(
                hit.topics.contains(commodity) || hit.title.plain.lowercased().contains(commodity),
                "\(hit.id) (\(hit.topics)) in the top 10 for \(commodity)")
        }
        #expect(hits.filter { $0.topics.contains(commodity) }.count >= 8)
    }
}
