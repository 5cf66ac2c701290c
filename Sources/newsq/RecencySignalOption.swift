import ArgumentParser
import Foundation
import NewsqKit

/// `--recent`: the user asks for recent articles, so recency weighs more than the default's
/// tie-breaking (`RecencySignal`). Unlike `--sort date`, relevance still counts.
struct RecencySignalOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Favour recent articles more strongly than the default ranking, still by relevance (--sort date: newest first).",
            discussion:
                "Lowers the floor α to \(RecencySignal.recencyFloor) and the decay's scale to \(Int(RecencySignal.recencyScaleDays)) days, unless --rank or --config sets them lower."
        ))
    var recent = false

    /// The ranking with recency strengthened when `--recent` is given.
    func applied(to formula: RankingFormula) -> RankingFormula {
        recent ? RecencySignal.strengthened(formula) : formula
    }
}
