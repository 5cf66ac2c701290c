import Foundation
import Testing
@testable import NewsqKit

/// Runs the built `newsq` executable as a user would, and checks its output and exit status.
@Suite struct CommandLineTests {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `newsq` is built into the same folder as the test bundle.
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("newsq").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("newsq")
    }()

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func indexThenSearchPrintsRankedHits() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        let index = try run(["index", Repository.corpus.path, "--db", db])
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("added"))
        #expect(index.stdout.contains("0 failed"))

        let search = try run(["search", "AI", "regulation", "--db", db, "--limit", "3"], environment: ["NO_COLOR": "1"])
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains("1. "))
        #expect(search.stdout.contains("3. "))
        #expect(!search.stdout.contains("4. "))
        #expect(!search.stdout.contains("\u{1B}["), "no colors when not on a terminal")
        #expect(search.stdout.contains("[AI]") || search.stdout.contains("[regulation]"))
    }

    @Test func jsonOutputDecodesWithIdsAndRanks() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        _ = try run(["index", Repository.corpus.path, "--db", db])
        let search = try run(["search", "人工智能", "--db", db, "--format", "json", "--explain", "--limit", "4"])
        #expect(search.status == 0, "\(search.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let hits = try #require(object["hits"] as? [[String: Any]])
        #expect(hits.count == 4)
        #expect(hits.map { $0["rank"] as? Int } == [1, 2, 3, 4])
        for hit in hits {
            let id = try #require(hit["id"] as? String)
            #expect(!id.hasSuffix(".md"))
            #expect(FileManager.default.fileExists(atPath: Repository.corpus.appendingPathComponent(id + ".md").path))
            #expect(hit["explanation"] is [String: Any])
        }
    }

    @Test func databaseFromTheEnvironment() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("env.sqlite").path
        #expect(try run(["index", Repository.corpus.path], environment: ["NEWSQ_DB": db]).status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        #expect(try run(["search", "chips"], environment: ["NEWSQ_DB": db]).status == 0)
    }

    @Test func badFilesAreReportedAndExitStatusIsTwo() throws {
        let corpus = TemporaryDirectory()
        corpus.write("good.md", articleFile(title: "A good article about chips"))
        corpus.write("bad.md", "no front matter here\n")
        let db = corpus.path("index.sqlite").path
        let index = try run(["index", corpus.url.path, "--db", db])
        #expect(index.status == 2)
        #expect(index.stderr.contains("bad.md"))
        #expect(index.stdout.contains("1 added"))
        #expect(try run(["search", "chips", "--db", db]).stdout.contains("good"))
    }

    @Test(arguments: [["search", "NEAR("], ["search", "\""], ["search", "🙂"], ["search", "-ai"], ["search", "title:"]])
    func hostileQueriesNeverShowEngineErrors(arguments: [String]) throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        _ = try run(["index", Repository.corpus.path, "--db", db])
        let outcome = try run(arguments + ["--db", db])
        #expect(outcome.status == 0 || outcome.status == 1)
        let all = (outcome.stdout + outcome.stderr).lowercased()
        #expect(!all.contains("sql"))
        #expect(!all.contains("fts5"))
        if outcome.status == 1 { #expect(outcome.stderr.hasPrefix("Error: ")) }
    }

    @Test func searchWithoutAnIndexSaysWhatToDo() throws {
        let directory = TemporaryDirectory()
        let outcome = try run(["search", "ai", "--db", directory.path("none.sqlite").path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("newsq index"))
    }

    @Test func indexingAMissingDirectoryFailsWithItsName() throws {
        let directory = TemporaryDirectory()
        let outcome = try run(["index", directory.path("nope").path, "--db", directory.path("i.sqlite").path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("nope"))
    }
}

@Suite struct TerminalColorTests {
    /// util-linux `script` runs a command on a pseudo-terminal, as a user's shell would.

    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: ExternalTool.scriptPath)),
        arguments: [("", true), ("NO_COLOR=1", false)])
    func colorsOnATerminalUnlessNoColorIsSet(environment: String, colored: Bool) throws {
        let directory = TemporaryDirectory()
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Chip export rules"))
        let db = directory.path("index.sqlite").path
        let newsq = CommandLineTests.executable.path
        let command =
            "\(newsq) index '\(corpus.url.path)' --db '\(db)' --quiet && env -u NO_COLOR \(environment) \(newsq) search chips --db '\(db)'"
        let (status, text) = try ExternalTool.onTerminal(command)
        #expect(status == 0, "\(text)")
        #expect(text.contains("Chip"))
        #expect(text.contains("\u{1B}[") == colored)
    }

    @Test func neverColorsIntoAPipe() {
        let pipe = Pipe()
        #expect(!TerminalStyle.detect(descriptor: pipe.fileHandleForWriting.fileDescriptor, environment: [:]).colors)
    }
}
