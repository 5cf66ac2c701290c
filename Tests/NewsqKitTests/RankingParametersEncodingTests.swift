import Foundation
import Testing
@testable import NewsqKit

/// The text that carries the formula to `newsq_rank` lists the knobs of one table
/// (`RankingParameters.knobs`), and is read back only when it holds exactly what it should.
@Suite struct RankingParametersEncodingTests {
    static let formula: RankingFormula = {
        var parameters = RankingParameters()
        for (offset, knob) in RankingParameters.knobs.enumerated() {
            try! parameters.set(knob.name, to: knob.range.lowerBound + Double(offset + 1) / 100)
        }
        return RankingFormula(parameters: parameters, now: Date(timeIntervalSince1970: 1_700_000_000))
    }()

    @Test func everyKnobSurvivesTheRoundTrip() throws {
        let decoded = try #require(RankingFunction.decode(RankingFunction.encode(Self.formula, rarePhraseLimit: 9)))
        for knob in RankingParameters.knobs {
            #expect(
                decoded.formula.parameters[keyPath: knob.property] == Self.formula.parameters[keyPath: knob.property],
                "\(knob.name)")
        }
        #expect(decoded.formula.now == Self.formula.now)
        #expect(decoded.rarePhraseLimit == 9)
    }

    @Test func theKnobNamesAreThePropertiesTheySet() {
        for knob in RankingParameters.knobs {
            var parameters = RankingParameters()
            try? parameters.set(knob.name, to: knob.range.upperBound)
            #expect(parameters[keyPath: knob.property] == knob.range.upperBound, "\(knob.name)")
        }
        #expect(Set(RankingParameters.knobNames).count == RankingParameters.knobs.count)
    }

    /// Dropping, adding or garbling a number leaves a text that is refused, not half-read.
    @Test(arguments: [-2, -1, 1])
    func aTextWithAnotherCountOfNumbersIsRefused(change: Int) {
        var numbers = RankingFunction.encode(Self.formula).split(separator: ",").map(String.init)
        if change < 0 { numbers.removeLast(-change) } else { numbers.append("1") }
        #expect(RankingFunction.decode(numbers.joined(separator: ",")) == nil)
    }

    @Test func aTextWithANumberThatIsNotOneIsRefused() {
        var numbers = RankingFunction.encode(Self.formula).split(separator: ",").map(String.init)
        numbers[3] = "three"
        #expect(RankingFunction.decode(numbers.joined(separator: ",")) == nil)
    }
}
