import Foundation

/// The stronger recency used when the user asks for recent articles (`newsq search --recent`, a
/// batch line's `"recent": true`, `/api/search?recent=true`).
///
/// By default recency only breaks near-ties (`RankingParameters`); a user who asks for recent
/// articles accepts losing some relevance for a fresher page, so the floor α is lower and the
/// decay faster. Knobs already stronger (set with `--rank` or the configuration file) are kept.
public enum RecencySignal {
    /// α when recency is asked for.
    public static let recencyFloor = 0.3
    /// The decay's scale in days when recency is asked for.
    public static let recencyScaleDays = 365.0

    /// `parameters` with recency at least as strong as the asked-for knobs.
    public static func strengthened(_ parameters: RankingParameters) -> RankingParameters {
        var strengthened = parameters
        strengthened.recencyFloor = min(parameters.recencyFloor, recencyFloor)
        strengthened.recencyScaleDays = min(parameters.recencyScaleDays, recencyScaleDays)
        return strengthened
    }

    /// `formula` with recency asked for, measured from the same instant.
    public static func strengthened(_ formula: RankingFormula) -> RankingFormula {
        RankingFormula(parameters: strengthened(formula.parameters), now: formula.now)
    }
}
