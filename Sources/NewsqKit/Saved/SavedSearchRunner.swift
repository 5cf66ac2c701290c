import Foundation

/// Runs saved searches and tells, for each, only the articles it matches for the first time
/// since its last run (see `SavedSearchStore` for what counts as new).
///
/// A run shows its news to `emit`, and only once `emit` has returned (the output written) does
/// it keep them as shown: a run killed before shows them again next time; none is ever lost.
///
/// For example:
///
/// ```swift
/// let runner = SavedSearchRunner(store: store, archive: try .openForReading(path: path))
/// for search in try store.all() {
///     try runner.run(search) { news in try output(news) }
/// }
/// ```
public struct SavedSearchRunner {
    private let store: SavedSearchStore
    private let engine: SearchEngine
    private let now: Date
    /// Hits fetched at a time while looking for the new ones among the matches, newest first.
    private let pageSize: Int

    public init(store: SavedSearchStore, archive: ArchiveDatabase, now: Date = Date(), pageSize: Int = 500) {
        self.store = store
        self.engine = SearchEngine(database: archive)
        self.now = now
        self.pageSize = max(1, pageSize)
    }

    /// Finds what is new for `search`, passes it to `emit` (newest first; also when it is
    /// nothing), then keeps it as shown. Returns how many articles were new.
    @discardableResult
    public func run(_ search: SavedSearch, emit: (AnsweredQuery) throws -> Void) throws -> Int {
        let query = try SearchQuery(search.query, analyzer: try Analyzer())
        let filters = try search.filters.applied(to: SearchFilters(), now: now)
        var shown = 0
        try store.updatingSeen(of: search.name) { seen in
            let matched = try engine.matchingIDs(query, filters: filters)
            let fresh = Set(matched.map(ExactID.init)).subtracting(seen)
            let hits = try newestHits(among: fresh, query: query, filters: filters)
            let results = SearchResults(query: search.query, total: hits.count, offset: 0, hits: hits)
            try emit(AnsweredQuery(qid: search.name, results: results))
            shown = hits.count
            // An article new to this run but gone before its hit was fetched stays unseen, so
            // a later run shows it if it comes back.
            let printed = Set(hits.map { ExactID($0.id) })
            return matched.filter { seen.contains(ExactID($0)) || printed.contains(ExactID($0)) }
        }
        return shown
    }

    /// The hits of the articles `wanted`, newest first, numbered from 1: pages of every full
    /// match by date until all of them are found (new articles are mostly the newest).
    private func newestHits(among wanted: Set<ExactID>, query: SearchQuery, filters: SearchFilters) throws -> [SearchHit] {
        guard !wanted.isEmpty else { return [] }
        var hits: [SearchHit] = []
        var found = Set<ExactID>()
        var offset = 0
        while found.count < wanted.count {
            let request = SearchRequest(
                query: query, limit: pageSize, offset: offset, ranking: RankingFormula(now: now),
                filters: filters, sort: .date, relax: false)
            let page = try engine.search(request)
            for hit in page.hits where wanted.contains(ExactID(hit.id)) && found.insert(ExactID(hit.id)).inserted {
                var numbered = hit
                numbered.rank = hits.count + 1
                hits.append(numbered)
            }
            offset += page.hits.count
            if page.hits.count < pageSize { break }
        }
        return hits
    }
}
