import Foundation

/// The knobs of newsq's ranking formula (see `RankingFormula`), with defaults.
public struct RankingParameters: Sendable, Equatable, Codable {
    /// bm25 weight of each searchable field: a match in the title counts most. Tuned on the
    /// development sets of `scripts/eval` (EVALUATION.md): title 5 beat 10, 3 and 2, and an
    /// excerpt weighted like the body beat 1.5, 2 and 5, because excerpts repeat the body's
    /// opening and weighting them counts those words twice.
    public var titleWeight = 5.0
    public var excerptWeight = 1.0
    public var bodyWeight = 1.0
    public var topicsWeight = 3.0
    public var providerWeight = 2.0
    public var relatedWeight = 1.5

    /// α: the share of the score that never decays, so an old but very relevant article still ranks.
    public var recencyFloor = 0.3
    /// Age at which the decay reaches `recencyDecay`, counted after `recencyOffsetDays`.
    public var recencyScaleDays = 365.0
    /// Articles younger than this are all equally fresh.
    public var recencyOffsetDays = 7.0
    /// The decay's value at `recencyOffsetDays + recencyScaleDays`.
    public var recencyDecay = 0.5
    /// β: how much the best-quality article gains over the worst (1 + β at most).
    public var qualityBoost = 0.5

    public init() {}

    /// Field weights in the FTS5 column order: title, excerpt, body, topics, provider, related.
    public var fieldWeights: [Double] {
        [titleWeight, excerptWeight, bodyWeight, topicsWeight, providerWeight, relatedWeight]
    }

    /// The knobs `set(_:to:)` knows, by name.
    public static let knobNames = [
        "titleWeight", "excerptWeight", "bodyWeight", "topicsWeight", "providerWeight", "relatedWeight",
        "recencyFloor", "recencyScaleDays", "recencyOffsetDays", "recencyDecay", "qualityBoost",
    ]

    /// Sets the knob called `name`; returns false when there is no such knob.
    public mutating func set(_ name: String, to value: Double) -> Bool {
        switch name {
        case "titleWeight": titleWeight = value
        case "excerptWeight": excerptWeight = value
        case "bodyWeight": bodyWeight = value
        case "topicsWeight": topicsWeight = value
        case "providerWeight": providerWeight = value
        case "relatedWeight": relatedWeight = value
        case "recencyFloor": recencyFloor = value
        case "recencyScaleDays": recencyScaleDays = value
        case "recencyOffsetDays": recencyOffsetDays = value
        case "recencyDecay": recencyDecay = value
        case "qualityBoost": qualityBoost = value
        default: return false
        }
        return true
    }
}
