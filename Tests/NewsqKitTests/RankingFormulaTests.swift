import Foundation
import Testing
@testable import NewsqKit

@Suite struct RankingFormulaTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var formula: RankingFormula { RankingFormula(now: now) }

    func published(daysAgo days: Double) -> Double { now.timeIntervalSince1970 - days * 86_400 }

    @Test(arguments: [(0.0, 1.0), (7.0, 1.0), (737.0, 0.5), (1_467.0, 0.0625)])
    func gaussianDecayFollowsOffsetScaleAndDecay(daysAgo: Double, expected: Double) {
        #expect(abs(formula.decay(published: published(daysAgo: daysAgo)) - expected) < 1e-9)
    }

    @Test func recencyNeverFallsBelowTheFloor() {
        #expect(abs(formula.recencyFactor(published: published(daysAgo: 20_000)) - 0.9) < 1e-9)
    }

    @Test func missingDateAndQualityAreNeutral() {
        #expect(formula.decay(published: nil) == 0.5)
        #expect(formula.qualityFactor(qualityRank: nil) == formula.qualityFactor(qualityRank: 0.5))
    }

    @Test func scoreMultipliesTheThreeFactors() {
        let score = formula.score(relevance: 4, published: published(daysAgo: 737), qualityRank: 1)
        #expect(abs(score - 4 * (0.9 + 0.1 * 0.5) * 1.1) < 1e-9)
    }

    @Test func explanationAddsUpToTheScore() {
        let explanation = formula.explain(
            relevance: 3, fields: [2, 0, 1, 0, 0, 0], published: published(daysAgo: 100),
            quality: 80, qualityRank: 0.7)
        let product = explanation.children.map(\.value).reduce(1, *)
        #expect(abs(product - explanation.value) < 1e-9)
        #expect(explanation.children.map(\.name) == ["relevance", "recency", "quality"])
        #expect(explanation.children[0].children.map(\.name) == ["title", "body"])
        #expect(explanation.children[0].children.map(\.value).reduce(0, +) == 3)
    }
}

@Suite struct RankingFunctionTests {
    @Test func parametersSurviveTheirTextForm() throws {
        var parameters = RankingParameters()
        parameters.titleWeight = 7.5
        parameters.recencyFloor = 0.45
        let formula = RankingFormula(parameters: parameters, now: Date(timeIntervalSince1970: 1_700_000_000.5))
        let decoded = try #require(RankingFunction.decode(RankingFunction.encode(formula)))
        #expect(decoded.formula.parameters == parameters)
        #expect(decoded.formula.now == formula.now)
        #expect(decoded.rarePhraseLimit == Relevance.rareLimit && !decoded.relativeForOnePhrase)
        let options = try #require(
            RankingFunction.decode(RankingFunction.encode(formula, rarePhraseLimit: 40, relativeForOnePhrase: true)))
        #expect(options.rarePhraseLimit == 40 && options.relativeForOnePhrase)
    }

    @Test func aWordInMostArticlesStillRanksByHowOftenItAppears() throws {
        let corpus = TemporaryDirectory()
        corpus.write("often.md", articleFile(title: "Chips", body: "chips chips chips and more chips"))
        corpus.write(
            "once.md", articleFile(title: "Markets", body: "a long story that mentions chips once among many other words of text")
        )
        corpus.write("twice.md", articleFile(title: "Chips today", body: "chips news"))
        let indexed = try IndexedCorpus(root: corpus.url)
        let hits = try indexed.search("chips").hits
        // FTS5's own bm25 gives a word in every article an idf near zero: all scores tie.
        #expect(hits.map(\.id).last == "once")
        #expect(Set(hits.map(\.score)).count == 3)
        #expect(hits.allSatisfy { $0.score > 0 })
    }
}
