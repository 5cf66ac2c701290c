import Dispatch
import Foundation
import GRDB

/// Counts the articles of a one-phrase query on a second connection while the first ranks.
///
/// bm25 gives a phrase the same idf in every row, so a query of one phrase has a relevance that
/// is the idf times a part that depends on the row alone. Ranked with an idf of 1
/// (`Relevance.isRelative`), its matches come in the same order and `newsq_rank` stops at the
/// same place, so the ranking need not wait for the count. Counting walks every match (about
/// 30 ms for a word in half of a million articles), and runs meanwhile on the other core. Once
/// both are done, the page's scores are made exact from the relevance each of its rows was
/// scored with (`RankingConnectionState.exactScore`), and the count gives an exact total.
///
/// Both connections must read the same state of the index: each notes FTS5's structure record,
/// which every write changes, and when they differ the ranking's connection counts again. So
/// it does when the other thread has not got a connection by the time the ranking is done (the
/// pool's readers may all be taken), and the ranking never waits for a connection to count on.
final class ConcurrentPhraseCount: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    /// Whether the counting thread got a connection and began, or the ranking gave up on it
    /// first: the one that comes second learns it under `lock`.
    private enum Start { case waiting, begun, abandoned }
    private var start = Start.waiting
    /// Written by the counting thread before it leaves `group`, read only after waiting on it.
    private var counted: (structure: Data?, matches: Int)?
    private let match: String
    private let parameters: String

    /// Whether the query is one FTS5 phrase: a word, a quoted phrase or a prefix, alone or
    /// within one field. (A Chinese dictionary word also asks for itself as a word: two.)
    static func isOnePhrase(_ expression: QueryExpression, analyzer: Analyzer) -> Bool {
        switch expression {
        case .term(let text): !analyzer.isSingleChineseWord(text)
        case .phrase, .prefix: true
        case .field(_, let inner): isOnePhrase(inner, analyzer: analyzer)
        case .all, .any, .excluded, .near: false
        }
    }

    /// Starts counting the articles that `match` matches, on another connection of `pool`.
    /// `parameters` are the usual (not relative) ranking parameters.
    init(pool: DatabasePool, match: String, parameters: String) {
        self.match = match
        self.parameters = parameters
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { group.leave() }
            counted = try? pool.read { db -> (Data?, Int)? in
                // Every reader of the pool may be taken (by searches waiting for their counts):
                // the ranking then counts on its own connection and this one has nothing to do.
                guard
                    lock.withLock({ () -> Bool in
                        if start == .waiting { start = .begun }
                        return start == .begun
                    })
                else { return nil }
                let structure = try Self.structure(db)
                guard let matches = try count(db) else { return nil }
                return (structure, matches)
            }
        }
    }

    /// The number of articles, counted on the other connection when it read the same state of
    /// the index as the one whose `structure(_:)` is given, else on `db`, the ranking's own
    /// connection (also when the other had no connection yet). Nil when counting failed.
    func matches(_ db: Database, readingSameIndexAs structure: Data?) throws -> Int? {
        let begun = lock.withLock { () -> Bool in
            if start == .waiting { start = .abandoned }
            return start == .begun
        }
        if begun {
            group.wait()
            if let counted, counted.structure == structure { return counted.matches }
        }
        return try count(db)
    }

    /// Scoring the first match makes `newsq_rank` count the phrase's articles for its idf.
    private func count(_ db: Database) throws -> Int? {
        let first = try Row.fetchOne(
            db,
            sql: """
                SELECT newsq_rank(article_fts, NULL, NULL, ?, 0, 0, NULL) FROM article_fts WHERE article_fts MATCH ? LIMIT 1
                """, arguments: [parameters, match])
        _ = try RankingConnectionState.take(db)
        guard first != nil else { return 0 }
        return try RankingConnectionState.singlePhraseMatches(db)
    }

    /// FTS5's structure record: the list of the index's segments, with a counter of writes.
    static func structure(_ db: Database) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT block FROM article_fts_data WHERE id = 10")
    }
}

extension NewestFirstRanking {
    /// `run` (or `runByDate`) for a one-phrase query, with relative scores (`relativeParameters`)
    /// while a `ConcurrentPhraseCount` counts on another connection of `pool`; then the page's
    /// scores are made exact. Nil when the count failed: rank the usual way.
    func runCountingConcurrently(
        _ db: Database, pool: DatabasePool, layout: ChronologicalDocids.State, byDate: Bool,
        relativeParameters: String
    ) throws -> Outcome? {
        let counting = ConcurrentPhraseCount(pool: pool, match: match, parameters: parameters)
        let structure = try ConcurrentPhraseCount.structure(db)
        var relative = self
        relative.parameters = relativeParameters
        try RankingConnectionState.forgetRelativeRows(db)
        defer { try? RankingConnectionState.forgetRelativeRows(db) }
        var outcome = byDate ? try relative.runByDate(db, layout: layout) : try relative.run(db, layout: layout)
        guard let matches = try counting.matches(db, readingSameIndexAs: structure) else { return nil }
        var exact: [RankedRow] = []
        for row in outcome.rows {
            guard let score = try RankingConnectionState.exactScore(db, docid: row.docid, phraseMatches: matches) else {
                return nil
            }
            exact.append(RankedRow(docid: row.docid, score: score))
        }
        if !byDate {
            // Scaling by the idf keeps the order; a rounding that makes two scores equal keeps it too.
            exact = exact.enumerated()
                .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
                .map(\.element)
        }
        outcome.rows = exact
        // A phrase's count covers every article, dated or not: exact where an estimate was.
        if outcome.totalIsEstimate, matchesAreThePhrases {
            outcome.total = matches
            outcome.totalIsEstimate = false
        }
        return outcome
    }
}
