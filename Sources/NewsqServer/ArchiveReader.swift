import Foundation
import NewsqKit
import Synchronization

/// What the server reads from the index. Every call opens the index afresh, read-only, so a
/// server left running answers from what the last `newsq index` run committed; nothing here
/// can write. Every read runs on `workers`, never on the thread of the request's task.
struct ArchiveReader: Sendable {
    let path: String
    let parameters: RankingParameters
    /// How long a search may run before it is interrupted.
    let searchSeconds: Double
    let workers: SearchWorkers

    /// The hits of a search, and its timeline when asked for.
    func search(_ search: SearchParameters) async throws -> (answer: AnsweredQuery, timeline: Timeline?) {
        try await workers.run { try searchNow(search) }
    }

    /// The article with exactly this id.
    func article(id: String) async throws -> StoredArticle {
        try await workers.run { try articleNow(id: id) }
    }

    func statistics() async throws -> IndexStatistics {
        try await workers.run { try IndexStatistics.gather(try ArchiveDatabase.openForReading(path: path)) }
    }

    private func searchNow(_ search: SearchParameters) throws -> (answer: AnsweredQuery, timeline: Timeline?) {
        let archive = try ArchiveDatabase.openForReading(path: path)
        let request = try search.request(parameters: parameters, clock: Date())
        return try withDeadline(archive) {
            var results = try SearchEngine(database: archive).search(request)
            if results.total - results.relaxedTotal < SpellingSuggestion.fewMatches {
                results.didYouMean = try SpellingSuggestion(database: archive).suggestion(for: request.query)
            }
            if !search.facets.isEmpty {
                results.facets = try FacetQuery(database: archive).facets(
                    for: request.query, filters: request.filters, fields: search.facets, limit: search.facetLimit)
            }
            var timeline: Timeline?
            if search.timeline {
                let days = try TimelineQuery(database: archive).dayCounts(for: request.query, filters: request.filters)
                timeline = Timeline(dayCounts: days.days, undated: days.undated, by: search.by)
            }
            return (AnsweredQuery(qid: nil, results: results), timeline)
        }
    }

    private func articleNow(id: String) throws -> StoredArticle {
        let archive = try ArchiveDatabase.openForReading(path: path)
        guard let article = try ArticleStore(database: archive).article(id: id) else {
            throw ServerError.articleNotFound(id: id)
        }
        return article
    }

    /// Runs `body`, interrupting SQLite on `archive` when it outlasts `searchSeconds`; the
    /// failure that follows is reported as a search that took too long.
    private func withDeadline<T>(_ archive: ArchiveDatabase, _ body: () throws -> T) throws -> T {
        let expired = ExpiryFlag()
        let alarm = DispatchWorkItem {
            expired.set()
            archive.interrupt()
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + searchSeconds, execute: alarm)
        defer { alarm.cancel() }
        do {
            return try body()
        } catch {
            if expired.isSet { throw ServerError.searchTooLong(seconds: searchSeconds) }
            throw error
        }
    }
}

/// Set once by the alarm of one search.
private final class ExpiryFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .sequentiallyConsistent) }
    var isSet: Bool { value.load(ordering: .sequentiallyConsistent) }
}
