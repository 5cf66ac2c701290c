import GRDB

/// What `newsq_rank` keeps on one connection between rows and statements, and the side channel
/// through which Swift reads and sets it: SQL functions registered on that connection only.
///
/// It holds the count of rows scored since it was last taken (a search's ranking statement
/// scores every article that passes its MATCH and filters, so the total comes from the ranking
/// pass itself), the last parameters decoded, the phrases' statistics carried from one statement
/// of a ranking to the next, the rows of a relative one-phrase ranking, and the docids a
/// newest-first ranking left pending.
///
/// One per connection, as `newsq_rank`'s FTS5 user data. A connection runs one statement at a
/// time on one thread, which is why the plain fields need no lock.
final class RankingConnectionState: @unchecked Sendable {
    private var count = 0
    /// The document frequency of each phrase of the last query ranked on this connection.
    var phraseFrequencies: [Int] = []
    /// The docids a newest-first ranking left to rank on their own when it stopped (see
    /// `newsq_rank`), descending.
    var pendingDocids: [Int64] = []

    /// What a one-phrase ranking with relative scores (`ConcurrentPhraseCount`) needs to make
    /// its page's scores exact: the formula and article count of its statements, and each row it
    /// scored in full with its relevance at an idf of 1.
    struct RelativeScoring {
        let formula: RankingFormula
        let articleCount: Double
    }

    struct RelativeRow {
        let relevance: Double
        let published: Double?
        let qualityRank: Double?
    }

    var relativeScoring: RelativeScoring?
    var relativeRows: [Int64: RelativeRow] = [:]

    /// While carrying (`carry`), the statistics of the phrases of the last statement and the
    /// ranking parameters it ran with.
    private var carrying = false
    private var carried: (parameters: String, relevance: Relevance)?
    /// The last parameters text `newsq_rank` decoded on this connection. A reading that leaves
    /// the rest of a day starts its statement again, and FTS5 drops the statement's aux data
    /// with it: without this, every day left would parse the parameters again.
    private var lastDecoded: (text: String, decoded: RankingFunction.Decoded)?

    /// `RankingFunction.decode(text)`, parsed once for as long as the text does not change.
    func decoded(_ text: String) -> RankingFunction.Decoded? {
        if let lastDecoded, lastDecoded.text == text { return lastDecoded.decoded }
        guard let decoded = RankingFunction.decode(text) else { return nil }
        lastDecoded = (text, decoded)
        return decoded
    }

    /// The statistics a statement of the same ranking computed, for the next statement to use
    /// instead of counting the phrases again; nil when not carrying or they do not fit.
    func carriedRelevance(parameters: String, phrases: Int) -> Relevance? {
        guard carrying, let carried, carried.parameters == parameters,
            carried.relevance.inverseDocumentFrequencies.count == phrases
        else { return nil }
        return carried.relevance
    }

    func computedRelevance(_ relevance: Relevance, parameters: String) {
        if carrying { carried = (parameters, relevance) }
    }

    /// The exact score of a row that a relative ranking scored in full, given the number of
    /// articles holding the phrase; nil for any other row.
    func exactScore(docid: Int64, phraseMatches: Int) -> Double? {
        guard let scoring = relativeScoring, let row = relativeRows[docid] else { return nil }
        let idf = Bm25Weight.inverseDocumentFrequency(articles: scoring.articleCount, holding: phraseMatches)
        return scoring.formula.score(relevance: idf * row.relevance, published: row.published, qualityRank: row.qualityRank)
    }

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
    /// connection the state belongs to.
    func registerTakeFunction(on db: Database) {
        db.add(
            function: DatabaseFunction(Self.takeFunctionName, argumentCount: 0, pure: false) { _ in
                self.take()
            })
        db.add(
            function: DatabaseFunction(Self.singlePhraseFunctionName, argumentCount: 0, pure: false) { _ in
                self.phraseFrequencies.count == 1 ? self.phraseFrequencies[0] : nil
            })
        db.add(
            function: DatabaseFunction(Self.exactScoreFunctionName, argumentCount: 2, pure: false) { values in
                guard let docid = Int64.fromDatabaseValue(values[0]), let matches = Int.fromDatabaseValue(values[1]) else {
                    return nil
                }
                return self.exactScore(docid: docid, phraseMatches: matches)
            })
        db.add(
            function: DatabaseFunction(Self.carryFunctionName, argumentCount: 1, pure: false) { values in
                self.carrying = Bool.fromDatabaseValue(values[0]) ?? false
                self.carried = nil
                return nil
            })
        db.add(
            function: DatabaseFunction(Self.forgetRelativeFunctionName, argumentCount: 0, pure: false) { _ in
                self.relativeScoring = nil
                self.relativeRows = [:]
                return nil
            })
        db.add(
            function: DatabaseFunction(Self.pendingDocidsFunctionName, argumentCount: 0, pure: false) { _ in
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

    /// What `newsq_single_phrase_matches()` returns; `db` must be the state's connection.
    static func singlePhraseMatches(_ db: Database) throws -> Int? {
        try Int.fetchOne(db, sql: "SELECT \(singlePhraseFunctionName)()")
    }

    static let carryFunctionName = "newsq_carry_phrase_statistics"

    /// From now on (`carrying`) until `carry(_:false)`, the statements on `db`'s connection
    /// share their phrases' statistics: they must run one query with one set of parameters (the
    /// statements of one ranking, over different docids).
    static func carry(_ db: Database, _ carrying: Bool) throws {
        try db.execute(sql: "SELECT \(carryFunctionName)(?)", arguments: [carrying])
    }

    static let exactScoreFunctionName = "newsq_exact_score"
    static let forgetRelativeFunctionName = "newsq_forget_relative_rows"

    /// `exactScore` on the state of `db`'s connection.
    static func exactScore(_ db: Database, docid: Int64, phraseMatches: Int) throws -> Double? {
        try Double.fetchOne(db, sql: "SELECT \(exactScoreFunctionName)(?, ?)", arguments: [docid, phraseMatches])
    }

    /// Empties what the last relative ranking on `db`'s connection left.
    static func forgetRelativeRows(_ db: Database) throws {
        try db.execute(sql: "SELECT \(forgetRelativeFunctionName)()")
    }

    /// The count since it was last taken; `db` must be the connection the state was registered on.
    static func take(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT \(takeFunctionName)()") ?? 0
    }
}
