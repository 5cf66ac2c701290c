import Foundation
import Testing
@testable import NewsqKit

/// Every filter means the same whether given to `newsq search` as an option or in a batch
/// line: the same hits, ids, scores and totals, on the sample corpus.
@Suite struct FilterMeaningTests {
    let cli = CommandLineTests()
    static let query = "AI OR 人工智能 OR regulation"

    /// A filter as `newsq search` options and as a batch line's keys.
    struct Case: Sendable, CustomTestStringConvertible {
        let options: [String]
        let keys: String
        /// Whether the filter leaves some hits (otherwise it must leave none, both ways).
        let finds: Bool
        var testDescription: String { options.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(options: [], keys: "", finds: true),
        Case(options: ["--since", "2024-01-01"], keys: #""since": "2024-01-01""#, finds: true),
        Case(options: ["--since", "2y"], keys: #""since": "2y""#, finds: true),
        Case(options: ["--until", "2023-06-01"], keys: #""until": "2023-06-01""#, finds: true),
        Case(
            options: ["--since", "2021-01-01", "--until", "2024-01-01"], keys: #""since": "2021-01-01", "until": "2024-01-01""#,
            finds: true),
        Case(options: ["--topic", "ai regulation"], keys: #""topic": "ai regulation""#, finds: true),
        Case(options: ["--topic", "AI Act"], keys: #""topic": "AI Act""#, finds: true),
        Case(options: ["--topic", "Act"], keys: #""topic": "Act""#, finds: false),
        Case(options: ["--provider", "Policy Desk"], keys: #""provider": "Policy Desk""#, finds: true),
        Case(options: ["--provider", "POLICYDESK.example.org"], keys: #""provider": "POLICYDESK.example.org""#, finds: true),
        Case(options: ["--provider", "Policy"], keys: #""provider": "Policy""#, finds: false),
        Case(options: ["--provider", "数字治理周刊"], keys: #""provider": "数字治理周刊""#, finds: true),
        Case(options: ["--type", "ARTICLE"], keys: #""type": "ARTICLE""#, finds: true),
        Case(options: ["--min-quality", "100"], keys: #""minQuality": 100"#, finds: true),
        Case(options: ["--lang", "zh"], keys: #""lang": "zh""#, finds: true),
        Case(
            options: ["--lang", "en", "--provider", "policy desk", "--since", "2020-01-01"],
            keys: #""lang": "en", "provider": "policy desk", "since": "2020-01-01""#, finds: true),
    ]

    /// One batch of every case, run once: its JSON output, searches in the cases' order.
    static let batchOutput: String = {
        let directory = TemporaryDirectory()
        let lines = cases.enumerated().map { index, filter in
            #"{"qid": "q\#(index)", "query": "\#(query)""# + (filter.keys.isEmpty ? "" : ", " + filter.keys) + "}"
        }
        let file = directory.write("queries.jsonl", lines.joined(separator: "\n") + "\n").path
        let outcome = try! CommandLineTests().run([
            "batch", file, "--db", SampleCorpusSearchTests.sample.database.path,
            "--format", "json", "--limit", "50", "--now", "2026-11-28", "-q",
        ])
        precondition(outcome.status == 0, outcome.stderr)
        return outcome.stdout
    }()

    static func batchSearches() throws -> [[String: Any]] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(batchOutput.utf8)) as? [String: Any])
        return try #require(document["searches"] as? [[String: Any]])
    }

    @Test(arguments: cases.indices)
    func aFilterGivesTheSameSearchAsAnOptionAndInABatchLine(index: Int) throws {
        let filter = Self.cases[index]
        let search = try cli.run(
            [
                "search", Self.query, "--db", SampleCorpusSearchTests.sample.database.path, "--format", "json",
                "--limit", "50", "--now", "2026-11-28", "--qid", "q\(index)",
            ] + filter.options)
        #expect(search.status == 0, "\(search.stderr)")
        let alone = try #require(try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [String: Any])
        let batches = try Self.batchSearches()
        let batched = batches[index]
        let hits = { (document: [String: Any]) in (document["hits"] as? [[String: Any]]) ?? [] }
        #expect(hits(alone).isEmpty != filter.finds, "\(alone["total"] ?? "")")
        #expect(hits(alone).map { $0["id"] as? String } == hits(batched).map { $0["id"] as? String })
        #expect(hits(alone).map { $0["score"] as? Double } == hits(batched).map { $0["score"] as? Double })
        // The whole documents: totals, ranks, snippets and all.
        #expect(NSDictionary(dictionary: alone).isEqual(to: batched))
        if filter.finds, index > 0 {
            #expect(
                hits(alone).map { $0["id"] as? String } != hits(batches[0]).map { $0["id"] as? String },
                "the filter leaves out some hits")
        }
    }

    /// `title` is no filter but a part of the query: the same as `title:"..."` written in it.
    @Test func aTitleKeyIsTheQueryWithTitleScope() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("queries.jsonl", #"{"qid": "t", "query": "regulation", "title": "AI Act"}"# + "\n").path
        let db = SampleCorpusSearchTests.sample.database.path
        let batch = try cli.run(["batch", file, "--db", db, "--format", "trec", "--limit", "50", "--now", "2026-11-28"])
        let search = try cli.run([
            "search", #"regulation title:"AI Act""#, "--db", db, "--format", "trec", "--limit", "50",
            "--now", "2026-11-28", "--qid", "t",
        ])
        #expect(batch.status == 0 && search.status == 0, "\(batch.stderr) \(search.stderr)")
        #expect(!batch.stdout.isEmpty)
        #expect(batch.stdout == search.stdout)
    }
}
