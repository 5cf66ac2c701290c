import Foundation

/// newsq's score: text relevance scaled by recency and quality.
///
///     score = R · (α + (1 − α) · G(age)) · (1 + β · q̂)
///
/// - R: the relevance, a weighted bm25 of the match over the fields (see the README).
/// - G: a Gaussian decay of the article's age in days, as Elasticsearch's `gauss`:
///   `G = exp(−max(0, age − offset)² / (2σ²))` with `σ² = −scale² / (2 · ln decay)`,
///   so G is 1 up to `offset` days and `decay` at `offset + scale` days.
/// - q̂: the article's quality as a percentile of the corpus's qualities, in 0...1.
///
/// A missing date counts as `offset + scale` old (G = decay) and a missing quality as the
/// median (q̂ = 0.5): neutral, neither a boost nor a penalty.
public struct RankingFormula: Sendable {
    public let parameters: RankingParameters
    /// Ages are measured from this instant.
    public let now: Date

    /// σ² of the Gaussian decay, worked out once: `score` runs for every match of a query.
    private let decayVariance: Double
    /// `now` in seconds since 1970, read once for the same reason.
    private let nowSeconds: Double

    public init(parameters: RankingParameters = RankingParameters(), now: Date = Date()) {
        self.parameters = parameters
        self.now = now
        let scale = parameters.recencyScaleDays
        let decay = min(max(parameters.recencyDecay, 1e-9), 1 - 1e-9)
        decayVariance = -(scale * scale) / (2 * log(decay))
        nowSeconds = now.timeIntervalSince1970
    }

    /// The age of an article published at `published` (seconds since 1970), in days.
    public func ageInDays(published: Double) -> Double {
        max(0, (nowSeconds - published) / 86_400)
    }

    /// G(age), in 0...1.
    public func decay(published: Double?) -> Double {
        guard let published else { return parameters.recencyDecay }
        let distance = max(0, ageInDays(published: published) - parameters.recencyOffsetDays)
        return exp(-(distance * distance) / (2 * decayVariance))
    }

    public func recencyFactor(published: Double?) -> Double {
        let alpha = parameters.recencyFloor
        return alpha + (1 - alpha) * decay(published: published)
    }

    public func qualityFactor(qualityRank: Double?) -> Double {
        1 + parameters.qualityBoost * (qualityRank ?? 0.5)
    }

    /// The final score from the relevance R (0 or more, higher is better).
    public func score(relevance: Double, published: Double?, qualityRank: Double?) -> Double {
        relevance * recencyFactor(published: published) * qualityFactor(qualityRank: qualityRank)
    }

    /// The names of the fields, in the order of `RankingParameters.fieldWeights`.
    public static let fieldNames = SearchableField.allCases.map(\.rawValue)

    /// The score as a tree of named parts, for `--explain`. `fields` is each field's share of
    /// the relevance (they add up to it), in `fieldNames` order.
    public func explain(relevance: Double, fields: [Double], published: Double?, quality: Int?, qualityRank: Double?)
        -> ScoreExplanation
    {
        let p = parameters
        let fieldParts = zip(Self.fieldNames, zip(fields, p.fieldWeights)).compactMap { name, part -> ScoreExplanation? in
            part.0 > 0
                ? ScoreExplanation(name: name, value: part.0, detail: "bm25 share of the \(name) field, weight \(part.1)") : nil
        }
        let relevance = ScoreExplanation(
            name: "relevance", value: relevance,
            detail: "bm25 (k1 1.2, b 0.75, idf ln(1 + (N − n + 0.5)/(n + 0.5))) over weighted fields",
            children: fieldParts)
        let recencyDetail: String
        if let published {
            let age = ageInDays(published: published)
            recencyDetail = String(
                format: "α + (1−α)·G(age): α=%g, age=%.0f days, G=%.3f (gauss: offset %g d, scale %g d, decay %g)",
                p.recencyFloor, age, decay(published: published), p.recencyOffsetDays, p.recencyScaleDays, p.recencyDecay)
        } else {
            recencyDetail = "no date: neutral G = decay = \(p.recencyDecay)"
        }
        let recency = ScoreExplanation(name: "recency", value: recencyFactor(published: published), detail: recencyDetail)
        let qualityDetail =
            if let quality, let qualityRank {
                String(format: "1 + β·q̂: β=%g, quality %d is percentile q̂=%.2f", p.qualityBoost, quality, qualityRank)
            } else {
                "no quality: neutral q̂ = 0.5"
            }
        let qualityPart = ScoreExplanation(name: "quality", value: qualityFactor(qualityRank: qualityRank), detail: qualityDetail)
        return ScoreExplanation(
            name: "score", value: score(relevance: relevance.value, published: published, qualityRank: qualityRank),
            detail: "relevance × recency × quality", children: [relevance, recency, qualityPart])
    }
}

/// A score as a tree of named parts: each node's value and how it was made.
public struct ScoreExplanation: Sendable, Equatable, Codable {
    public var name: String
    public var value: Double
    public var detail: String
    public var children: [ScoreExplanation]

    public init(name: String, value: Double, detail: String, children: [ScoreExplanation] = []) {
        self.name = name
        self.value = value
        self.detail = detail
        self.children = children
    }
}
