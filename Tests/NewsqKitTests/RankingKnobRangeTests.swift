import Foundation
import Testing
@testable import NewsqKit

/// Every ranking knob has one range (`RankingParameters.knobRanges`), checked the same way for
/// `--rank` and for the configuration file; a value outside it, NaN and infinity included, is
/// a sentence naming the knob and its range.
@Suite struct RankingKnobRangeTests {
    @Test(arguments: [
        ("recencyFloor", Double.nan, "0 to 1"),
        ("recencyFloor", 2, "0 to 1"),
        ("recencyFloor", -0.1, "0 to 1"),
        ("qualityBoost", .infinity, "0 to 100"),
        ("titleWeight", -1, "0 to 1000"),
        ("bodyWeight", .infinity, "0 to 1000"),
        ("recencyScaleDays", 0, "0.01 to 100000"),
        ("recencyOffsetDays", -7, "0 to 100000"),
        ("recencyDecay", 1.5, "0 to 1"),
    ])
    func aValueOutOfRangeIsRefused(knob: String, value: Double, range: String) {
        var parameters = RankingParameters()
        do {
            try parameters.set(knob, to: value)
            Issue.record("\(knob) = \(value) was accepted")
        } catch {
            #expect(error.description.contains("`\(knob)`"), "\(error.description)")
            #expect(error.description.contains(range), "\(error.description)")
        }
        #expect(parameters == RankingParameters())
    }

    @Test func everyKnobHasARangeThatHoldsItsDefault() throws {
        let defaults = RankingParameters()
        for (name, range) in RankingParameters.knobRanges {
            var parameters = RankingParameters()
            try parameters.set(name, to: range.lowerBound)
            try parameters.set(name, to: range.upperBound)
            let value = Mirror(reflecting: defaults).children.first { $0.label == name }?.value as? Double
            #expect(value.map(range.contains) == true, "\(name)")
        }
        #expect(RankingParameters.knobNames.count == Mirror(reflecting: defaults).children.count)
    }

    @Test(arguments: [("a directory", "is a directory"), ("/dev/null", "is empty")])
    func aConfigurationThatIsNoFileSaysWhatItIs(kind: String, fragment: String) throws {
        let directory = TemporaryDirectory()
        let path = kind == "a directory" ? directory.url.path : kind
        do {
            _ = try RankingConfiguration.load(path: path, required: true)
            Issue.record("\(path) was read as a configuration")
        } catch {
            #expect(error.description.contains("configuration file \(path)"), "\(error.description)")
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(!error.description.contains("NSCocoaErrorDomain") && !error.description.contains("permission"))
        }
    }

    @Test(arguments: [
        (["--rank", "recencyFloor=nan"], "0 to 1"),
        (["--rank", "qualityBoost=inf", "--format", "json"], "0 to 100"),
        (["--rank", "titleWeight=-2"], "0 to 1000"),
        (["--rank", "recencyFloor=2"], "0 to 1"),
        (["--config", "/dev/null"], "is empty"),
    ])
    func theCommandLineStopsWithTheSentence(arguments: [String], fragment: String) throws {
        let db = NumberRangeTests.db
        let outcome = try Newsq.run(["search", "chips", "--db", db] + arguments)
        #expect(outcome.status == 1, "\(arguments): \(outcome.stdout)")
        #expect(outcome.stderr.contains(fragment), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("EncodingError"), "\(outcome.stderr)")
    }
}
