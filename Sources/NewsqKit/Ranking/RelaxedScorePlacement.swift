import Foundation

/// Places relaxed matches' scores below every full match's, keeping their order, so that the
/// scores of a hit list never rise from one hit to the next and ordering by score (as
/// trec_eval does) gives newsq's ranking.
///
/// A relaxed match ranks after every full match, yet its own score, the formula over the words
/// it holds, can be higher than the last full match's. Each relaxed score `s` becomes
/// `c·s / (s + c)`, where `c` is the lowest score of any full match: always below `c`, and
/// growing with `s`, so the relaxed matches keep their order. `c` is the lowest of all full
/// matches, not of a page, so a hit has the same score on every page.
///
/// For example, with full matches down to 0.619, relaxed scores 0.801 and 0.626 become
/// 0.349 and 0.311.
public struct RelaxedScorePlacement: Sendable, Equatable {
    /// The lowest score of a full match; nil when no article matches every word, and then
    /// relaxed scores are kept as they are.
    public let ceiling: Double?

    public init(ceiling: Double?) {
        self.ceiling = ceiling
    }

    /// The score a relaxed match shows.
    public func score(_ score: Double) -> Double {
        guard let ceiling else { return score }
        guard ceiling > 0, score >= 0 else { return min(score, ceiling) }
        return ceiling * score / (score + ceiling)
    }

    /// `explanation` (of the relaxed match's own score) under a node that shows the placement.
    public func explain(_ explanation: ScoreExplanation) -> ScoreExplanation {
        guard let ceiling else { return explanation }
        var own = explanation
        own.name = "relaxed score"
        return ScoreExplanation(
            name: "score", value: score(explanation.value),
            detail: String(
                format: "relaxed match, placed below every full match: c·s/(s + c), s = %.4f, c = %.4f (the lowest full match)",
                explanation.value, ceiling),
            children: [own])
    }
}
