import Foundation
import Testing
@testable import NewsqKit

/// What the ranking does with an old article that answers the query against a fresh one that
/// merely mentions its words: by default relevance wins and recency only breaks near-ties; when
/// the user asks for recent articles (`--recent`, a batch line's `"recent": true`) the fresh one
/// wins. Real files, a real index, the real command line.
@Suite struct RecencySignalTests {
    let commandLine = CommandLineTests()
    static let now = "2026-11-28"

    /// Two years old and about custom connectors, against three days old and about something
    /// else that names custom connectors in passing; the rest make the words rare.
    static func corpus() -> TemporaryDirectory {
        let corpus = TemporaryDirectory()
        corpus.write(
            "old-answer.md",
            articleFile(
                title: "Custom connectors, step by step",
                excerpt: "How to build custom connectors for your own services.",
                body: "Custom connectors wrap any web service. This guide builds custom connectors from an API description.",
                date: "2024-11-28T00:00:00Z"))
        corpus.write(
            "fresh-mention.md",
            articleFile(
                title: "Custom forms arrive in the mobile app",
                excerpt: "The mobile app gains custom forms, offline editing and a new start screen.",
                body:
                    "The mobile app gains custom forms, offline editing and a new start screen. Among the smaller changes, connectors load faster and the settings page moved.",
                date: "2026-11-25T00:00:00Z"))
        for (index, topic) in ["tariffs on steel", "a harvest of rice", "the central bank's rates", "a football final"]
            .enumerated()
        {
            corpus.write(
                "filler-\(index).md",
                articleFile(
                    title: "News about \(topic)", body: "A report on \(topic), with nothing else in it.",
                    date: "2025-06-01T00:00:00Z"))
        }
        return corpus
    }

    /// The ids of `newsq search custom connectors`, best first, with `options` added.
    func searchIDs(db: String, _ options: [String]) throws -> [String] {
        let outcome = try commandLine.run(
            ["search", "custom", "connectors", "--format", "trec", "--now", Self.now, "--db", db] + options)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome.stdout.split(separator: "\n").map { String($0.split(separator: " ")[2]) }
    }

    func indexed(_ directory: TemporaryDirectory, corpus: TemporaryDirectory) throws -> String {
        let db = directory.path("index.sqlite").path
        let outcome = try commandLine.run(["index", corpus.url.path, "--db", db])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return db
    }

    @Test func theOldAnswerWinsByDefaultAndTheFreshMentionWhenRecencyIsAsked() throws {
        let corpus = Self.corpus()
        let directory = TemporaryDirectory()
        let db = try indexed(directory, corpus: corpus)
        #expect(try searchIDs(db: db, []).prefix(2) == ["old-answer", "fresh-mention"])
        #expect(try searchIDs(db: db, ["--recent"]).prefix(2) == ["fresh-mention", "old-answer"])
        // --sort date was already the strongest signal: newest first whatever the relevance.
        #expect(try searchIDs(db: db, ["--sort", "date"]).prefix(2) == ["fresh-mention", "old-answer"])
    }

    @Test func aBatchLineAsksForRecencyOnItsOwn() throws {
        let corpus = Self.corpus()
        let directory = TemporaryDirectory()
        let db = try indexed(directory, corpus: corpus)
        let queries = directory.write(
            "queries.jsonl",
            #"{"qid": "plain", "query": "custom connectors", "limit": 2}"# + "\n"
                + #"{"qid": "recent", "query": "custom connectors", "limit": 2, "recent": true}"# + "\n")
        let outcome = try commandLine.run(
            ["batch", queries.path, "--format", "trec", "--now", Self.now, "--db", db, "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rows = outcome.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.filter { $0[0] == "plain" }.map { $0[2] } == ["old-answer", "fresh-mention"])
        #expect(rows.filter { $0[0] == "recent" }.map { $0[2] } == ["fresh-mention", "old-answer"])
        // The command's --recent applies to every line that does not say otherwise.
        let recentForAll = try commandLine.run(
            ["batch", queries.path, "--format", "trec", "--now", Self.now, "--db", db, "--quiet", "--recent"])
        #expect(
            recentForAll.stdout.split(separator: "\n").map { String($0.split(separator: " ")[2]) }.prefix(1) == ["fresh-mention"])
    }

    /// The knobs a signal brings: stronger recency, every other knob as it was, and a knob the
    /// user already set stronger kept.
    @Test(arguments: [
        (floor: 0.9, scale: 730.0, expectedFloor: RecencySignal.recencyFloor, expectedScale: RecencySignal.recencyScaleDays),
        (floor: 0.1, scale: 30.0, expectedFloor: 0.1, expectedScale: 30.0),
    ])
    func theSignalOnlyStrengthensRecency(floor: Double, scale: Double, expectedFloor: Double, expectedScale: Double) {
        var parameters = RankingParameters()
        parameters.recencyFloor = floor
        parameters.recencyScaleDays = scale
        parameters.titleWeight = 7
        let strengthened = RecencySignal.strengthened(parameters)
        var expected = parameters
        expected.recencyFloor = expectedFloor
        expected.recencyScaleDays = expectedScale
        #expect(strengthened == expected)
    }
}
