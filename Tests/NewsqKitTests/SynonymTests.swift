import Foundation
import Testing
@testable import NewsqKit

/// Synonym groups widen a query at search time, across languages, on the sample corpus.
@Suite struct SynonymTests {
    static let sample = SampleCorpusSearchTests.sample
    static let groups = """
        # AI in three spellings
        AI, artificial intelligence, 人工智能

        regulation, 监管
        """

    static func table(_ text: String = groups) throws -> SynonymTable {
        try SynonymTable(text: text, path: "synonyms.txt", analyzer: try Analyzer())
    }

    static func languages(_ text: String, synonyms: SynonymTable) throws -> Set<String> {
        let analyzer = try Analyzer()
        let query = synonyms.expanded(try SearchQuery(text, analyzer: analyzer), analyzer: analyzer).query
        let results = try SearchEngine(database: sample.database).search(
            SearchRequest(query: query, limit: 100, ranking: RankingFormula(now: IndexedCorpus.now), relax: false))
        return Set(results.hits.map(\.language))
    }

    @Test func anEnglishQueryFindsArticlesThatOnlyHoldTheChineseForm() throws {
        #expect(try Self.languages("AI regulation", synonyms: SynonymTable()) == ["en"])
        #expect(try Self.languages("AI regulation", synonyms: try Self.table()) == ["en", "zh"])
        #expect(try Self.languages("人工智能 监管", synonyms: try Self.table()).contains("en"))
    }

    @Test(arguments: [
        ("artificial intelligence rules", "AND(OR(term AI, phrase \"artificial intelligence\", term 人工智能), term rules)"),
        ("\"Artificial Intelligence\"", "OR(term AI, phrase \"artificial intelligence\", term 人工智能)"),
        ("ai -監管", "AND(OR(term AI, phrase \"artificial intelligence\", term 人工智能), NOT(OR(term regulation, term 监管)))"),
        ("ai*", "prefix ai*"),
        ("regulations", "term regulations"),
    ])
    func queriesWidenWordForWord(text: String, expected: String) throws {
        let analyzer = try Analyzer()
        let expanded = try Self.table().expanded(try SearchQuery(text, analyzer: analyzer), analyzer: analyzer)
        #expect(expanded.query.expression.description == expected)
        #expect(expanded.query.text == text)
    }

    @Test(arguments: [
        ("AI\n", SynonymError.loneForm(path: "synonyms.txt", line: 1)),
        (
            "AI, 人工智能\nregulation, 监管\nai, machine learning",
            SynonymError.inTwoGroups(
                path: "synonyms.txt", line: 3, form: "ai", firstLine: 1)
        ),
        ("AI, 🙂", SynonymError.loneForm(path: "synonyms.txt", line: 1)),
    ])
    func badFilesAreRefusedWithTheLine(text: String, error: SynonymError) {
        #expect(throws: error) { try Self.table(text) }
    }

    @Test func theCommandLineWidensAndSaysSo() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        directory.write("synonyms.txt", Self.groups)
        let cli = CommandLineTests()
        _ = try cli.run(["index", Repository.corpus.path, "--db", db])
        let synonyms = directory.path("synonyms.txt").path
        let json = try cli.run(["search", "AI", "regulation", "--db", db, "--format", "json", "--synonyms", synonyms])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let expansions = try #require(object["synonyms"] as? [[String: Any]])
        #expect(expansions.map { $0["written"] as? String } == ["AI", "regulation"])
        let text = try cli.run(["search", "AI", "--db", db, "--synonyms", synonyms])
        #expect(text.stdout.contains("\"AI\" also matches \"artificial intelligence\", \"人工智能\" (synonyms)."))
        let explained = try cli.run([
            "search", "人工智能", "--db", db, "--synonyms", synonyms, "--explain", "--lang", "en", "--limit", "3",
        ])
        #expect(explained.stdout.contains("synonyms = 1.0000"))
        #expect(explained.stdout.contains("\"人工智能\" matched as \"AI\""))
        let missing = try cli.run(["search", "AI", "--db", db, "--synonyms", directory.path("none.txt").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("there is no synonyms file at"))
        let endless = try cli.run(["search", "AI", "--db", db, "--synonyms", "/dev/zero"])
        #expect(endless.status != 0)
        #expect(endless.stderr.contains("cannot read the synonyms file /dev/zero: it is larger than 1 MiB"))
    }
}
