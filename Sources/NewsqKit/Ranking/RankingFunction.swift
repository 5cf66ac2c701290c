import Foundation
import GRDB
import GRDBSQLite

/// newsq's FTS5 auxiliary functions, which compute the whole ranking inside SQLite:
///
/// - `newsq_rank(article_fts, published, quality_rank, parameters, page_end, newest_first, known_floor)`:
///   the final score (`RankingFormula`), from newsq's own bm25 (`Relevance`). Each call also
///   counts the row in the connection's `RankingConnectionState`, which gives a search its total.
///   With `page_end` > 0 (offset + limit of a search sorted by score), a match that cannot
///   reach the page gets a score that is only an upper bound of its own, always below the
///   page: see `PageScoreFloor`. `known_floor`, when not NULL, is a score that `page_end`
///   matches of an earlier statement already reach. With `newest_first` = 1, the matches come
///   in descending `ChronologicalDocids` order, and the function returns NULL (still counting
///   the match) once no match from this one on can reach the page, except those of the query's
///   rare phrases (`Relevance.rareDocids`): the caller may stop reading there, and must rank
///   those matches, which it takes from `RankingConnectionState.takePendingDocids`, on their own.
///   With quality slots in `parameters` (`addingQualitySlots`), it returns `restOfDayLeft` once
///   no match of the same day from this one on can reach the page: the caller may read on from
///   the day before (the rare phrases' matches of the day left are pending likewise).
/// - `newsq_fields(article_fts, parameters)`: the relevance of each field, comma-separated in
///   FTS5 column order, for `--explain`.
///
/// `parameters` is `RankingFunction.encode(_:)` of the search's formula; it is parsed once per
/// connection while it stays the same (`RankingConnectionState.decoded`), and the statement's ranking,
/// with each phrase's document frequency, is kept as FTS5 aux data.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#custom_auxiliary_functions>
enum RankingFunction {
    /// Registers both functions, and `RankingConnectionState`'s, on a connection (each connection
    /// needs its own). Throws SQLite's error when FTS5 refuses one.
    static func register(on db: Database) throws {
        let api = FTS5.api(db)
        let mutableAPI = UnsafeMutablePointer(mutating: api)
        let tally = RankingConnectionState()
        tally.registerTakeFunction(on: db)
        // FTS5 keeps a reference for as long as the function is registered and drops it with
        // the connection, through the destructor.
        let userData = Unmanaged.passRetained(tally).toOpaque()
        // On failure FTS5 has already called the destructor, which released the reference.
        try created(
            "newsq_rank",
            api.pointee.xCreateFunction(mutableAPI, "newsq_rank", userData, rankFunction) { userData in
                if let userData { Unmanaged<RankingConnectionState>.fromOpaque(userData).release() }
            })
        try created("newsq_fields", api.pointee.xCreateFunction(mutableAPI, "newsq_fields", nil, fieldsFunction, nil))
    }

    private static func created(_ name: String, _ code: Int32) throws {
        guard code != SQLITE_OK else { return }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the FTS5 function \(name)")
    }

    /// The formula's knobs and clock as the text argument both functions take, then the most
    /// articles a phrase may be in to count as rare (`Relevance.rareLimit`; tests vary it),
    /// whether a query of one phrase is scored relative to its idf (see `ConcurrentPhraseCount`),
    /// and after a `;` the article counts `TermStatistics` knows, per phrase of the query.
    static func encode(
        _ formula: RankingFormula, rarePhraseLimit: Int = Relevance.rareLimit,
        relativeForOnePhrase: Bool = false, knownCounts: [Relevance.KnownCount?] = []
    ) -> String {
        let numbers =
            (formula.parameters.knobValues + [
                formula.now.timeIntervalSince1970, Double(rarePhraseLimit), relativeForOnePhrase ? 1 : 0,
            ])
            .map { String($0) }.joined(separator: ",")
        guard knownCounts.contains(where: { $0 != nil }) else { return numbers }
        return numbers + ";" + knownCounts.map { $0.map { "\($0.articles)/\($0.holding)" } ?? "" }.joined(separator: ",")
    }

    /// `parameters` with the index's quality slots (`ChronologicalDocids.State.slotQualityRanks`),
    /// so that a newest-first reading may leave the rest of a day (see `newsq_rank`).
    static func addingQualitySlots(_ ranks: [Double], to parameters: String) -> String {
        (parameters.contains(";") ? parameters : parameters + ";") + ";" + ranks.map { String($0) }.joined(separator: ",")
    }

    /// What `newsq_rank` returns for a match whose day the reading may leave (with quality
    /// slots): no match of that day at or below it can reach the page.
    static let restOfDayLeft = "rest of day left"

    /// What `encode`'s text says.
    struct Decoded {
        let formula: RankingFormula
        let rarePhraseLimit: Int
        let relativeForOnePhrase: Bool
        let knownCounts: [Relevance.KnownCount?]
        let qualitySlotRanks: [Double]?
    }

    static func decode(_ text: String) -> Decoded? {
        let sections = text.split(separator: ";", omittingEmptySubsequences: false)
        let numbers = sections[0].split(separator: ",", omittingEmptySubsequences: false)
        let values = numbers.compactMap { Double($0) }
        // The knobs, then the clock, the rare-phrase limit and whether one phrase is relative.
        let knobCount = RankingParameters.knobs.count
        guard values.count == numbers.count, values.count == knobCount + 3, sections.count <= 3,
            let parameters = RankingParameters(knobValues: Array(values[..<knobCount]))
        else { return nil }
        let (now, rareLimit, relative) = (values[knobCount], values[knobCount + 1], values[knobCount + 2])
        let slotRanks = sections.count < 3 ? nil : sections[2].split(separator: ",").compactMap { Double($0) }
        let knownCounts: [Relevance.KnownCount?] =
            sections.count < 2
            ? []
            : sections[1].split(separator: ",", omittingEmptySubsequences: false).map { known in
                let parts = known.split(separator: "/").compactMap { Int($0) }
                return parts.count == 2 ? Relevance.KnownCount(articles: parts[0], holding: parts[1]) : nil
            }
        return Decoded(
            formula: RankingFormula(parameters: parameters, now: Date(timeIntervalSince1970: now)),
            rarePhraseLimit: Int(rareLimit), relativeForOnePhrase: relative == 1, knownCounts: knownCounts,
            qualitySlotRanks: slotRanks?.count == ChronologicalDocids.slotCount ? slotRanks : nil)
    }
}

/// What one statement's rows share: the formula, the phrases' statistics, a scratch buffer
/// and the best scores so far.
private final class StatementRanking {
    let formula: RankingFormula
    let relevance: Relevance
    let scratch: RelevanceScratch
    var page: PageScoreFloor

    /// Per quality slot of a day, the best quality percentile at or below it; nil when the
    /// reading may not leave a day part-way.
    let qualitySlotRanks: [Double]?

    init(formula: RankingFormula, relevance: Relevance, pageEnd: Int, qualitySlotRanks: [Double]? = nil) {
        self.formula = formula
        self.relevance = relevance
        self.qualitySlotRanks = qualitySlotRanks
        scratch = RelevanceScratch(phrases: relevance.inverseDocumentFrequencies.count, columns: relevance.weights.count)
        // The bound below holds only when no knob can make a part of the score negative.
        let p = formula.parameters
        let boundHolds = p.fieldWeights.allSatisfy { $0 >= 0 } && (0...1).contains(p.recencyFloor) && p.qualityBoost >= 0
        page = PageScoreFloor(size: boundHolds ? pageEnd : 0)
    }

    /// Where a newest-first read stopped, once it has.
    var stoppedAt: Int64?

    /// The score the row `docid` would have with the most relevance it can have.
    func ceiling(docid: Int64, published: Double?, qualityRank: Double?) -> Double {
        formula.score(relevance: relevance.ceiling(docid: docid), published: published, qualityRank: qualityRank)
    }

    /// The lowest score the page can end with: its own floor, or a higher one known before.
    func floor(known: Double?) -> Double? {
        switch (page.floor, known) {
        case let (own?, known?): max(own, known)
        case let (own, known): own ?? known
        }
    }

    /// The most any dated match at or below `docid` without a rare phrase can score, in a
    /// chronological index: recency can only fall with age, so the latest date such a match
    /// can have bounds it, with the most relevance and the best quality. (The rare phrases'
    /// matches are few and known: the caller ranks them on their own, see `newsq_rank`.)
    func bound(atOrBelow docid: Int64) -> Double? {
        // Rows come a day at a time: the day's bound is worked out once (it takes an exp()).
        let key = ChronologicalDocids.key(docid: docid)
        if let lastBound, lastBound.key == key { return lastBound.value }
        guard let latest = ChronologicalDocids.latestPublished(docid: docid) else { return nil }
        let value = formula.score(relevance: relevance.commonCeiling, published: latest, qualityRank: qualitySlotRanks?.last ?? 1)
        lastBound = (key, value)
        return value
    }

    /// Like `bound(atOrBelow:)`, for the matches of the same day at or below `docid` only: with
    /// quality slots, they are no better than its slot. Nil without slots.
    func slotBound(atOrBelow docid: Int64) -> Double? {
        guard let qualitySlotRanks else { return nil }
        let slotKey = docid >> ChronologicalDocids.slotSerialBits
        if let lastSlotBound, lastSlotBound.key == slotKey { return lastSlotBound.value }
        guard let latest = ChronologicalDocids.latestPublished(docid: docid) else { return nil }
        let value = formula.score(
            relevance: relevance.commonCeiling, published: latest,
            qualityRank: qualitySlotRanks[ChronologicalDocids.slot(docid: docid)])
        lastSlotBound = (slotKey, value)
        return value
    }

    /// The last day key `bound(atOrBelow:)` worked out, and its bound; the same for a day's slot.
    private var lastBound: (key: Int64, value: Double)?
    private var lastSlotBound: (key: Int64, value: Double)?
}

/// The statement's ranking, made on its first row; nil when `parameters` are not what
/// `RankingFunction.encode` writes. Throws the code of a call to FTS5 that failed.
private func statementRanking(
    _ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer, parameters: OpaquePointer?, pageEnd: Int = 0
) throws(FTS5CallFailure) -> StatementRanking? {
    if let existing = api.pointee.xGetAuxdata(fts, 0) {
        return Unmanaged<StatementRanking>.fromOpaque(existing).takeUnretainedValue()
    }
    let tally = tally(api, fts)
    guard let parameters, let text = sqlite3_value_text(parameters).map({ String(cString: $0) }),
        let decoded = tally?.decoded(text) ?? RankingFunction.decode(text)
    else { return nil }
    let formula = decoded.formula
    // The statements of one ranking share the phrases' statistics (`RankingConnectionState.carry`):
    // counting them walks every match of every phrase, whatever rows the statement reads.
    let relevance: Relevance
    if let carried = tally?.carriedRelevance(parameters: text, phrases: Int(api.pointee.xPhraseCount(fts))) {
        relevance = carried
    } else {
        relevance = try Relevance(
            api: api, fts: fts, weights: formula.parameters.fieldWeights,
            rareLimit: decoded.rarePhraseLimit,
            relativeForOnePhrase: decoded.relativeForOnePhrase, knownCounts: decoded.knownCounts)
        tally?.computedRelevance(relevance, parameters: text)
    }
    let ranking = StatementRanking(
        formula: formula, relevance: relevance, pageEnd: pageEnd, qualitySlotRanks: decoded.qualitySlotRanks)
    tally?.phraseFrequencies = relevance.documentFrequencies
    if relevance.isRelative {
        tally?.relativeScoring = .init(formula: formula, articleCount: relevance.articleCount)
    }
    let pointer = Unmanaged.passRetained(ranking).toOpaque()
    // On failure FTS5 has already called the destructor, which released the reference.
    try FTS5CallFailure.check(
        api.pointee.xSetAuxdata(fts, pointer) { pointer in
            if let pointer { Unmanaged<StatementRanking>.fromOpaque(pointer).release() }
        })
    return ranking
}

/// The connection's `RankingConnectionState`: `newsq_rank`'s user data (nil for `newsq_fields`).
private func tally(_ api: UnsafePointer<Fts5ExtensionApi>, _ fts: OpaquePointer) -> RankingConnectionState? {
    api.pointee.xUserData(fts).map { Unmanaged<RankingConnectionState>.fromOpaque($0).takeUnretainedValue() }
}

private func optionalDouble(_ value: OpaquePointer?) -> Double? {
    guard let value, sqlite3_value_type(value) != SQLITE_NULL else { return nil }
    return sqlite3_value_double(value)
}

private let rankFunction: fts5_extension_function = { api, fts, context, count, values in
    do throws(FTS5CallFailure) {
        try rank(api, fts, context, count, values)
    } catch {
        sqlite3_result_error_code(context, error.code)
    }
}

/// `newsq_rank`'s body; throws the code of a call to FTS5 that failed, for the statement to fail with.
private func rank(
    _ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ context: OpaquePointer?,
    _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?
) throws(FTS5CallFailure) {
    guard let api, let fts, let values, count == 6,
        let ranking = try statementRanking(api, fts, parameters: values[2], pageEnd: Int(sqlite3_value_int64(values[3])))
    else {
        sqlite3_result_error(
            context,
            "newsq_rank(article_fts, published, quality_rank, parameters, page_end, newest_first, known_floor) was called wrongly",
            -1)
        return
    }
    let tally = tally(api, fts)
    tally?.add()
    if ranking.stoppedAt != nil {
        sqlite3_result_null(context)
        return
    }
    let docid = api.pointee.xRowid(fts)
    // The page's floor moves only when a score is added, at the end: one reading serves every check.
    let floor = ranking.floor(known: ranking.page.size > 0 ? optionalDouble(values[5]) : nil)
    if sqlite3_value_int64(values[4]) != 0, let floor, let bound = ranking.bound(atOrBelow: docid), bound < floor {
        ranking.stoppedAt = docid
        tally?.pendingDocids += ranking.relevance.rareDocids(atOrBelow: docid)
        sqlite3_result_null(context)
        return
    }
    // With quality slots, the rest of the day may be left: the caller reads on below it.
    if sqlite3_value_int64(values[4]) != 0, let floor, let bound = ranking.slotBound(atOrBelow: docid), bound < floor {
        let day = ChronologicalDocids.docids(key: ChronologicalDocids.key(docid: docid))
        tally?.pendingDocids += ranking.relevance.rareDocids(atOrBelow: docid).filter { $0 >= day.lowerBound }
        sqlite3_result_text(context, RankingFunction.restOfDayLeft, -1, SQLITE_TRANSIENT_GRDB)
        return
    }
    let published = optionalDouble(values[0])
    let qualityRank = optionalDouble(values[1])
    // Date and quality are at hand; the relevance needs the row's term positions and length.
    // When even the most relevant text could not lift this match onto the page, skip them:
    // the bound is below every score on the page, so the match sorts after it all the same.
    if let floor {
        let ceiling = ranking.ceiling(docid: docid, published: published, qualityRank: qualityRank)
        if ceiling < floor {
            sqlite3_result_double(context, ceiling)
            return
        }
    }
    // Then the row's term frequencies, which bound its relevance whatever its length.
    try ranking.relevance.loadFrequencies(api: api, fts: fts, scratch: ranking.scratch)
    if let floor {
        let bound = ranking.formula.score(
            relevance: ranking.relevance.boundOfLoadedRow(scratch: ranking.scratch),
            published: published, qualityRank: qualityRank)
        if bound < floor {
            sqlite3_result_double(context, bound)
            return
        }
    }
    let relevance = try ranking.relevance.totalOfLoadedRow(api: api, fts: fts, scratch: ranking.scratch)
    let score = ranking.formula.score(relevance: relevance, published: published, qualityRank: qualityRank)
    if ranking.relevance.isRelative {
        tally?.relativeRows[docid] = .init(relevance: relevance, published: published, qualityRank: qualityRank)
    }
    ranking.page.add(score)
    sqlite3_result_double(context, score)
}

private let fieldsFunction: fts5_extension_function = { api, fts, context, count, values in
    do throws(FTS5CallFailure) {
        guard let api, let fts, let values, count == 1,
            let ranking = try statementRanking(api, fts, parameters: values[0])
        else {
            sqlite3_result_error(context, "newsq_fields(article_fts, parameters) was called wrongly", -1)
            return
        }
        let fields = try ranking.relevance.fields(api: api, fts: fts, scratch: ranking.scratch)
        sqlite3_result_text(context, fields.map { String($0) }.joined(separator: ","), -1, SQLITE_TRANSIENT_GRDB)
    } catch {
        sqlite3_result_error_code(context, error.code)
    }
}

/// SQLite's SQLITE_TRANSIENT, which Swift cannot import as a macro.
private let SQLITE_TRANSIENT_GRDB = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
