import Foundation
import Testing
@testable import NewsqKit

/// `since` not earlier than `until` is a mistake to report, never a search that finds nothing.
@Suite struct DateRangeTests {
    let cli = CommandLineTests()
    var db: String { SampleCorpusSearchTests.sample.database.path }

    @Test(arguments: [
        (["--since", "2025-01-01", "--until", "2024-01-01"], "--since 2025-01-01 is not earlier than --until 2024-01-01"),
        (["--since", "2024-01-01", "--until", "2024-01-01"], "--since 2024-01-01 is not earlier than --until 2024-01-01"),
        (["--since", "30d", "--until", "60d"], "--since 30d (2026-10-29) is not earlier than --until 60d (2026-09-29)"),
    ])
    func searchSaysTheRangeIsEmptyAndExitsWithOne(options: [String], message: String) throws {
        let outcome = try cli.run(["search", "AI", "--db", db, "--now", "2026-11-28"] + options)
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    @Test func batchNamesTheLineWhoseRangeIsEmptyAndRunsTheOthers() throws {
        let directory = TemporaryDirectory()
        let queries = directory.write(
            "queries.jsonl",
            """
            {"qid": "1", "query": "AI", "since": "2025-01-01", "until": "2024-01-01"}
            {"qid": "2", "query": "AI"}
            {"qid": "3", "query": "AI", "until": "2023-01-01"}
            {"qid": "4", "query": "AI", "since": "2020-01-01"}

            """
        ).path
        // The batch's own --since meets line 3's until; line 4's since replaces it.
        let outcome = try cli.run([
            "batch", queries, "--db", db, "--now", "2026-11-28", "--format", "trec", "--since", "2024-06-01",
        ])
        #expect(outcome.status == 2)
        #expect(
            outcome.stderr.contains("queries.jsonl:1: since 2025-01-01 is not earlier than until 2024-01-01"), "\(outcome.stderr)"
        )
        #expect(
            outcome.stderr.contains("queries.jsonl:3: since 2024-06-01 is not earlier than until 2023-01-01"), "\(outcome.stderr)"
        )
        let qids = Set(outcome.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] })
        #expect(qids == ["2", "4"])
    }

    @Test func batchOptionsWithAnEmptyRangeAreAUsageError() throws {
        let directory = TemporaryDirectory()
        let queries = directory.write("queries.tsv", "1\tAI\n").path
        let outcome = try cli.run(["batch", queries, "--db", db, "--since", "2025-01-01", "--until", "2024-01-01"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("--since 2025-01-01 is not earlier than --until 2024-01-01"), "\(outcome.stderr)")
    }
}
