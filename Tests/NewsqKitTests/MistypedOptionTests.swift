import Foundation
import Testing
@testable import NewsqKit

/// A mistyped option is an error that names it and suggests the closest option, in every
/// command; single-dash words stay query exclusions, and `--` lets a query word start with `--`.
@Suite struct MistypedOptionTests {
    let cli = CommandLineTests()
    var db: String { ExportFixture.corpus.database.path }

    @Test(arguments: [
        (["--sicne", "30d"], "--sicne", "--since"),
        (["--fromat", "json"], "--fromat", "--format"),
        (["--limt", "5"], "--limt", "--limit"),
        (["--ofset", "5"], "--ofset", "--offset"),
        (["--provder", "Wire"], "--provder", "--provider"),
        (["--explian"], "--explian", "--explain"),
        (["--stict"], "--stict", "--strict"),
    ])
    func searchRefusesAMistypedOption(typo: [String], named: String, suggested: String) throws {
        let outcome = try cli.run(["search", "chips"] + typo + ["--db", db])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("'\(named)'"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Did you mean '\(suggested)'"), "\(outcome.stderr)")
    }

    @Test(arguments: [
        (["--fromat", "json"], "--fromat", "--format"),
        (["--limt", "5"], "--limt", "--limit"),
        (["--sicne", "30d"], "--sicne", "--since"),
        (["--jos", "2"], "--jos", "--jobs"),
        (["--qiuet"], "--qiuet", "--quiet"),
    ])
    func batchRefusesAMistypedOption(typo: [String], named: String, suggested: String) throws {
        let directory = TemporaryDirectory()
        let queries = directory.write("queries.tsv", "1\tchips\n").path
        let outcome = try cli.run(["batch", queries] + typo + ["--db", db])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("'\(named)'"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("Did you mean '\(suggested)'"), "\(outcome.stderr)")
    }

    @Test(arguments: [["export", "chips", "--fromat", "ndjson"], ["analyze", "chips", "--qeury"]])
    func otherCommandsWithWordsRefuseAMistypedOption(arguments: [String]) throws {
        let outcome = try cli.run(arguments + ["--db", db])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("Did you mean"), "\(outcome.stderr)")
    }

    /// Words with an `o` once read as `-o FILE` (`--output`) inside a pack of one-letter options.
    @Test(arguments: ["-bold", "-quotes", "-chips", "-監管"])
    func aSingleDashWordIsAnExclusion(exclusion: String) throws {
        let outcome = try cli.run(["search", "chips", exclusion, "--db", db, "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "chips \(exclusion)")
        let all = try cli.run(["search", "chips", "--db", db, "--format", "json"])
        let allObject = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        #expect(try #require(object["total"] as? Int) < (try #require(allObject["total"] as? Int)))
    }

    /// `-limit 5` is `--limit 5` with a dash lost, not an exclusion and a word.
    @Test(arguments: [
        ["search", "chips", "-limit", "5"], ["search", "chips", "-since", "30d"],
        ["export", "chips", "-format", "ndjson"], ["analyze", "chips", "-query"],
    ])
    func anOptionWithOneDashIsAnError(arguments: [String]) throws {
        let outcome = try cli.run(arguments + ["--db", db])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("\(arguments[2]) is the option -\(arguments[2])"), "\(outcome.stderr)")
    }

    @Test func anOptionNameAfterTheTerminatorIsAnExclusion() throws {
        let outcome = try cli.run(["search", "--db", db, "--format", "json", "chips", "--", "-limit"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "chips -limit")
    }

    @Test func aWordAfterTheTerminatorMayStartWithTwoDashes() throws {
        let outcome = try cli.run(["search", "--db", db, "--format", "json", "chips", "--", "--literal"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["query"] as? String == "chips --literal")
    }

    @Test func aSingleDashWordTakenAsAnOptionValueIsAnError() throws {
        let outcome = try cli.run(["search", "chips", "--topic", "-bold", "--db", db])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("--option=-bold"), "\(outcome.stderr)")
    }

    /// The strategy that let unknown options through as query words stays out of the commands.
    @Test func noCommandCollectsUnrecognizedOptions() throws {
        let commands = Repository.root.appendingPathComponent("Sources/newsq")
        for file in try FileManager.default.contentsOfDirectory(atPath: commands.path) where file.hasSuffix(".swift") {
            let source = try String(contentsOf: commands.appendingPathComponent(file), encoding: .utf8)
            #expect(!source.contains(".allUnrecognized"), "\(file)")
            #expect(!source.contains(".captureForPassthrough"), "\(file)")
        }
    }
}
