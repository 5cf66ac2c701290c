import Testing
@testable import NewsqKit

/// The bounds a ranking skips rows with never fall below a score it skips: on random statistics,
/// frequencies and lengths, every bound is at least the exact relevance.
@Suite struct Bm25BoundTests {
    /// SplitMix64: a seeded generator, so a failure can be run again.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct Case {
        let relevance: Relevance
        let scratch: RelevanceScratch
        let length: Int32
        let docid: Int64
    }

    /// A query of up to five phrases over up to six fields, some phrases rare, and one row.
    static func randomCase(_ random: inout SeededGenerator) -> Case {
        let phrases = Int.random(in: 1...5, using: &random)
        let columns = Int.random(in: 1...6, using: &random)
        let articles = Double(Int.random(in: 1...2_000_000, using: &random))
        let weights = (0..<columns).map { _ in [0, 0.5, 1, 2, 5, 10, 100].randomElement(using: &random)! }
        let docid = Int64.random(in: 1...1_000_000, using: &random)
        var holding: [Int] = [], rare: [[Int64]?] = []
        for _ in 0..<phrases {
            let count = Int.random(in: 0...Int(articles), using: &random)
            holding.append(count)
            if Bool.random(using: &random) {
                var docids = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                    Int64.random(in: 1...1_000_000, using: &random)
                }
                if Bool.random(using: &random) { docids.append(docid) }
                rare.append(docids.sorted())
            } else {
                rare.append(nil)
            }
        }
        let statistics = Bm25Statistics(
            articleCount: articles, averageLength: Double.random(in: 1...5_000, using: &random),
            inverseDocumentFrequencies: holding.map { Bm25Weight.inverseDocumentFrequency(articles: articles, holding: $0) },
            documentFrequencies: holding, rareDocids: rare, isRelative: false)
        let scratch = RelevanceScratch(phrases: phrases, columns: columns)
        for phrase in 0..<phrases {
            // A rare phrase is found only in the rows it lists.
            if let docids = rare[phrase], !docids.sortedContains(docid) { continue }
            for column in 0..<columns where Int.random(in: 0...2, using: &random) > 0 {
                scratch.frequencies[phrase * columns + column] = weights[column] * Double(Int.random(in: 1...50, using: &random))
            }
        }
        return Case(
            relevance: Relevance(statistics: statistics, weights: weights), scratch: scratch,
            length: Int32.random(in: 0...100_000, using: &random), docid: docid)
    }

    @Test(arguments: [1, 7, 42, 2026])
    func everyBoundIsAtLeastTheExactScore(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        for _ in 0..<2_000 {
            let sample = Self.randomCase(&random)
            let relevance = sample.relevance
            let exact = relevance.score(length: sample.length, scratch: sample.scratch, fields: nil)
            #expect(exact >= 0)
            #expect(relevance.ceiling >= exact)
            #expect(relevance.ceiling(docid: sample.docid) >= exact)
            #expect(relevance.boundOfLoadedRow(scratch: sample.scratch) >= exact)
            let holdsARarePhrase = relevance.rareDocids.contains { $0?.sortedContains(sample.docid) == true }
            if !holdsARarePhrase { #expect(relevance.commonCeiling >= exact) }
        }
    }

    @Test(arguments: [3, 11])
    func aPhraseScoresBelowItsCeilingAtEveryLength(seed: UInt64) {
        var random = SeededGenerator(state: seed)
        for _ in 0..<5_000 {
            let articles = Int.random(in: 1...1_000_000, using: &random)
            let idf = Bm25Weight.inverseDocumentFrequency(
                articles: Double(articles), holding: Int.random(in: 0...articles, using: &random))
            let weighted = Double.random(in: 0...10_000, using: &random)
            let normalization = Bm25Weight.normalization(
                length: Int32.random(in: 0...1_000_000, using: &random),
                averageLength: Double.random(in: 1...10_000, using: &random))
            let exact = Bm25Weight.phraseScore(idf: idf, weighted: weighted, normalization: normalization)
            #expect(normalization >= Bm25Weight.lowestNormalization)
            #expect(Bm25Weight.ceiling(idfTotal: idf) >= exact)
            #expect(
                Bm25Weight.raised(
                    Bm25Weight.phraseScore(
                        idf: idf, weighted: weighted,
                        normalization: Bm25Weight.lowestNormalization)) >= exact)
        }
    }
}
