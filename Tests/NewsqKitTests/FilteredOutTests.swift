import Foundation
import Testing
@testable import NewsqKit

/// A search whose filters leave nothing names them and says how many articles match without.
@Suite struct FilteredOutTests {
    static let corpus = SampleCorpusSearchTests.sample
    static let policy = SearchFilters.Part.providers(["Policy"])
    static let act = SearchFilters.Part.topics(["Act"])
    static let since2025 = SearchFilters.Part.since(ISO8601DateParser.parse("2025-01-01")!)
    static let policyDesk = SearchFilters.Part.providers(["policydesk.example.org"])

    static func filters(_ parts: [SearchFilters.Part]) -> SearchFilters {
        var filters = SearchFilters()
        for part in parts {
            let alone = part.alone
            filters.since = alone.since ?? filters.since
            filters.topics += alone.topics
            filters.providers += alone.providers
            filters.minimumQuality = alone.minimumQuality ?? filters.minimumQuality
        }
        return filters
    }

    @Test(
        arguments: [
            // One filter that leaves nothing is named.
            ("AI regulation", [policy], [policy], false),
            // Of several, only those that leave nothing alone.
            ("AI regulation", [.topics(["AI Act"]), policy], [policy], false),
            ("AI regulation", [act, policy], [act, policy], false),
            // Each leaves some articles; only together do they leave none.
            ("AI regulation", [since2025, policyDesk], [since2025, policyDesk], true),
            // No full match: the total without filters counts the relaxed matches, as the search would.
            ("AI zzqxv", [policy], [policy], false),
        ] as [(String, [SearchFilters.Part], [SearchFilters.Part], Bool)])
    func filtersThatLeaveNothingAreNamed(query: String, given: [SearchFilters.Part], named: [SearchFilters.Part], together: Bool)
        throws
    {
        let results = try Self.corpus.search(query, relax: true, filters: Self.filters(given))
        #expect(results.total == 0)
        let filteredOut = try #require(results.filteredOut)
        #expect(filteredOut.filters == named)
        #expect(filteredOut.together == together)
        let unfiltered = try Self.corpus.search(query, relax: true)
        #expect(unfiltered.total > 0)
        #expect(filteredOut.totalWithoutFilters == unfiltered.total)
    }

    @Test(
        arguments: [
            // Hits were found.
            ("AI regulation", [SearchFilters.Part.topics(["AI Act"])]),
            // Nothing to blame: no filter.
            ("zzqxv", []),
            // Nothing to blame: the query finds nothing even without filters.
            ("zzqxv", [policy]),
        ] as [(String, [SearchFilters.Part])])
    func noFilterIsNamedWhenNoneLeftNothing(query: String, given: [SearchFilters.Part]) throws {
        #expect(try Self.corpus.search(query, relax: true, filters: Self.filters(given)).filteredOut == nil)
    }

    @Test func searchSaysWhichFilterLeftNothingInTextAndJSON() throws {
        let cli = CommandLineTests()
        let db = Self.corpus.database.path
        let total = try Self.corpus.search("AI regulation", relax: true).total
        let text = try cli.run(["search", "AI regulation", "--provider", "Policy", "--db", db])
        #expect(text.status == 0)
        #expect(text.stdout == "No articles match \"AI regulation\" with --provider Policy; \(total) match without filters.\n")

        let together = try cli.run(["search", "AI regulation", "--since", "2025-01-01", "--provider", "Policy Desk", "--db", db])
        #expect(
            together.stdout.contains(
                "with --since 2025-01-01 and --provider \"Policy Desk\" together; \(total) match without filters."),
            "\(together.stdout)")

        let json = try cli.run([
            "search", "AI regulation", "--provider", "Policy", "--topic", "AI Act", "--db", db, "--format", "json",
        ])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let filteredOut = try #require(document["filteredOut"] as? [String: Any])
        #expect(filteredOut["filters"] as? [String] == ["provider"])
        #expect(filteredOut["together"] as? Bool == false)
        #expect(filteredOut["totalWithoutFilters"] as? Int == total)
        #expect(document["total"] as? Int == 0)

        let found = try cli.run(["search", "AI regulation", "--provider", "Policy Desk", "--db", db, "--format", "json"])
        let foundDocument = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any])
        #expect(foundDocument["filteredOut"] == nil)
    }
}
