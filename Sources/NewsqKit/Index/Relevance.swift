import Foundation
import GRDBSQLite

/// newsq's bm25 over the fields of `article_fts`, computed from FTS5's per-row statistics.
///
/// It is Okapi BM25 as FTS5's `bm25()` computes it (k1 = 1.2, b = 0.75, field weights applied
/// to term frequencies) with one change: the inverse document frequency is Lucene's
/// `ln(1 + (N − n + 0.5) / (n + 0.5))`, which stays positive. FTS5's own idf falls to almost
/// zero for a word in more than half the articles, and then every article scores the same.
struct Relevance {
    static let k1 = 1.2
    static let b = 0.75

    let weights: [Double]
    /// Per phrase of the query.
    let inverseDocumentFrequencies: [Double]
    let averageLength: Double

    init?(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer, weights: [Double]) {
        var rows: sqlite3_int64 = 0
        var tokens: sqlite3_int64 = 0
        guard api.pointee.xRowCount(fts, &rows) == SQLITE_OK,
              api.pointee.xColumnTotalSize(fts, -1, &tokens) == SQLITE_OK else { return nil }
        let articleCount = Double(max(rows, 1))
        var frequencies: [Double] = []
        for phrase in 0..<api.pointee.xPhraseCount(fts) {
            var matching: Int = 0
            // xQueryPhrase visits every row holding the phrase: its document frequency.
            let status = withUnsafeMutablePointer(to: &matching) { counter in
                api.pointee.xQueryPhrase(fts, phrase, counter) { _, _, counter in
                    counter?.assumingMemoryBound(to: Int.self).pointee += 1
                    return SQLITE_OK
                }
            }
            guard status == SQLITE_OK else { return nil }
            let n = Double(matching)
            frequencies.append(log(1 + (articleCount - n + 0.5) / (n + 0.5)))
        }
        self.weights = weights
        inverseDocumentFrequencies = frequencies
        averageLength = max(Double(tokens) / articleCount, 1)
    }

    /// The current row's relevance, in total and per field (the fields add up to the total).
    func score(api: UnsafePointer<Fts5ExtensionApi>, fts: OpaquePointer) -> (total: Double, fields: [Double]) {
        let phrases = inverseDocumentFrequencies.count
        var fields = [Double](repeating: 0, count: weights.count)
        guard phrases > 0 else { return (0, fields) }
        var length: Int32 = 0
        _ = api.pointee.xColumnSize(fts, -1, &length)
        var instances: Int32 = 0
        _ = api.pointee.xInstCount(fts, &instances)
        // Weighted term frequency per phrase and field.
        var frequency = [Double](repeating: 0, count: phrases * weights.count)
        for instance in 0..<instances {
            var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
            guard api.pointee.xInst(fts, instance, &phrase, &column, &offset) == SQLITE_OK,
                  Int(phrase) < phrases, Int(column) < weights.count else { continue }
            frequency[Int(phrase) * weights.count + Int(column)] += weights[Int(column)]
        }
        let normalization = Self.k1 * (1 - Self.b + Self.b * Double(length) / averageLength)
        var total = 0.0
        for phrase in 0..<phrases {
            let row = frequency[(phrase * weights.count)..<((phrase + 1) * weights.count)]
            let weighted = row.reduce(0, +)
            guard weighted > 0 else { continue }
            let contribution = inverseDocumentFrequencies[phrase] * weighted * (Self.k1 + 1) / (weighted + normalization)
            total += contribution
            for (field, value) in row.enumerated() where value > 0 {
                fields[field] += contribution * value / weighted
            }
        }
        return (total, fields)
    }
}
