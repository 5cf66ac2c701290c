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
/// scored with (`RankedRowTally.exactScore`), and the count gives an exact total.
///
/// Both connections must read the same state of the index: each notes FTS5's structure record,
/// which every write changes, and when they differ the caller ranks again the usual way.
final class ConcurrentPhraseCount: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written by the counting thread before it leaves `group`, read only after waiting on it.
    private var counted: (structure: Data?, matches: Int)?

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
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { group.leave() }
            counted = try? pool.read { db in
                let structure = try Self.structure(db)
                // Scoring the first match makes `newsq_rank` count the phrase's articles for its idf.
                let first = try Row.fetchOne(db, sql: """
                    SELECT newsq_rank(article_fts, NULL, NULL, ?, 0, 0, NULL) FROM article_fts WHERE article_fts MATCH ? LIMIT 1
                    """, arguments: [parameters, match])
                _ = try RankedRowTally.take(db)
                guard first != nil else { return (structure, 0) }
                guard let matches = try RankedRowTally.singlePhraseMatches(db) else { return nil }
                return (structure, matches)
            }
        }
    }

    /// Waits for the count. Nil when it failed, or read another state of the index than the
    /// one whose `structure(_:)` is given.
    func matches(readingSameIndexAs structure: Data?) -> Int? {
        group.wait()
        guard let counted, counted.structure == structure else { return nil }
        return counted.matches
    }

    /// FTS5's structure record: the list of the index's segments, with a counter of writes.
    static func structure(_ db: Database) throws -> Data? {
        try Data.fetchOne(db, sql: "SELECT block FROM article_fts_data WHERE id = 10")
    }
}
