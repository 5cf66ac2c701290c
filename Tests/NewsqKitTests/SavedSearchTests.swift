import Foundation
import Testing
@testable import NewsqKit

/// Saved searches show each article once: new ones, and ones changed to match; a run that
/// dies before its news are out shows them again, and none is lost.
@Suite struct SavedSearchTests {
    /// A corpus, its index and its saved searches, indexed again after each change.
    final class Archive {
        let corpus = TemporaryDirectory()
        let work = TemporaryDirectory()
        var db: String { work.path("index.sqlite").path }

        func write(_ name: String, title: String, body: String) {
            corpus.write(name, articleFile(title: title, body: body))
        }

        func reindex() throws {
            let database = try ArchiveDatabase.openForWriting(path: db)
            _ = try Indexer(database: database).index(root: corpus.url)
        }

        func store() throws -> SavedSearchStore { try SavedSearchStore(indexPath: db, create: true) }

        /// The ids each saved search shows, by search name; `failing` makes the output of those
        /// searches fail, as a run killed while writing them.
        func run(_ names: [String], failing: Set<String> = []) throws -> [String: [String]] {
            let store = try store()
            let runner = SavedSearchRunner(store: store, archive: try ArchiveDatabase.openForReading(path: db))
            var shown: [String: [String]] = [:]
            for search in try store.named(names) {
                do {
                    try runner.run(search) { news in
                        if failing.contains(search.name) { throw CocoaError(.fileWriteUnknown) }
                        shown[search.name] = news.results.hits.map(\.id)
                    }
                } catch is CocoaError {
                    continue
                }
            }
            return shown
        }
    }

    @Test func newMatchingArticlesAreShownOnce() throws {
        let archive = Archive()
        archive.write("a.md", title: "Oil prices rise", body: "crude")
        archive.write("b.md", title: "Grain harvest", body: "wheat")
        try archive.reindex()
        try archive.store().add(SavedSearch(name: "oil", query: "oil"))

        #expect(try archive.run(["oil"]) == ["oil": ["a"]])
        #expect(try archive.run(["oil"]) == ["oil": []])
        archive.write("c.md", title: "Oil spill", body: "coast")
        archive.write("d.md", title: "Gold", body: "metal")
        try archive.reindex()
        #expect(try archive.run(["oil"]) == ["oil": ["c"]])
        #expect(try archive.run(["oil"]) == ["oil": []])
    }

    @Test func anArticleChangedToMatchIsShownAndOneStillMatchingIsNot() throws {
        let archive = Archive()
        archive.write("a.md", title: "Oil prices rise", body: "crude")
        archive.write("b.md", title: "Grain harvest", body: "wheat")
        try archive.reindex()
        try archive.store().add(SavedSearch(name: "oil", query: "oil"))
        #expect(try archive.run(["oil"]) == ["oil": ["a"]])

        archive.write("a.md", title: "Oil prices fall", body: "crude again")
        archive.write("b.md", title: "Grain and oil harvest", body: "wheat")
        try archive.reindex()
        #expect(try archive.run(["oil"]) == ["oil": ["b"]])
    }

    @Test func filtersAreKeptWithTheSearch() throws {
        let archive = Archive()
        archive.write("en.md", title: "Oil prices", body: "crude")
        try archive.reindex()
        var filters = WrittenFilters()
        filters.language = .zh
        try archive.store().add(SavedSearch(name: "oil-zh", query: "oil", filters: filters))
        #expect(try archive.store().all() == [SavedSearch(name: "oil-zh", query: "oil", filters: filters)])
        #expect(try archive.run(["oil-zh"]) == ["oil-zh": []])
    }

    @Test func aRunThatDiesBeforeItsOutputIsOutShowsItAgainAndNothingTwice() throws {
        let archive = Archive()
        archive.write("a.md", title: "Oil prices", body: "crude gold")
        archive.write("b.md", title: "Gold rush", body: "metal")
        try archive.reindex()
        try archive.store().add(SavedSearch(name: "oil", query: "oil"))
        try archive.store().add(SavedSearch(name: "gold", query: "gold"))

        // The run dies while writing the second search's news: the first's are out and kept.
        #expect(try archive.run(["oil", "gold"], failing: ["gold"]) == ["oil": ["a"]])
        archive.write("c.md", title: "Gold and oil", body: "both")
        try archive.reindex()
        let again = try archive.run(["oil", "gold"])
        #expect(again["oil"] == ["c"])
        #expect(Set(again["gold"] ?? []) == ["a", "b", "c"])
        #expect(try archive.run(["oil", "gold"]) == ["oil": [], "gold": []])
    }

    @Test(arguments: [
        ("oli", SavedSearchError.unknown(name: "oli", closest: "oil")),
        ("weather", SavedSearchError.unknown(name: "weather", closest: nil)),
    ])
    func anUnknownNameIsRefusedWithTheClosestOne(name: String, error: SavedSearchError) throws {
        let archive = Archive()
        try archive.store().add(SavedSearch(name: "oil", query: "oil"))
        #expect(throws: error) { try archive.store().named([name]) }
        #expect(throws: error) { try archive.store().remove(name: name) }
    }

    @Test(arguments: ["", "-x", "two words", "a/b"])
    func aBadNameIsRefused(name: String) throws {
        #expect(throws: SavedSearchError.badName(name)) { try Archive().store().add(SavedSearch(name: name, query: "oil")) }
    }

    @Test func aDuplicateNameIsRefused() throws {
        let archive = Archive()
        try archive.store().add(SavedSearch(name: "oil", query: "oil"))
        #expect(throws: SavedSearchError.duplicate(name: "oil")) {
            try archive.store().add(SavedSearch(name: "oil", query: "gas"))
        }
    }
}
