import GRDB

/// How many rows `newsq_rank` has scored on one connection since the count was last taken.
///
/// A search's ranking statement scores every article that passes its MATCH and filters (the
/// top-k sort needs every score), so this count is the number of matches: the total comes from
/// the ranking pass itself instead of a second `count(*)` pass over the same matches.
///
/// One per connection. A connection runs one statement at a time on one thread, which is why
/// the plain counter needs no lock.
final class RankedRowTally: @unchecked Sendable {
    private var count = 0
    /// The document frequency of each phrase of the last query ranked on this connection.
    var phraseFrequencies: [Int] = []
    /// The docids a newest-first ranking left to rank on their own when it stopped (see
    /// `newsq_rank`), descending.
    var pendingDocids: [Int64] = []

    /// The SQL function that returns the count and starts it again from zero.
    static let takeFunctionName = "newsq_take_ranked_rows"

    func add() { count += 1 }

    func take() -> Int {
        defer { count = 0 }
        return count
    }

    /// The SQL function that returns the articles holding the last query's phrase, when that
    /// query was one phrase (NULL otherwise).
    static let singlePhraseFunctionName = "newsq_single_phrase_matches"

    /// Registers `newsq_take_ranked_rows()` and `newsq_single_phrase_matches()` on the
    /// connection the tally belongs to.
    func registerTakeFunction(on db: Database) {
        db.add(function: DatabaseFunction(Self.takeFunctionName, argumentCount: 0, pure: false) { _ in
            self.take()
        })
        db.add(function: DatabaseFunction(Self.singlePhraseFunctionName, argumentCount: 0, pure: false) { _ in
            self.phraseFrequencies.count == 1 ? self.phraseFrequencies[0] : nil
        })
        db.add(function: DatabaseFunction(Self.pendingDocidsFunctionName, argumentCount: 0, pure: false) { _ in
            defer { self.pendingDocids = [] }
            return "[" + self.pendingDocids.map(String.init).joined(separator: ",") + "]"
        })
    }

    /// The SQL function that returns `pendingDocids` as a JSON array, and empties them.
    static let pendingDocidsFunctionName = "newsq_take_pending_docids"

    /// `pendingDocids` as a JSON array (for `json_each`), emptied; nil when there are none.
    static func takePendingDocids(_ db: Database) throws -> String? {
        let list = try String.fetchOne(db, sql: "SELECT \(pendingDocidsFunctionName)()") ?? "[]"
        return list == "[]" ? nil : list
    }

    /// What `newsq_single_phrase_matches()` returns; `db` must be the tally's connection.
    static func singlePhraseMatches(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT \(singlePhraseFunctionName)()")
    }

    /// The count since it was last taken; `db` must be the connection the tally was registered on.
    static func take(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT \(takeFunctionName)()") ?? 0
    }
}
