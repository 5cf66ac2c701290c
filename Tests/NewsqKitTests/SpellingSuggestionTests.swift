import Foundation
import Testing
@testable import NewsqKit

/// "Did you mean" on the sample corpus: typos of words the corpus uses get the word back,
/// Chinese never gets a suggestion, and a word that matches is left alone.
@Suite struct SpellingSuggestionTests {
    static let sample = SampleCorpusSearchTests.sample

    static func suggestion(_ text: String) throws -> String? {
        try SpellingSuggestion(database: sample.database).suggestion(for: try SearchQuery(text, analyzer: sample.analyzer))
    }

    @Test(arguments: [
        ("regulaton", "regulation"), ("AI regulaton", "AI regulation"), ("semicondutors", "semiconductors"),
        ("expor controls", "export controls"), ("\"exprot controls\"", "\"export controls\""),
    ])
    func aTypoGetsTheWordTheArchiveUses(typed: String, meant: String) throws {
        #expect(try Self.suggestion(typed) == meant)
    }

    @Test(arguments: ["监菅", "人工智 监菅", "chips", "AI regulation", "zzqxv", "-regulaton chips"])
    func noSuggestionForChineseForMatchingWordsOrForNothingClose(text: String) throws {
        #expect(try Self.suggestion(text) == nil)
    }

    @Test(arguments: [
        ("regulation", "regulaton", 1), ("export", "exprot", 1), ("bank", "bnak", 1), ("oil", "oli", 1),
        ("kitten", "sitting", 3), ("", "abc", 3), ("same", "same", 0),
    ])
    func editDistanceCountsSwapsAsOne(a: String, b: String, distance: Int) {
        #expect(EditDistance.between(a, b) == distance)
        #expect(EditDistance.between(b, a) == distance)
    }

    @Test func theCommandLineSuggestsInTextAndJSON() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        let cli = CommandLineTests()
        _ = try cli.run(["index", Repository.corpus.path, "--db", db])
        let json = try cli.run(["search", "AI", "regulaton", "--db", db, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["didYouMean"] as? String == "AI regulation")
        #expect(object["query"] as? String == "AI regulaton", "the search ran as typed")
        let text = try cli.run(["search", "regulaton", "--db", db])
        #expect(text.stdout.hasPrefix("Did you mean \"regulation\"?\n"))
    }
}
