import GRDBSQLite

/// What bm25 knows of the index and of a query's phrases, gathered once per statement: from
/// FTS5, or for a phrase whose count `TermStatistics` keeps, from that count. `Bm25Weight` does
/// the arithmetic; `Relevance` puts the two together.
struct Bm25Statistics {
    /// The number of articles, as the idf counts them.
    let articleCount: Double
    /// The average row length in tokens, all fields together.
    let averageLength: Double
    /// Per phrase of the query.
    let inverseDocumentFrequencies: [Double]
    /// Per phrase of the query: the articles that hold it.
    let documentFrequencies: [Int]
    /// Per phrase, the docids of the articles that hold it, ascending, for a phrase that at
    /// most `rareLimit` articles hold; nil for a commoner one.
    let rareDocids: [[Int64]?]
    /// Whether the idf was taken as 1 (`relativeForOnePhrase`): every relevance is then the
    /// true one divided by the phrase's idf.
    let isRelative: Bool

    /// The most articles a phrase may be in for `rareDocids` to list them, by default.
    static let rareLimit = 2_048

    /// The number of articles that hold a phrase, and the number of articles in all, as
    /// `TermStatistics` took them.
    struct KnownCount: Equatable {
        let articles: Int
        let holding: Int
    }

    /// Reads the statistics of the statement's query from FTS5.
    ///
    /// With `relativeForOnePhrase`, a query of one phrase is scored with an idf of 1 instead
    /// of counting the phrase's articles: its relevance is then relative, the true one divided
    /// by the idf (see `ConcurrentPhraseCount`). A query of more phrases counts them, except
    /// those with a `knownCounts` entry (per phrase, in FTS5's order), whose idf comes from it.
    /// Throws the code of a call to FTS5 that failed (a damaged page, an I/O error).
    static func read(
        api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, rareLimit: Int = Self.rareLimit,
        relativeForOnePhrase: Bool = false, knownCounts: [KnownCount?] = []
    ) throws(FTS5CallFailure) -> Bm25Statistics {
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        try FTS5CallFailure.check(api.pointee.xRowCount(fts, &rows))
        try FTS5CallFailure.check(api.pointee.xColumnTotalSize(fts, -1, &tokens))
        let articleCount = Double(max(rows, 1))
        let isRelative = relativeForOnePhrase && api.pointee.xPhraseCount(fts) == 1
        var frequencies: [Double] = []
        var counts: [Int] = []
        var rare: [[Int64]?] = []
        for phrase in 0..<api.pointee.xPhraseCount(fts) where !isRelative {
            // A phrase in more articles than `rareLimit` lists none, so its count is all it needs.
            if knownCounts.indices.contains(Int(phrase)), let known = knownCounts[Int(phrase)], known.holding > rareLimit {
                counts.append(known.holding)
                rare.append(nil)
                frequencies.append(
                    Bm25Weight.inverseDocumentFrequency(articles: Double(max(known.articles, 1)), holding: known.holding))
                continue
            }
            var tally = PhraseTally(limit: rareLimit)
            // xQueryPhrase visits every row holding the phrase: its document frequency. (A struct
            // behind a pointer: a class would cost a retain and an access check a row.)
            let status = withUnsafeMutablePointer(to: &tally) { tally in
                api.pointee.xQueryPhrase(fts, phrase, tally) { api, fts, tally in
                    guard let api, let fts, let tally else { return SQLITE_ERROR }
                    tally.assumingMemoryBound(to: PhraseTally.self).pointee.add(api.pointee.xRowid(fts))
                    return SQLITE_OK
                }
            }
            try FTS5CallFailure.check(status)
            counts.append(tally.count)
            rare.append(tally.docids?.sorted())
            frequencies.append(Bm25Weight.inverseDocumentFrequency(articles: articleCount, holding: tally.count))
        }
        if isRelative {
            frequencies = [1]
            rare = [nil]
        }
        return Bm25Statistics(
            articleCount: articleCount, averageLength: max(Double(tokens) / articleCount, 1),
            inverseDocumentFrequencies: frequencies, documentFrequencies: counts, rareDocids: rare,
            isRelative: isRelative)
    }
}

/// Counts a phrase's rows for `Bm25Statistics`, and lists them while they are few.
private struct PhraseTally {
    let limit: Int
    var count = 0
    var docids: [Int64]? = []

    init(limit: Int) { self.limit = limit }

    mutating func add(_ docid: Int64) {
        count += 1
        guard docids != nil else { return }
        if count > limit { docids = nil } else { docids!.append(docid) }
    }
}
