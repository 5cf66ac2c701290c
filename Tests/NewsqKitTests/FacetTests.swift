import Foundation
import Testing
@testable import NewsqKit

/// `--facets` on the sample corpus: every count is the total of the same search filtered on
/// that value, so a user who clicks a value gets the number the facet showed.
@Suite struct FacetTests {
    static let sample = SampleCorpusSearchTests.sample

    static func facets(_ text: String, _ fields: [FacetField] = FacetField.allCases, limit: Int = 1_000) throws -> [Facet] {
        try FacetQuery(database: sample.database).facets(
            for: try SearchQuery(text, analyzer: sample.analyzer), fields: fields, limit: limit)
    }

    /// The filter that keeps only the articles with `value` for `field`.
    static func filter(_ field: FacetField, _ value: String) throws -> SearchFilters {
        var filters = SearchFilters()
        switch field {
        case .provider: filters.providers = [value]
        case .topic: filters.topics = [value]
        case .type: filters.types = [value]
        case .lang: filters.language = try #require(Language(rawValue: value))
        case .year:
            filters.since = try #require(ISO8601DateParser.parse("\(value)-01-01T00:00:00Z"))
            filters.until = try #require(ISO8601DateParser.parse("\(Int(value)! + 1)-01-01T00:00:00Z"))
        }
        return filters
    }

    @Test(arguments: ["AI", "人工智能", "chips OR 芯片", "regulation"])
    func everyCountIsTheTotalOfTheFilteredSearch(query: String) throws {
        let total = try Self.sample.search(query).total
        #expect(total > 0)
        for facet in try Self.facets(query) {
            #expect(!facet.values.isEmpty, "\(facet.field)")
            for value in facet.values {
                let filtered = try Self.sample.search(query, filters: try Self.filter(facet.field, value.value)).total
                #expect(value.count == filtered, "\(query): \(facet.field) = \(value.value)")
            }
            if facet.field != .topic {
                // One value per article: the counts and the articles without one add up to the total.
                #expect(facet.values.map(\.count).reduce(0, +) + facet.missing == total, "\(facet.field)")
            }
        }
    }

    @Test func valuesComeLargestFirstUpToTheLimit() throws {
        let all = try #require(try Self.facets("AI", [.topic]).first)
        let top = try #require(try Self.facets("AI", [.topic], limit: 3).first)
        #expect(all.values.count > 3)
        #expect(top.values == Array(all.values.prefix(3)))
        #expect(top.moreValues == all.values.count - 3)
        #expect(all.values.map(\.count) == all.values.map(\.count).sorted(by: >))
    }

    @Test func filtersNarrowTheFacets() throws {
        var chinese = SearchFilters()
        chinese.language = .zh
        let facets = try FacetQuery(database: Self.sample.database).facets(
            for: try SearchQuery("AI OR 人工智能", analyzer: Self.sample.analyzer), filters: chinese, fields: [.lang], limit: 10)
        #expect(facets.first?.values.map(\.value) == ["zh"])
    }

    @Test(arguments: [
        ("provider,topic", [FacetField.provider, .topic]), ("YEAR, lang,year", [.year, .lang]),
    ])
    func fieldListsAreRead(text: String, fields: [FacetField]) throws {
        #expect(try FacetField.list(text) == fields)
    }

    @Test(arguments: ["provider,bogus", "provider,,topic", ""])
    func unknownFieldsAreRefusedWithTheFieldsThereAre(text: String) {
        do {
            let fields = try FacetField.list(text)
            Issue.record("\(text) was read as \(fields)")
        } catch {
            #expect(error.description.contains("the fields are provider, topic, lang, type, year"))
        }
    }

    @Test func theCommandLineShowsFacetsInTextAndJSON() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        let cli = CommandLineTests()
        _ = try cli.run(["index", Repository.corpus.path, "--db", db])
        let json = try cli.run(["search", "AI", "--db", db, "--format", "json", "--facets", "lang,topic", "--facet-limit", "2"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let facets = try #require(object["facets"] as? [String: [String: Any]])
        #expect(Set(facets.keys) == ["lang", "topic"])
        let topics = try #require(facets["topic"]?["values"] as? [[String: Any]])
        #expect(topics.count == 2)
        let expected = try #require(try Self.facets("AI", [.topic], limit: 2).first)
        #expect(topics.map { $0["value"] as? String } == expected.values.map(\.value))
        #expect(topics.map { $0["count"] as? Int } == expected.values.map(\.count))

        let text = try cli.run(["search", "AI", "--db", db, "--facets", "lang"])
        #expect(text.stdout.contains("Facets"))
        #expect(text.stdout.contains("lang  en "))

        let refused = try cli.run(["search", "AI", "--db", db, "--facets", "lang", "--format", "csv"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--facets only applies"))
    }
}
