import Foundation
import Testing
@testable import NewsqKit

@Suite struct RankingFormulaTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var formula: RankingFormula { RankingFormula(now: now) }

    func published(daysAgo days: Double) -> Double { now.timeIntervalSince1970 - days * 86_400 }

    @Test(arguments: [(0.0, 1.0), (7.0, 1.0), (372.0, 0.5), (737.0, 0.0625)])
    func gaussianDecayFollowsOffsetScaleAndDecay(daysAgo: Double, expected: Double) {
        #expect(abs(formula.decay(published: published(daysAgo: daysAgo)) - expected) < 1e-9)
    }

    @Test func recencyNeverFallsBelowTheFloor() {
        #expect(abs(formula.recencyFactor(published: published(daysAgo: 20_000)) - 0.3) < 1e-9)
    }

    @Test func missingDateAndQualityAreNeutral() {
        #expect(formula.decay(published: nil) == 0.5)
        #expect(formula.qualityFactor(qualityRank: nil) == formula.qualityFactor(qualityRank: 0.5))
    }

    @Test func scoreMultipliesTheThreeFactors() {
        let score = formula.score(bm25: -4, published: published(daysAgo: 372), qualityRank: 1)
        #expect(abs(score - 4 * (0.3 + 0.7 * 0.5) * 1.5) < 1e-9)
    }

    @Test func explanationAddsUpToTheScore() {
        let explanation = formula.explain(bm25: -3, published: published(daysAgo: 100), quality: 80, qualityRank: 0.7)
        let product = explanation.children.map(\.value).reduce(1, *)
        #expect(abs(product - explanation.value) < 1e-9)
        #expect(explanation.children.map(\.name) == ["relevance", "recency", "quality"])
    }
}
