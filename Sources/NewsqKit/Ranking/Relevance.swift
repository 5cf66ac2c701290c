import Foundation
import GRDBSQLite

/// newsq's bm25 over the fields of `article_fts`: the statistics of a statement's query
/// (`Bm25Statistics`) and the field weights, scored with `Bm25Weight`'s arithmetic against the
/// frequencies FTS5 gives for each row, with the bounds that let a ranking skip rows.
///
/// It runs once per matching row, for every match of a query: it allocates nothing per row
/// (the term frequencies go to a buffer made once per statement, see `RelevanceScratch`).
struct Relevance {
    typealias KnownCount = Bm25Statistics.KnownCount

    /// The most articles a phrase may be in for `rareDocids` to list them, by default.
    static let rareLimit = Bm25Statistics.rareLimit

    let weights: [Double]
    let statistics: Bm25Statistics
    /// The most relevance any row can have (`Bm25Weight.ceiling`).
    let ceiling: Double
    /// The most relevance a row can have from the phrases that are not rare: a row without
    /// any rare phrase has at most this (see `ceiling(docid:)`).
    let commonCeiling: Double

    /// Per phrase of the query.
    var inverseDocumentFrequencies: [Double] { statistics.inverseDocumentFrequencies }
    /// Per phrase of the query: the articles that hold it.
    var documentFrequencies: [Int] { statistics.documentFrequencies }
    /// Per phrase, the docids of the articles that hold it, for a rare phrase (`Bm25Statistics`).
    var rareDocids: [[Int64]?] { statistics.rareDocids }
    var averageLength: Double { statistics.averageLength }
    /// The number of articles, as the idf counts them.
    var articleCount: Double { statistics.articleCount }
    /// Whether the idf was taken as 1: every relevance is then the true one divided by the idf.
    var isRelative: Bool { statistics.isRelative }

    init(statistics: Bm25Statistics, weights: [Double]) {
        self.statistics = statistics
        self.weights = weights
        let frequencies = statistics.inverseDocumentFrequencies
        ceiling = Bm25Weight.ceiling(idfTotal: frequencies.reduce(0, +))
        commonCeiling = Bm25Weight.ceiling(
            idfTotal: zip(frequencies, statistics.rareDocids).reduce(0) { $0 + ($1.1 == nil ? $1.0 : 0) })
    }

    /// The relevance of the statement's query, its statistics read from FTS5 (`Bm25Statistics.read`).
    /// Throws the code of a call to FTS5 that failed (a damaged page, an I/O error).
    init(
        api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, weights: [Double], rareLimit: Int = Relevance.rareLimit,
        relativeForOnePhrase: Bool = false, knownCounts: [KnownCount?] = []
    ) throws(FTS5CallFailure) {
        self.init(
            statistics: try Bm25Statistics.read(
                api: api, fts: fts, rareLimit: rareLimit,
                relativeForOnePhrase: relativeForOnePhrase, knownCounts: knownCounts),
            weights: weights)
    }

    /// The most relevance the row `docid` can have: a rare phrase counts only where it is.
    func ceiling(docid: Int64) -> Double {
        guard commonCeiling < ceiling else { return ceiling }
        var total = 0.0
        for (phrase, docids) in rareDocids.enumerated() where docids == nil || docids!.sortedContains(docid) {
            total += inverseDocumentFrequencies[phrase]
        }
        return Bm25Weight.ceiling(idfTotal: total)
    }

    /// The docids at or below `docid` that hold a rare phrase, descending.
    func rareDocids(atOrBelow docid: Int64) -> [Int64] {
        Set(rareDocids.lazy.compactMap { $0 }.joined().filter { $0 <= docid }).sorted(by: >)
    }

    /// The current row's relevance per field, in FTS5 column order; they add up to its
    /// `totalOfLoadedRow`.
    func fields(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, scratch: RelevanceScratch) throws(FTS5CallFailure)
        -> [Double]
    {
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
    func loadFrequencies(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, scratch: RelevanceScratch)
        throws(FTS5CallFailure)
    {
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
        Bm25Weight.raised(sum(scratch: scratch, normalization: Bm25Weight.lowestNormalization, fields: nil))
    }

    /// The loaded row's relevance.
    func totalOfLoadedRow(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, scratch: RelevanceScratch)
        throws(FTS5CallFailure) -> Double
    {
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

    /// The loaded row's total for a row of `length` tokens, and with `fields` each field's share
    /// of it. One code path for both, so the ranking and `--explain` can never disagree.
    func score(length: Int32, scratch: RelevanceScratch, fields: UnsafeMutableBufferPointer<Double>?) -> Double {
        guard !inverseDocumentFrequencies.isEmpty else { return 0 }
        return sum(
            scratch: scratch, normalization: Bm25Weight.normalization(length: length, averageLength: averageLength),
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
            let contribution = Bm25Weight.phraseScore(
                idf: inverseDocumentFrequencies[phrase], weighted: weighted, normalization: normalization)
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
