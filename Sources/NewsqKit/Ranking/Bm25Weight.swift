import Foundation

/// Okapi BM25's arithmetic, apart from where its statistics come from (`Bm25Statistics`):
/// pure functions of numbers, so that the scores and the bounds used to skip rows can be checked
/// against each other on any input.
///
/// It is bm25 as FTS5's `bm25()` computes it (k1 = 1.2, b = 0.75, field weights applied to term
/// frequencies) with one change: the inverse document frequency is Lucene's
/// `ln(1 + (N − n + 0.5) / (n + 0.5))`, which stays positive. FTS5's own idf falls to almost
/// zero for a word in more than half the articles, and then every article scores the same.
enum Bm25Weight {
    static let k1 = 1.2
    static let b = 0.75

    /// The share by which every bound is raised, so that rounding in a score's sum can never put
    /// it above a bound computed in another order.
    static let roundingMargin = 1e-9

    /// Lucene's idf of a phrase that `holding` of `articles` articles hold.
    static func inverseDocumentFrequency(articles: Double, holding: Int) -> Double {
        let n = Double(holding)
        return log(1 + (articles - n + 0.5) / (n + 0.5))
    }

    /// The length normalization of a row of `length` tokens, in an index whose rows have
    /// `averageLength` tokens on average.
    static func normalization(length: Int32, averageLength: Double) -> Double {
        k1 * (1 - b + b * Double(length) / averageLength)
    }

    /// The least normalization any row can have (a row of no tokens): a bound that holds at
    /// every length uses it.
    static let lowestNormalization = k1 * (1 - b)

    /// What one phrase of inverse document frequency `idf` adds, found with the weighted
    /// frequency `weighted` in a row of normalization `normalization`. The idf multiplies last:
    /// with one phrase, the relevance at an idf of 1 times the idf is then exactly this (see
    /// `ConcurrentPhraseCount`).
    static func phraseScore(idf: Double, weighted: Double, normalization: Double) -> Double {
        idf * (weighted * (k1 + 1) / (weighted + normalization))
    }

    /// The most a row can score from phrases whose idfs add up to `idfTotal`: a phrase adds less
    /// than idf · (k1 + 1) whatever its frequency and the row's length, since the normalization
    /// is at least k1(1 − b) > 0.
    static func ceiling(idfTotal: Double) -> Double {
        raised(idfTotal * (k1 + 1))
    }

    /// `bound`, raised by the rounding margin.
    static func raised(_ bound: Double) -> Double {
        bound * (1 + roundingMargin)
    }
}
