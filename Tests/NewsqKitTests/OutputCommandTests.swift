import Foundation
import Testing
@testable import NewsqKit

/// `newsq search --format ... --output FILE` as a user runs it.
@Suite struct OutputCommandTests {
    let cli = CommandLineTests()
    var db: String { ExportFixture.corpus.database.path }

    @Test(arguments: HitListFormat.allCases)
    func everyFormatWritesTheSameToAFileAsToStandardOutput(format: HitListFormat) throws {
        let directory = TemporaryDirectory()
        let file = directory.path("hits.\(format.rawValue)").path
        let arguments = ["search", "chips", "OR", "芯片", "--db", db, "--format", format.rawValue, "--now", "2026-01-01"]
        let printed = try cli.run(arguments, environment: ["NO_COLOR": "1"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(!printed.stdout.isEmpty)
        let written = try cli.run(arguments + ["--output", file])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.stdout)
    }

    @Test func anExistingFileNeedsForce() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("hits.csv", "keep me").path
        let arguments = ["search", "chips", "--db", db, "--format", "csv", "--output", file]
        let refused = try cli.run(arguments)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already exists"))
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
        let forced = try cli.run(arguments + ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("qid,query,rank"))
    }

    @Test func aMissingDirectoryIsNamed() throws {
        let directory = TemporaryDirectory()
        let outcome = try cli.run(["search", "chips", "--db", db, "--output", directory.path("no/such/dir/hits.json").path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("no/such/dir does not exist"), "\(outcome.stderr)")
    }

    @Test func trecUsesTheGivenQueryID() throws {
        let outcome = try cli.run(["search", "chips", "--db", db, "--format", "trec", "--qid", "301"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("301 Q0 ") && $0.hasSuffix(" newsq") })
    }

    @Test(arguments: [["--bom", "--format", "json"], ["--qid", "a b"], ["--qid", ""]])
    func misusedOptionsAreRefused(options: [String]) throws {
        let outcome = try cli.run(["search", "chips", "--db", db] + options)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("Error: "), "\(outcome.stderr)")
    }
}
