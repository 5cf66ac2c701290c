import Foundation

/// The standard measures of a ranked list against judgments, as trec_eval computes them.
public struct RankingMetrics: Sendable, Equatable, Codable {
    /// Normalized discounted cumulative gain of the first 10 (graded: gain 2^grade − 1).
    public var ndcgAt10: Double
    /// Average precision over the whole list (MAP when averaged over queries).
    public var averagePrecision: Double
    /// Share of the relevant articles found in the first 100.
    public var recallAt100: Double
    /// 1 / rank of the first relevant article within the first 10, else 0.
    public var reciprocalRankAt10: Double
    /// Share of relevant articles among the first 10.
    public var precisionAt10: Double

    public static let names = ["nDCG@10", "MAP", "Recall@100", "MRR@10", "P@10"]

    public var values: [Double] { [ndcgAt10, averagePrecision, recallAt100, reciprocalRankAt10, precisionAt10] }

    /// Measures `ranking` (article ids, best first) against `grades` (relevant ids and grades).
    public init(ranking: [String], grades: [String: Int]) {
        let relevant = grades.filter { $0.value > 0 }
        var found = 0
        var precisionSum = 0.0
        var firstRelevant: Int?
        var dcg = 0.0
        for (index, id) in ranking.enumerated() {
            guard let grade = relevant[id] else { continue }
            found += 1
            precisionSum += Double(found) / Double(index + 1)
            if firstRelevant == nil { firstRelevant = index + 1 }
            if index < 10 { dcg += (pow(2, Double(grade)) - 1) / log2(Double(index + 2)) }
        }
        let ideal = relevant.values.sorted(by: >).prefix(10).enumerated()
            .reduce(0.0) { $0 + (pow(2, Double($1.element)) - 1) / log2(Double($1.offset + 2)) }
        ndcgAt10 = ideal > 0 ? dcg / ideal : 0
        averagePrecision = relevant.isEmpty ? 0 : precisionSum / Double(relevant.count)
        recallAt100 =
            relevant.isEmpty ? 0 : Double(ranking.prefix(100).filter { relevant[$0] != nil }.count) / Double(relevant.count)
        reciprocalRankAt10 = firstRelevant.map { $0 <= 10 ? 1 / Double($0) : 0 } ?? 0
        precisionAt10 = Double(ranking.prefix(10).filter { relevant[$0] != nil }.count) / 10
    }

    init(values: [Double]) {
        ndcgAt10 = values[0]
        averagePrecision = values[1]
        recallAt100 = values[2]
        reciprocalRankAt10 = values[3]
        precisionAt10 = values[4]
    }

    /// The mean of each measure over `all`.
    public static func mean(_ all: [RankingMetrics]) -> RankingMetrics {
        guard !all.isEmpty else { return RankingMetrics(values: [0, 0, 0, 0, 0]) }
        let sums = all.reduce([0.0, 0, 0, 0, 0]) { sums, metrics in zip(sums, metrics.values).map(+) }
        return RankingMetrics(values: sums.map { $0 / Double(all.count) })
    }
}
