import Foundation
import GRDBSQLite

/// newsq's bm25 over the fields of `article_fts`, computed from FTS5's per-row statistics.
///
/// It is Okapi BM25 as FTS5's `bm25()` computes it (k1 = 1.2, b = 0.75, field weights applied
/// to term frequencies) with one change: the inverse document frequency is Lucene's
/// `ln(1 + (N − n + 0.5) / (n + 0.5))`, which stays positive. FTS5's own idf falls to almost
/// zero for a word in more than half the articles, and then every article scores the same.
///
/// It runs once per matching row, for every match of a query: it allocates nothing per row
/// (the term frequencies go to a buffer made once per statement, see `RelevanceScratch`).
struct Relevance {
    static let k1 = 1.2
    static let b = 0.75

    let weights: [Double]
    /// Per phrase of the query.
    let inverseDocumentFrequencies: [Double]
    /// Per phrase of the query: the articles that hold it.
    let documentFrequencies: [Int]
    let averageLength: Double
    /// The most relevance any row can have. A phrase adds idf · W(k1 + 1) / (W + norm), with
    /// norm ≥ k1(1 − b) > 0, which stays below idf · (k1 + 1) whatever its weighted frequency W
    /// and the row's length; the margin covers rounding.
    let ceiling: Double
    /// Per phrase, the docids of the articles that hold it, ascending, for a phrase that at
    /// most `rareLimit` articles hold; nil for a commoner one.
    let rareDocids: [[Int64]?]
    /// The most relevance a row can have from the phrases that are not rare: a row without
    /// any rare phrase has at most this (see `ceiling(docid:)`).
    let commonCeiling: Double
    /// The most articles a phrase may be in for `rareDocids` to list them, by default.
    static let rareLimit = 2_048

    /// The number of articles, as the idf counts them.
    let articleCount: Double
    /// Whether the idf was taken as 1 (`relativeForOnePhrase`): every relevance is then the
    /// true one divided by the phrase's idf.
    let isRelative: Bool

    /// The number of articles that hold a phrase, and the number of articles in all, as
    /// `TermStatistics` took them.
    struct KnownCount: Equatable {
        let articles: Int
        let holding: Int
    }

    /// With `relativeForOnePhrase`, a query of one phrase is scored with an idf of 1 instead
    /// of counting the phrase's articles: its relevance is then relative, the true one divided
    /// by the idf (see `ConcurrentPhraseCount`). A query of more phrases counts them, except
    /// those with a `knownCounts` entry (per phrase, in FTS5's order), whose idf comes from it.
    /// Throws the code of a call to FTS5 that failed (a damaged page, an I/O error).
    init(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, weights: [Double], rareLimit: Int = Relevance.rareLimit,
         relativeForOnePhrase: Bool = false, knownCounts: [KnownCount?] = []) throws(FTS5CallFailure) {
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        try FTS5CallFailure.check(api.pointee.xRowCount(fts, &rows))
        try FTS5CallFailure.check(api.pointee.xColumnTotalSize(fts, -1, &tokens))
        let articleCount = Double(max(rows, 1))
        self.articleCount = articleCount
        isRelative = relativeForOnePhrase && api.pointee.xPhraseCount(fts) == 1
        var frequencies: [Double] = []
        var counts: [Int] = []
        var rare: [[Int64]?] = []
        for phrase in 0..<api.pointee.xPhraseCount(fts) where !isRelative {
            // A phrase in more articles than `rareLimit` lists none, so its count is all it needs.
            if knownCounts.indices.contains(Int(phrase)), let known = knownCounts[Int(phrase)], known.holding > rareLimit {
                counts.append(known.holding)
                rare.append(nil)
                frequencies.append(Self.inverseDocumentFrequency(articles: Double(max(known.articles, 1)), holding: known.holding))
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
            frequencies.append(Self.inverseDocumentFrequency(articles: articleCount, holding: tally.count))
        }
        if isRelative {
            frequencies = [1]
            rare = [nil]
        }
        self.weights = weights
        inverseDocumentFrequencies = frequencies
        documentFrequencies = counts
        rareDocids = rare
        averageLength = max(Double(tokens) / articleCount, 1)
        ceiling = frequencies.reduce(0, +) * (Self.k1 + 1) * (1 + 1e-9)
        commonCeiling = zip(frequencies, rare).reduce(0) { $0 + ($1.1 == nil ? $1.0 : 0) } * (Self.k1 + 1) * (1 + 1e-9)
    }

    /// Lucene's idf of a phrase that `holding` of `articles` articles hold.
    static func inverseDocumentFrequency(articles: Double, holding: Int) -> Double {
        let n = Double(holding)
        return log(1 + (articles - n + 0.5) / (n + 0.5))
    }

    /// The most relevance the row `docid` can have: a rare phrase counts only where it is.
    func ceiling(docid: Int64) -> Double {
        guard commonCeiling < ceiling else { return ceiling }
        var total = 0.0
        for (phrase, docids) in rareDocids.enumerated() where docids == nil || docids!.sortedContains(docid) {
            total += inverseDocumentFrequencies[phrase]
        }
        return total * (Self.k1 + 1) * (1 + 1e-9)
    }

    /// The docids at or below `docid` that hold a rare phrase, descending.
    func rareDocids(atOrBelow docid: Int64) -> [Int64] {
        Set(rareDocids.lazy.compactMap { $0 }.joined().filter { $0 <= docid }).sorted(by: >)
    }

    /// The current row's relevance per field, in FTS5 column order; they add up to its
    /// `totalOfLoadedRow`.
    func fields(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, scratch: RelevanceScratch) throws(FTS5CallFailure) -> [Double] {
        var fields = [Double](repeating: 0, count: weights.count)
        try loadFrequencies(api: api, fts: fts, scratch: scratch)
        let length = try rowLength(api: api, fts: fts)
        fields.withUnsafeMutableBufferPointer { fields in
            _ = score(length: length, scratch: scratch, fields: fields)
        }
        return fields
    }

    /// Reads the current row's weighted term frequency per phrase and field into `scratch`, for
    /// `boundOfLoadedRow` and `totalOfLoadedRow`.
    func loadFrequencies(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, scratch: RelevanceScratch) throws(FTS5CallFailure) {
        let phrases = inverseDocumentFrequencies.count
        let columns = weights.count
        let frequency = scratch.frequencies
        frequency.update(repeating: 0)
        var instances: Int32 = 0
        try FTS5CallFailure.check(api.pointee.xInstCount(fts, &instances))
        for instance in 0..<instances {
            var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
            try FTS5CallFailure.check(api.pointee.xInst(fts, instance, &phrase, &column, &offset))
            guard Int(phrase) < phrases, Int(column) < columns else { continue }
            frequency[Int(phrase) * columns + Int(column)] += weights[Int(column)]
        }
    }

    /// The most relevance the loaded row could have at any length: its length only enters
    /// through the normalization, which is at least k1(1 − b). Reading the length costs a
    /// lookup a row, which a match that cannot reach the page is spared.
    func boundOfLoadedRow(scratch: RelevanceScratch) -> Double {
        sum(scratch: scratch, normalization: Self.k1 * (1 - Self.b), fields: nil) * (1 + 1e-9)
    }

    /// The loaded row's relevance.
    func totalOfLoadedRow(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, scratch: RelevanceScratch) throws(FTS5CallFailure) -> Double {
        score(length: try rowLength(api: api, fts: fts), scratch: scratch, fields: nil)
    }

    /// The current row's length in tokens, all fields together (0 for a query without phrases,
    /// which never reads it). A failed read is thrown: a length of 0 would overrate the row.
    private func rowLength(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer) throws(FTS5CallFailure) -> Int32 {
        guard !inverseDocumentFrequencies.isEmpty else { return 0 }
        var length: Int32 = 0
        try FTS5CallFailure.check(api.pointee.xColumnSize(fts, -1, &length))
        return length
    }

    /// The loaded row's total, and with `fields` each field's share of it. One code path for
    /// both, so the ranking and `--explain` can never disagree.
    private func score(length: Int32, scratch: RelevanceScratch, fields: UnsafeMutableBufferPointer<Double>?) -> Double {
        guard !inverseDocumentFrequencies.isEmpty else { return 0 }
        return sum(scratch: scratch, normalization: Self.k1 * (1 - Self.b + Self.b * Double(length) / averageLength),
                   fields: fields)
    }

    /// bm25 over the loaded frequencies: each phrase adds idf · W(k1 + 1) / (W + normalization),
    /// W its weighted frequency; with `fields`, each field's share of it is added there too.
    private func sum(scratch: RelevanceScratch, normalization: Double, fields: UnsafeMutableBufferPointer<Double>?) -> Double {
        let columns = weights.count
        let frequency = scratch.frequencies
        var total = 0.0
        for phrase in inverseDocumentFrequencies.indices {
            let first = phrase * columns
            var weighted = 0.0
            for column in 0..<columns { weighted += frequency[first + column] }
            guard weighted > 0 else { continue }
            // The idf multiplies last: with one phrase, the relevance at an idf of 1 times the
            // idf is then exactly this (see `ConcurrentPhraseCount`).
            let contribution = inverseDocumentFrequencies[phrase] * (weighted * (Self.k1 + 1) / (weighted + normalization))
            total += contribution
            if let fields {
                for column in 0..<columns where frequency[first + column] > 0 {
                    fields[column] += contribution * frequency[first + column] / weighted
                }
            }
        }
        return total
    }
}

/// Counts a phrase's rows for `Relevance`, and lists them while they are few.
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

extension Array where Element == Int64 {
    /// Whether the ascending array holds `value` (a binary search).
    func sortedContains(_ value: Int64) -> Bool {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < endIndex && self[low] == value
    }
}

/// The per-phrase, per-field term frequencies of the row being scored: made once per
/// statement and reused for every row, so scoring a match allocates nothing.
final class RelevanceScratch {
    let frequencies: UnsafeMutableBufferPointer<Double>

    init(phrases: Int, columns: Int) {
        frequencies = .allocate(capacity: max(phrases * columns, 1))
        frequencies.initialize(repeating: 0)
    }

    deinit { frequencies.deallocate() }
}
