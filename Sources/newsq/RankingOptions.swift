import ArgumentParser
import Foundation
import NewsqKit

/// The order of hits and the ranking knobs, shared by every command that ranks.
struct RankingOptions: ParsableArguments {
    @Option(help: "Order of hits: relevance (the ranking formula), date (newest first) or quality.")
    var sort: HitOrder = .relevance

    @Flag(help: "Never relax the query: show only articles that match every word.")
    var strict = false

    /// The user asks for recent articles, so recency weighs more than the default's
    /// tie-breaking (`RecencySignal`); unlike `--sort date`, relevance still counts.
    @Flag(
        help: ArgumentHelp(
            "Favour recent articles more strongly than the default ranking, still by relevance (--sort date: newest first).",
            discussion:
                "Lowers the floor α to \(RecencySignal.recencyFloor) and the decay's scale to \(Int(RecencySignal.recencyScaleDays)) days, unless --rank or --config sets them lower."
        ))
    var recent = false

    @Option(
        name: .customLong("rank"),
        help: ArgumentHelp(
            "Set a ranking knob, e.g. recencyFloor=0.5 (repeatable).",
            discussion: "Knobs: \(RankingParameters.knobNames.joined(separator: ", ")).",
            valueName: "knob=value"))
    var knobs: [String] = []

    @Option(
        help: ArgumentHelp(
            "A JSON file of ranking knobs ({\"ranking\": {\"recencyFloor\": 0.5}}); default $NEWSQ_CONFIG, else ~/.config/newsq/config.json when it exists.",
            valueName: "file"))
    var config: String?

    /// The ranking formula at `now`: the knobs, with recency strengthened when `--recent` is given.
    func formula(now: Date) throws -> RankingFormula {
        let formula = RankingFormula(parameters: try parameters(), now: now)
        return recent ? RecencySignal.strengthened(formula) : formula
    }

    /// The ranking knobs: the defaults, then the configuration file, then `--rank`.
    func parameters() throws -> RankingParameters {
        let base = try RankingConfiguration.load(path: config ?? RankingConfiguration.defaultPath(), required: config != nil)
        return try parameters(base: base)
    }

    /// `base` with the `--rank` knobs set, each checked against its range.
    func parameters(base: RankingParameters) throws -> RankingParameters {
        var parameters = base
        for knob in knobs {
            let parts = knob.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw ValidationError("--rank takes knob=number, such as recencyFloor=0.5; got \(knob).")
            }
            guard RankingParameters.knobNames.contains(parts[0]) else {
                throw ValidationError(
                    "--rank: unknown knob \(parts[0]); knobs are \(RankingParameters.knobNames.joined(separator: ", ")).")
            }
            guard let value = Double(parts[1]) else {
                throw ValidationError("--rank takes knob=number, such as recencyFloor=0.5; got \(knob).")
            }
            do {
                try parameters.set(parts[0], to: value)
            } catch {
                throw ValidationError("--rank \(knob): \(error).")
            }
        }
        return parameters
    }
}

extension HitOrder: ExpressibleByArgument {}
