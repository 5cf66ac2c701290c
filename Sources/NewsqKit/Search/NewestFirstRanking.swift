import GRDB
import GRDBSQLite

/// Ranks a query's matches by score in an index whose docids are `ChronologicalDocids`: it
/// reads them newest first and stops once `newsq_rank` says that no older match can reach the
/// page, because recency only falls with age. A word in half the articles is then ranked from
/// the newest few months of its matches instead of all of them, and the page is the same.
///
/// Past that point it goes on reading, only to count, for at most `countingBudget` matches
/// (each costs about a microsecond): a total is exact up to there, and beyond it is estimated
/// from the share of days read, unless the query is a single phrase without filters, whose
/// matches `newsq_rank` counted for the phrase's idf.
struct NewestFirstRanking {
    /// Matches counted after the page is settled, at most, before the total is estimated.
    static let countingBudget = 1_000

    /// The FROM clause joining `article_fts` to `articles` as `a`.
    let source: String
    let match: String
    /// A condition that starts with AND, with its arguments (a second MATCH to leave out).
    let exclusion: (clause: String, arguments: StatementArguments)
    let filters: SearchFilterSQL
    /// `RankingFunction.encode` of the formula.
    var parameters: String
    /// Offset + limit of the page.
    let pageEnd: Int
    let countingBudget: Int
    /// The published range of the filters, in seconds since 1970 (since inclusive, until exclusive).
    let since: Double?
    let until: Double?

    struct Outcome {
        var rows: [RankedRow]
        var total: Int
        var totalIsEstimate: Bool
        /// Whether the reading left the rest of some days (with quality slots).
        var leftPartsOfDays = false
        /// The lowest score of the rows ranked up to the page's end, those before the page
        /// included: when there are fewer matches than that, the lowest of all of them.
        var lowestScore: Double?

        /// The rows from `offset` on, `lowestScore` taken over all of them first.
        func page(from offset: Int) -> Outcome {
            var page = self
            page.lowestScore = rows.map(\.score).min()
            page.rows = Array(rows.dropFirst(offset))
            return page
        }
    }

    /// The page in the order of `--sort date`: newest first, undated last. The reading stops
    /// once the day reached is older than the page's last match; undated articles are read
    /// only when every dated match was.
    func runByDate(_ db: Database, layout: ChronologicalDocids.State) throws -> Outcome {
        try forgetUnfinishedStatements(db)
        try RankingConnectionState.carry(db, true)
        defer { _ = try? RankingConnectionState.carry(db, false) }
        var page = PageCandidates(size: pageEnd, byDate: true)
        var total = 0
        if let dated = datedDocids(layout) {
            let lastRead = try read(db, docids: dated, newestFirst: false, settlesByDate: true, into: &page).stoppedAt
            total = try RankingConnectionState.take(db)
            if let lastRead {
                let beyond = try totalBeyondBudget(db, counted: total, docids: dated, readDownTo: lastRead)
                return Outcome(rows: page.best(), total: beyond.total, totalIsEstimate: beyond.isEstimate)
            }
        }
        if let undated = undatedDocids(layout) {
            _ = try read(db, docids: undated, newestFirst: false, into: &page)
            total += try RankingConnectionState.take(db)
        }
        return Outcome(rows: page.best(), total: total, totalIsEstimate: false)
    }

    func run(_ db: Database, layout: ChronologicalDocids.State) throws -> Outcome {
        try forgetUnfinishedStatements(db)
        // Its statements (undated, dated, the rare phrases' matches) count the phrases once.
        try RankingConnectionState.carry(db, true)
        defer { _ = try? RankingConnectionState.carry(db, false) }
        var page = PageCandidates(size: pageEnd)
        // Undated articles rank with a fixed recency: all of them first.
        if let undated = undatedDocids(layout) {
            _ = try read(db, docids: undated, newestFirst: false, into: &page)
        }
        let undatedTotal = try RankingConnectionState.take(db)
        guard let dated = datedDocids(layout) else {
            return Outcome(rows: page.best(), total: undatedTotal, totalIsEstimate: false)
        }
        let reading = try read(db, docids: dated, newestFirst: true, into: &page)
        let datedTotal = try RankingConnectionState.take(db)
        // Where the reading stopped, the matches of the query's rare phrases that it did not
        // score are left: few and listed, so they are ranked on their own (not counted again).
        if let pending = try RankingConnectionState.takePendingDocids(db) {
            _ = try read(db, docids: dated, newestFirst: false, only: pending, into: &page)
            _ = try RankingConnectionState.take(db)
        }
        // A reading that left parts of days did not count their matches.
        guard let lastRead = reading.stoppedAt ?? (reading.leftPartsOfDays ? dated.lowerBound : nil) else {
            return Outcome(rows: page.best(), total: undatedTotal + datedTotal, totalIsEstimate: false)
        }
        let beyond = try totalBeyondBudget(db, counted: datedTotal, docids: dated, readDownTo: lastRead)
        // A phrase's document frequency counts undated articles too; an estimate does not.
        return Outcome(
            rows: page.best(), total: beyond.isEstimate ? undatedTotal + beyond.total : beyond.total,
            totalIsEstimate: beyond.isEstimate, leftPartsOfDays: reading.leftPartsOfDays)
    }

    /// A statement that failed part-way on this connection may have left rows in the tally, or
    /// docids to rank on their own.
    private func forgetUnfinishedStatements(_ db: Database) throws {
        _ = try RankingConnectionState.take(db)
        _ = try RankingConnectionState.takePendingDocids(db)
    }

    /// The docids of undated articles, when the filters allow undated ones (a date filter does not).
    private func undatedDocids(_ layout: ChronologicalDocids.State) -> ClosedRange<Int64>? {
        since == nil && until == nil && layout.hasUndated ? 0...(ChronologicalDocids.firstDatedDocid - 1) : nil
    }

    /// The docids of dated articles within the filters' dates, nil when there are none.
    private func datedDocids(_ layout: ChronologicalDocids.State) -> ClosedRange<Int64>? {
        let lowest = max(ChronologicalDocids.firstDatedDocid, since.map(ChronologicalDocids.firstDocid(publishedFrom:)) ?? 0)
        let highest = layout.overflowed ? Int64.max : until.map(ChronologicalDocids.lastDocid(publishedBefore:)) ?? Int64.max
        return lowest <= highest ? lowest...highest : nil
    }

    /// Whether the matches are the articles that hold the query's phrases, with nothing left out
    /// (no exclusion, no filter): for a single phrase, its count for the idf is then the total.
    var matchesAreThePhrases: Bool { exclusion.clause.isEmpty && filters.conditions.isEmpty }

    /// The total of a reading that ran out of counting budget at `readDownTo`: a query of one
    /// phrase and no filter matches the articles that hold the phrase, which `newsq_rank`
    /// counted for its idf; any other is estimated from the `counted` matches in `docids`.
    private func totalBeyondBudget(
        _ db: Database, counted: Int, docids: ClosedRange<Int64>,
        readDownTo last: Int64
    ) throws -> (total: Int, isEstimate: Bool) {
        if matchesAreThePhrases, let matches = try RankingConnectionState.singlePhraseMatches(db) {
            return (matches, false)
        }
        return (try Self.estimate(db, counted: counted, docids: docids, readDownTo: last), true)
    }

    /// How a reading ended: the last docid read when it stopped before the end (the counting
    /// budget ran out), nil when it read to the end; whether it left the rest of some days
    /// (`RankingFunction.restOfDayLeft`), whose matches it then did not count.
    struct Reading {
        var stoppedAt: Int64?
        var leftPartsOfDays = false
    }

    /// Reads the matches in `docids`, newest first, into `page`. With `only` (a JSON array of
    /// docids), reads just those of the range. With `settlesByDate`, the page is settled once
    /// a match's day is older than the page's last.
    private func read(
        _ db: Database, docids: ClosedRange<Int64>, newestFirst: Bool, only: String? = nil,
        settlesByDate: Bool = false, into page: inout PageCandidates
    ) throws -> Reading {
        // `+` keeps the list out of FTS5's hands: it would start the query over for each docid.
        let listed = only == nil ? "" : " AND +article_fts.rowid IN (SELECT value FROM json_each(?))"
        let statement = try db.makeStatement(
            sql: """
                SELECT a.docid, a.published,
                    newsq_rank(article_fts, a.published, a.quality_rank, ?, ?, ?, \(Self.floorParameter)) AS score
                FROM \(source)
                WHERE article_fts MATCH ? AND article_fts.rowid BETWEEN ? AND \(Self.lastDocidParameter)\(listed)\(exclusion.clause)\(filters.andClause)
                ORDER BY article_fts.rowid DESC
                """)
        // By date, every score is needed exactly: it orders the matches of the same instant.
        var arguments: StatementArguments = [
            parameters, page.byDate ? 0 : pageEnd, newestFirst ? 1 : 0,
            page.byDate ? nil : page.floor, match,
            docids.lowerBound, docids.upperBound,
        ]
        if let only { arguments += [only] }
        try statement.setArguments(arguments + exclusion.arguments + filters.arguments)
        // Stepped through SQLite's own API: most matches are read only to be passed over, and a
        // GRDB row costs more per match than the rest of the work on it.
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var countedOnly = 0
        var settled = false
        var reading = Reading()
        while true {
            let status = sqlite3_step(handle)
            guard status == SQLITE_ROW else {
                if status == SQLITE_DONE { return reading }
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let docid = sqlite3_column_int64(handle, 0)
            if sqlite3_column_type(handle, 2) == SQLITE_TEXT {
                // The rest of this day cannot reach the page: read on from the day before,
                // with the page's floor as it stands now.
                reading.leftPartsOfDays = true
                let dayStart = ChronologicalDocids.docids(key: ChronologicalDocids.key(docid: docid)).lowerBound
                guard dayStart > docids.lowerBound else { return reading }
                sqlite3_reset(handle)
                let floor = page.floor
                try Self.bind(Self.floorParameter, in: handle, db) { statement, index in
                    if let floor { sqlite3_bind_double(statement, index, floor) } else { sqlite3_bind_null(statement, index) }
                }
                try Self.bind(Self.lastDocidParameter, in: handle, db) { sqlite3_bind_int64($0, $1, dayStart - 1) }
                continue
            }
            if settlesByDate, !settled, let last = page.lastOfFullPage,
                let latest = ChronologicalDocids.latestPublished(docid: docid), latest < last.published ?? -.infinity
            {
                settled = true
            }
            guard !settled, sqlite3_column_type(handle, 2) != SQLITE_NULL else {
                countedOnly += 1
                if countedOnly >= countingBudget {
                    reading.stoppedAt = docid
                    return reading
                }
                continue
            }
            let score = sqlite3_column_double(handle, 2)
            guard settlesByDate || page.accepts(score: score) else { continue }
            let published = sqlite3_column_type(handle, 1) == SQLITE_NULL ? nil : sqlite3_column_double(handle, 1)
            page.add(RankedCandidate(docid: docid, published: published, score: score))
        }
    }

    /// The reading's parameters that are bound again while it runs, named so that a change to
    /// the statement's other parameters cannot shift them.
    private static let floorParameter = ":floor"
    private static let lastDocidParameter = ":last_docid"

    /// Binds the parameter called `name` of `statement` with `bindValue`, checking what SQLite says.
    private static func bind(
        _ name: String, in statement: OpaquePointer, _ db: Database,
        _ bindValue: (OpaquePointer, Int32) -> Int32
    ) throws {
        let index = sqlite3_bind_parameter_index(statement, name)
        let status = index > 0 ? bindValue(statement, index) : SQLITE_RANGE
        guard status == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: status), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// The matches in `docids` from `counted`, those read from the newest down to `readDownTo`:
    /// as many again per article for the articles not read. Articles, not days: an archive's
    /// days are not equally full (a corpus that thins out in its last months would otherwise
    /// be estimated at a fraction of its matches). The articles are counted on the small
    /// `RankingInputsIndex`; an index without it counts days.
    private static func estimate(_ db: Database, counted: Int, docids: ClosedRange<Int64>, readDownTo last: Int64) throws -> Int {
        if try RankingInputsIndex.exists(db) {
            let sql = "SELECT count(*) FROM articles INDEXED BY \(RankingInputsIndex.name) WHERE docid BETWEEN ? AND ?"
            let read = try Int.fetchOne(db, sql: sql, arguments: [last, docids.upperBound]) ?? 0
            let all = try Int.fetchOne(db, sql: sql, arguments: [docids.lowerBound, docids.upperBound]) ?? 0
            guard read > 0 else { return counted }
            return max(counted, Int((Double(counted) * Double(all) / Double(read)).rounded()))
        }
        let sql = "SELECT docid FROM articles WHERE docid BETWEEN ? AND ? ORDER BY docid"
        guard let newest = try Int64.fetchOne(db, sql: sql + " DESC LIMIT 1", arguments: [docids.lowerBound, docids.upperBound]),
            let oldest = try Int64.fetchOne(db, sql: sql + " LIMIT 1", arguments: [docids.lowerBound, docids.upperBound])
        else { return counted }
        let key = { (docid: Int64) in Double(ChronologicalDocids.key(docid: docid)) }
        let share = (key(newest) - key(last) + 1) / (key(newest) - key(oldest) + 1)
        return max(counted, Int((Double(counted) / max(share, 1e-9)).rounded()))
    }
}
