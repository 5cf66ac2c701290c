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

    /// α: the share of the score that never decays. High, so that recency only breaks near-ties:
    /// an old article that answers the query still ranks above a fresh one that merely mentions
    /// its words. Chosen on the graded sets of `scripts/eval` (EVALUATION.md); a user who asks for
    /// recent articles gets a stronger recency (`RecencySignal`).
    public var recencyFloor = 0.9
    /// Age at which the decay reaches `recencyDecay`, counted after `recencyOffsetDays`.
    public var recencyScaleDays = 730.0
    /// Articles younger than this are all equally fresh.
    public var recencyOffsetDays = 7.0
    /// The decay's value at `recencyOffsetDays + recencyScaleDays`.
    public var recencyDecay = 0.5
    /// β: how much the best-quality article gains over the worst (1 + β at most). Small, as
    /// quality too should not overrule relevance.
    public var qualityBoost = 0.1

    public init() {}

    /// Field weights in the FTS5 column order (`SearchableField`'s).
    public var fieldWeights: [Double] { SearchableField.allCases.map { self[keyPath: Self.weight(of: $0)] } }

    /// The knob that weighs `field`.
    public static func weight(of field: SearchableField) -> any WritableKeyPath<RankingParameters, Double> & Sendable {
        switch field {
        case .title: \.titleWeight
        case .excerpt: \.excerptWeight
        case .body: \.bodyWeight
        case .topics: \.topicsWeight
        case .provider: \.providerWeight
        case .related: \.relatedWeight
        }
    }

    /// A knob of the formula: its name, the property it sets, and the values it takes.
    public struct Knob: Sendable {
        public let name: String
        public let property: any WritableKeyPath<RankingParameters, Double> & Sendable
        public let range: ClosedRange<Double>
    }

    /// Every knob, in the order the ranking function's parameters list them, with the values it
    /// takes: a weight below 0 would turn a match into a penalty, a floor or decay outside 0...1
    /// is no share, a scale of 0 divides by zero, and beyond these bounds scores overflow to
    /// infinity. NaN is in no range. (Computed: a key path is made on each reading, nothing is stored.)
    public static var knobs: [Knob] {
        SearchableField.allCases.map { Knob(name: "\($0.rawValue)Weight", property: weight(of: $0), range: 0...1_000) } + [
            Knob(name: "recencyFloor", property: \.recencyFloor, range: 0...1),
            Knob(name: "recencyScaleDays", property: \.recencyScaleDays, range: 0.01...100_000),
            Knob(name: "recencyOffsetDays", property: \.recencyOffsetDays, range: 0...100_000),
            Knob(name: "recencyDecay", property: \.recencyDecay, range: 0...1),
            Knob(name: "qualityBoost", property: \.qualityBoost, range: 0...100),
        ]
    }

    /// Every knob by name, with the values it takes.
    public static var knobRanges: [(name: String, range: ClosedRange<Double>)] { knobs.map { ($0.name, $0.range) } }

    /// The knobs `set(_:to:)` knows, by name.
    public static var knobNames: [String] { knobs.map(\.name) }

    /// Sets the knob called `name`, when there is one and `value` is in its range.
    public mutating func set(_ name: String, to value: Double) throws(RankingKnobError) {
        guard let knob = Self.knobs.first(where: { $0.name == name }) else { throw .unknown(knob: name) }
        guard knob.range.contains(value) else { throw .outOfRange(knob: name, value: value, range: knob.range) }
        self[keyPath: knob.property] = value
    }

    /// Every knob's value, in `knobs`' order.
    var knobValues: [Double] { Self.knobs.map { self[keyPath: $0.property] } }

    /// The parameters with `values` in `knobs`' order; nil unless there is exactly one value a knob.
    init?(knobValues values: [Double]) {
        let knobs = Self.knobs
        guard values.count == knobs.count else { return nil }
        for (knob, value) in zip(knobs, values) { self[keyPath: knob.property] = value }
    }
}

/// Why a ranking knob cannot be set. Each case reads as a sentence for the user.
public enum RankingKnobError: Error, Equatable, CustomStringConvertible {
    case unknown(knob: String)
    case outOfRange(knob: String, value: Double, range: ClosedRange<Double>)

    public var description: String {
        switch self {
        case .unknown(let knob):
            "`\(knob)` is not a ranking knob; knobs are \(RankingParameters.knobNames.joined(separator: ", "))"
        case .outOfRange(let knob, let value, let range):
            "the ranking knob `\(knob)` takes a number from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound)); got \(Self.text(value))"
        }
    }

    /// `1` rather than `1.0`, `0.01` as typed.
    private static func text(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
