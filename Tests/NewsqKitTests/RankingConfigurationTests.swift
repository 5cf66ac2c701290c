import Foundation
import Testing
@testable import NewsqKit

@Suite struct RankingConfigurationTests {
    @Test func knobsInTheFileOverrideTheDefaults() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("config.json", #"{"ranking": {"recencyFloor": 0.6, "titleWeight": 8}}"#)
        let parameters = try RankingConfiguration.load(path: file.path, required: true)
        var expected = RankingParameters()
        expected.recencyFloor = 0.6
        expected.titleWeight = 8
        #expect(parameters == expected)
    }

    @Test func aMissingDefaultFileMeansDefaults() throws {
        let directory = TemporaryDirectory()
        #expect(try RankingConfiguration.load(path: directory.path("none.json").path, required: false) == RankingParameters())
        #expect(throws: ConfigurationError.self) {
            try RankingConfiguration.load(path: directory.path("none.json").path, required: true)
        }
    }

    @Test(arguments: [
        (#"{"ranking": {"titelWeight": 3}}"#, ["titelWeight"]),
        (#"{"ranking": {"titleWeight": "high"}}"#, ["must be a number"]),
        (#"{"ranking": {"titleWeight": true}}"#, ["must be a number"]),
        (#"{"ranking": [1, 2]}"#, ["`ranking` must be a JSON object"]),
        (#"[1]"#, ["top level"]),
        (#"{"ranking": "#, ["not valid JSON"]),
        (#"{"ranking": {"recencyFloor": 2}}"#, ["`recencyFloor`", "0 to 1"]),
        (#"{"ranking": {"titleWeight": -3}}"#, ["`titleWeight`", "0 to 1000"]),
        (#"{"ranking": {"qualityBoost": 1e300}}"#, ["`qualityBoost`", "0 to 100"]),
        (#"{"ranking": {"titelWeight": "high"}}"#, ["`titelWeight` is not a ranking knob"]),
        (#"{"ranking": {"nonsense": true}}"#, ["`nonsense` is not a ranking knob"]),
        ("", ["is empty"]),
    ])
    func badFilesSayWhatIsWrong(contents: String, fragments: [String]) {
        let directory = TemporaryDirectory()
        let file = directory.write("config.json", contents)
        do {
            _ = try RankingConfiguration.load(path: file.path, required: true)
            Issue.record("\(contents) was accepted")
        } catch {
            #expect(error.description.contains(file.path), "\(error.description)")
            for fragment in fragments { #expect(error.description.contains(fragment), "\(error.description)") }
        }
    }

    @Test func theDefaultPathFollowsTheEnvironment() {
        #expect(RankingConfiguration.defaultPath(environment: ["NEWSQ_CONFIG": "/c.json"]) == "/c.json")
        #expect(RankingConfiguration.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/newsq/config.json")
        #expect(RankingConfiguration.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/newsq/config.json")
    }
}
