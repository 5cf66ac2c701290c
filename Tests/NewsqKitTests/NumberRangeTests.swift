import Foundation
import Testing
@testable import NewsqKit

/// Every number a user can give is range-checked: a huge, negative or non-finite value ends
/// the command with exit status 1 and a sentence that names the option and what it takes,
/// never with a crash (exit 132/134 from an arithmetic overflow).
@Suite struct NumberRangeTests {
    static let index = try! IndexedCorpus(root: Repository.corpus)
    static var db: String { index.directory.path("index.sqlite").path }

    struct Case: Sendable, CustomStringConvertible {
        let arguments: [String]
        /// Fragments the sentence on standard error must hold.
        let fragments: [String]
        var description: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["search", "AI", "--offset", "4611686018427387904"], fragments: ["--offset", "0 to 1000000000"]),
        Case(arguments: ["search", "AI", "--offset", "-1"], fragments: ["--offset", "0 to 1000000000"]),
        Case(arguments: ["search", "AI", "--limit", "-1"], fragments: ["--limit", "1 to 10000"]),
        Case(arguments: ["search", "AI", "--limit", "0"], fragments: ["--limit", "1 to 10000"]),
        Case(arguments: ["search", "AI", "--limit", "99999999999999999999"], fragments: ["--limit", "1 to 10000"]),
        Case(arguments: ["search", "AI", "--min-quality", "99999999999"], fragments: ["--min-quality", "to 2147483647"]),
        Case(arguments: ["search", "AI", "--since", "1e300y"], fragments: ["--since", "at most 10000y"]),
        Case(arguments: ["search", "AI", "--until", "infd"], fragments: ["--until"]),
        Case(arguments: ["search", "AI", "--rank", "recencyFloor=nan"], fragments: ["recencyFloor", "0 to 1"]),
        Case(arguments: ["batch", "QUERIES", "--offset", "9223372036854775807"], fragments: ["--offset", "0 to 1000000000"]),
        Case(arguments: ["batch", "QUERIES", "--limit", "-5"], fragments: ["--limit", "1 to 10000"]),
        Case(arguments: ["batch", "QUERIES", "--jobs", "-1"], fragments: ["--jobs", "1 to 64"]),
        Case(arguments: ["batch", "QUERIES", "--jobs", "18446744073709551616"], fragments: ["--jobs", "1 to 64"]),
        Case(arguments: ["stats", "--top", "-1"], fragments: ["--top", "0 to 1000000"]),
        Case(arguments: ["index", "CORPUS", "--batch-size", "-1"], fragments: ["--batch-size", "1 to 1000000"]),
        Case(arguments: ["eval", "QUERIES", "QRELS", "--min-quality", "-99999999999"], fragments: ["--min-quality"]),
    ]

    @Test(arguments: cases)
    func aNumberOutOfRangeIsASentenceNotACrash(_ testCase: Case) throws {
        let directory = TemporaryDirectory()
        let queries = directory.write("q.tsv", "1\tAI\n").path
        let qrels = directory.write("qrels", "1 0 x 1\n").path
        let arguments =
            testCase.arguments.map {
                switch $0 {
                case "QUERIES": queries
                case "QRELS": qrels
                case "CORPUS": Repository.corpus.path
                default: $0
                }
            } + ["--db", testCase.arguments.first == "index" ? directory.path("new.sqlite").path : Self.db]
        let outcome = try Newsq.run(arguments)
        #expect(!outcome.signalled && outcome.status == 1, "\(testCase): status \(outcome.status) \(outcome.stderr)")
        for fragment in testCase.fragments {
            #expect(outcome.stderr.contains(fragment), "\(testCase): \(outcome.stderr)")
        }
        #expect(!outcome.stderr.contains("Missing value"), "\(outcome.stderr)")
    }

    /// The largest values in range still run, so the arithmetic on them cannot overflow.
    @Test func theLargestOffsetRuns() throws {
        let directory = TemporaryDirectory()
        let queries = directory.write("q.tsv", "1\tAI\n2\t{\"qid\": \"2\", \"query\": \"chips\", \"offset\": 1000000000}\n").path
        let search = try Newsq.run(["search", "AI", "--db", Self.db, "--offset", "1000000000", "--limit", "10000"])
        #expect(search.status == 0, "\(search.stderr)")
        let batch = try Newsq.run(["batch", queries, "--db", Self.db, "--offset", "1000000000", "--format", "trec"])
        #expect(batch.status == 0, "\(batch.stderr)")
    }

    @Test func theEngineRefusesAPageOutOfRange() throws {
        let query = try SearchQuery("AI", analyzer: Self.index.analyzer)
        #expect(throws: SearchRequestError.offsetOutOfRange(Int.max)) {
            try SearchEngine(database: Self.index.database).search(SearchRequest(query: query, offset: Int.max))
        }
        #expect(throws: SearchRequestError.limitOutOfRange(-1)) {
            try SearchEngine(database: Self.index.database).search(SearchRequest(query: query, limit: -1))
        }
    }
}

/// NEAR's distance is read within 0...1000 whatever is typed: a negative one as 0, one with
/// more digits than an integer holds as 1000, and never as a word to search for.
@Suite struct NearDistanceRangeTests {
    @Test(arguments: [
        ("NEAR(ai chips, 99999999999999999999)", 1_000),
        ("NEAR(ai chips, 1001)", 1_000),
        ("NEAR(ai chips, -5)", 0),
        ("NEAR(ai chips,-5)", 0),
        ("NEAR(ai chips, +7)", 7),
        ("NEAR(ai chips, 0)", 0),
    ])
    func aDistanceIsClamped(query: String, distance: Int) throws {
        #expect(try QueryParser.parse(query) == .near([.term("ai"), .term("chips")], distance: distance))
    }

    @Test func aHugeDistanceSearchesAsTheLargest() throws {
        let index = NumberRangeTests.index
        let huge = try index.search("NEAR(ai chips, 99999999999999999999)").hits.map(\.id)
        let largest = try index.search("NEAR(ai chips, 1000)").hits.map(\.id)
        #expect(huge == largest)
    }
}
