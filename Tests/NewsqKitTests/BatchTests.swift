import Foundation
import Testing
@testable import NewsqKit

@Suite struct BatchQueryReaderTests {
    @Test func readsTabAndJSONLinesMixedAndSkipsCommentsAndBlanks() {
        let text =
            "\u{FEFF}# topics\r\n301\tcocoa prices\r\n\n{\"qid\": 302, \"query\": \"gold\", \"limit\": 5, \"offset\": 1, \"explain\": true, \"topic\": \"gold\", \"provider\": \"Reuters\"}\n"
        let read = BatchQueryReader.read(text)
        #expect(read.problems.isEmpty)
        #expect(
            read.queries == [
                BatchQuery(line: 2, qid: "301", query: "cocoa prices", scopes: []),
                BatchQuery(
                    line: 4, qid: "302", query: "gold", limit: 5, offset: 1, explain: true, scopes: [],
                    filters: Self.written {
                        $0.topics = ["gold"]; $0.providers = ["Reuters"]
                    }),
            ])
    }

    @Test(arguments: [
        ("no tab here", "found no tab"),
        ("\tquery", "query id is empty"),
        ("a b\tquery", "has a space"),
        ("7\t   ", "empty"),
        ("{not json", "not a valid JSON object"),
        ("{\"query\": \"x\"}", "\"qid\" is missing"),
        ("{\"qid\": \"1\"}", "\"query\" is missing"),
        ("{\"qid\": \"1\", \"query\": 3}", "\"query\" must be a string"),
        ("{\"qid\": true, \"query\": \"x\"}", "\"qid\" must be a string or an integer"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"limt\": 3}", "unknown key \"limt\""),
        ("{\"qid\": \"1\", \"query\": \"x\", \"limit\": 0}", "\"limit\" must be an integer from 1"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"limit\": 2.5}", "\"limit\" must be an integer"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"explain\": 1}", "\"explain\" must be true or false"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"topic\": [\"a\"]}", "\"topic\" must be a string"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"since\": \"last week\"}", "\"since\" must be a date"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"until\": 2024}", "\"until\" must be a date"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"lang\": \"fr\"}", "\"lang\" must be \"zh\" or \"en\""),
        ("{\"qid\": \"1\", \"query\": \"x\", \"minQuality\": \"high\"}", "\"minQuality\" must be an integer"),
        (
            "{\"qid\": \"1\", \"query\": \"x\", \"sort\": \"newest\"}",
            "\"sort\" must be one of \"relevance\", \"date\", \"quality\""
        ),
        ("{\"qid\": \"1\", \"query\": \"x\", \"type\": 3}", "\"type\" must be a string"),
        ("{\"qid\": \"1\", \"query\": \"x\", \"recent\": \"yes\"}", "\"recent\" must be true or false"),
    ])
    func aBadLineIsReportedWithItsNumberAndTheRestIsRead(line: String, reason: String) {
        let read = BatchQueryReader.read("1\tfirst\n\(line)\n3\tthird\n")
        #expect(read.queries.map(\.qid) == ["1", "3"])
        #expect(read.problems.count == 1)
        #expect(read.problems.first?.line == 2)
        #expect(read.problems.first?.reason.contains(reason) == true, "\(read.problems)")
    }

    @Test func readsFiltersAndOrder() {
        let line =
            #"{"qid": "9", "query": "chips", "since": "2024-03-01", "until": "30d", "lang": "zh", "type": "video", "minQuality": 40, "sort": "date", "recent": true}"#
        let read = BatchQueryReader.read(line)
        #expect(read.problems.isEmpty)
        var expected = BatchQuery(line: 1, qid: "9", query: "chips", scopes: [])
        expected.filters.since = "2024-03-01"
        expected.filters.until = "30d"
        expected.filters.language = .zh
        expected.filters.types = ["video"]
        expected.filters.minimumQuality = 40
        expected.sort = .date
        expected.recent = true
        #expect(read.queries == [expected])
    }

    static func written(_ change: (inout WrittenFilters) -> Void) -> WrittenFilters {
        var filters = WrittenFilters()
        change(&filters)
        return filters
    }

    @Test func aRepeatedQueryIDNamesTheFirstLine() {
        let read = BatchQueryReader.read("7\ta\n8\tb\n7\tc\n")
        #expect(read.queries.map(\.line) == [1, 2])
        #expect(read.problems == [BatchProblem(line: 3, reason: "the qid 7 is already used on line 1")])
    }
}

@Suite struct BatchSearchTests {
    let engine = SearchEngine(database: ExportFixture.corpus.database)
    let defaults = BatchSearch.Defaults(limit: 10, ranking: RankingFormula(now: IndexedCorpus.now))

    @Test func eachQueryGetsTheHitsOfTheSameSearchAlone() throws {
        let read = BatchQueryReader.read("a\tchips\nb\t芯片\n{\"qid\": \"c\", \"query\": \"chips\", \"limit\": 1}\n")
        var output = ""
        let report = try BatchSearch(engine: engine, defaults: defaults)
            .run(read.queries, writer: HitListFormat.jsonl.writer(), write: { output += $0 })
        #expect(report.searched == 3)
        #expect(report.problems.isEmpty)
        let lines = try output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let chips = try ExportFixture.corpus.ids("chips")
        let chinese = try ExportFixture.corpus.ids("芯片")
        #expect(lines.filter { $0["qid"] as? String == "a" }.map { $0["id"] as? String } == chips)
        #expect(lines.filter { $0["qid"] as? String == "b" }.map { $0["id"] as? String } == chinese)
        #expect(lines.filter { $0["qid"] as? String == "c" }.map { $0["id"] as? String } == Array(chips.prefix(1)))
        #expect(report.hits == lines.count)
    }

    @Test func scopesLimitAQueryToAField() throws {
        let read = BatchQueryReader.read(
            #"{"qid": "1", "query": "chips", "provider": "中央社"}"# + "\n"
                + #"{"qid": "2", "query": "chips", "topic": "export, controls"}"#)
        #expect(read.problems.isEmpty)
        var output = ""
        _ = try BatchSearch(engine: engine, defaults: defaults).run(
            read.queries, writer: HitListFormat.trec.writer(), write: { output += $0 })
        let ids = output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.map { ($0[0], $0[2]) }
        #expect(ids.map(\.0) == ["1", "2"])
        #expect(ids.map(\.1) == ["2023/11/traditional", "2024/03/quotes"])
    }

    /// A line's filters and order give the hits `newsq search` gives with the same options;
    /// the batch's own apply to the lines that do not say.
    @Test func filtersAndOrderGiveTheHitsOfTheSameSearch() throws {
        let corpus = SampleCorpusSearchTests.sample
        let lines = [
            #"{"qid": "zh", "query": "AI OR 人工智能", "lang": "zh", "limit": 50}"#,
            #"{"qid": "recent", "query": "AI OR 人工智能", "since": "2025-06-01", "limit": 50}"#,
            #"{"qid": "old", "query": "AI OR 人工智能", "until": "2y", "sort": "date", "limit": 50}"#,
            #"{"qid": "good", "query": "AI OR 人工智能", "minQuality": 80, "sort": "quality", "limit": 50}"#,
            "plain\tAI OR 人工智能",
        ]
        var batchDefaults = defaults
        batchDefaults.limit = 50
        batchDefaults.filters.language = .en
        var output = ""
        let report = try BatchSearch(engine: SearchEngine(database: corpus.database), defaults: batchDefaults)
            .run(
                BatchQueryReader.read(lines.joined(separator: "\n")).queries, writer: HitListFormat.trec.writer(),
                write: { output += $0 })
        #expect(report.problems.isEmpty)
        func batchIDs(_ qid: String) -> [String] {
            output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.filter { $0[0] == qid }.map { $0[2] }
        }
        func searchIDs(_ change: (inout SearchFilters) -> Void, sort: HitOrder = .relevance) throws -> [String] {
            var filters = SearchFilters()
            filters.language = .en
            change(&filters)
            return try corpus.search("AI OR 人工智能", limit: 50, relax: true, filters: filters, sort: sort).hits.map(\.id)
        }
        let now = IndexedCorpus.now
        let cases: [(String, [String])] = [
            ("zh", try searchIDs { $0.language = .zh }),
            ("recent", try searchIDs { $0.since = ISO8601DateParser.parse("2025-06-01") }),
            ("old", try searchIDs({ $0.until = DateBound.parse("2y", now: now) }, sort: .date)),
            ("good", try searchIDs({ $0.minimumQuality = 80 }, sort: .quality)),
            ("plain", try searchIDs { _ in }),
        ]
        for (qid, expected) in cases {
            #expect(!expected.isEmpty, "\(qid)")
            #expect(batchIDs(qid) == expected, "\(qid)")
        }
        #expect(Set(cases.map(\.1)).count == cases.count, "every filter changes the hits")
    }

    @Test func aQueryThatCannotRunIsReportedAndTheOthersRun() throws {
        let read = BatchQueryReader.read("1\tchips\n2\t🙂 !!\n3\t-chips\n4\t芯片\n")
        var problems: [BatchProblem] = []
        var output = ""
        let report = try BatchSearch(engine: engine, defaults: defaults).run(
            read.queries, writer: HitListFormat.trec.writer(), write: { output += $0 }, problem: { problems.append($0) })
        #expect(problems.map(\.line) == [2, 3])
        #expect(report.problems == problems)
        #expect(Set(output.split(separator: "\n").map { $0.prefix(2) }) == ["1 ", "4 "])
    }

    /// Searches run on several threads; the output must not depend on how many.
    @Test(arguments: [2, 3, 7])
    func parallelWorkersWriteTheSameAsOne(workers: Int) throws {
        let words = ["AI", "regulation", "芯片", "监管", "chips OR semiconductors", "\"export controls\"", "🙂", "rates", "EU -AI"]
        let text = (1...60).map { "\($0)\t\(words[$0 % words.count])" }.joined(separator: "\n")
        let queries = BatchQueryReader.read(text).queries
        func run(_ workers: Int) throws -> (String, [Int]) {
            var output = ""
            var problems: [Int] = []
            let search = BatchSearch(
                engine: SearchEngine(database: SampleCorpusSearchTests.sample.database), defaults: defaults, workers: workers)
            _ = try search.run(
                queries, writer: HitListFormat.jsonl.writer(), write: { output += $0 }, problem: { problems.append($0.line) })
            return (output, problems)
        }
        let one = try run(1)
        let many = try run(workers)
        #expect(!one.0.isEmpty)
        #expect(one.1 == [6, 15, 24, 33, 42, 51, 60], "the 🙂 lines")
        #expect(many.0 == one.0)
        #expect(many.1 == one.1)
    }

    @Test func progressIsReportedAfterEveryQuery() throws {
        let read = BatchQueryReader.read("1\tchips\n2\t芯片\n3\tchips\n")
        var seen: [Int] = []
        _ = try BatchSearch(engine: engine, defaults: defaults).run(
            read.queries, writer: HitListFormat.trec.writer(), write: { _ in }, progress: { seen.append($0.done) })
        #expect(seen == [1, 2, 3])
    }

    @Test func progressShowsOnlyAfterTheFirstSecondAndThenAtMostTenTimesASecond() {
        var schedule = ProgressSchedule()
        let shown = [0.0, 0.5, 0.99, 1.0, 1.05, 1.1, 1.15, 1.3, 5.0].filter { schedule.shouldShow(elapsed: $0) }
        #expect(shown == [1.0, 1.1, 1.3, 5.0])
        #expect(schedule.hasShown)
        var quick = ProgressSchedule()
        let early = quick.shouldShow(elapsed: 0.4)
        #expect(!early)
        #expect(!quick.hasShown)
    }
}

/// `newsq batch` as a user runs it.
@Suite struct BatchCommandTests {
    let cli = CommandLineTests()

    @Test func aBadLineIsReportedWithItsNumberAndExitStatusIsTwo() throws {
        let directory = TemporaryDirectory()
        let queries = directory.write("queries.tsv", "301\tchips\nthis line has no tab\n{\"qid\": \"303\", \"query\": \"芯片\"}\n")
            .path
        let outcome = try cli.run(["batch", queries, "--db", ExportFixture.corpus.database.path, "--format", "trec"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("queries.tsv:2: "), "\(outcome.stderr)")
        let qids = Set(outcome.stdout.split(separator: "\n").map { $0.split(separator: " ")[0] })
        #expect(qids == ["301", "303"])
    }

    @Test func standardInputAndAnOutputFile() throws {
        let directory = TemporaryDirectory()
        let file = directory.path("run.json").path
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["batch", "-", "--db", ExportFixture.corpus.database.path, "--format", "json", "--output", file]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data("1\tchips\n2\t芯片\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let searches = try #require(object["searches"] as? [[String: Any]])
        #expect(searches.map { $0["qid"] as? String } == ["1", "2"])
    }

    /// `--timings` lists every query that ran, in the file's order, with a time in milliseconds.
    @Test func timingsListEveryQueryThatRan() throws {
        let directory = TemporaryDirectory()
        let queries = directory.write("queries.tsv", "b\tchips\nno tab here\na\t芯片\nc\tAI regulation\n").path
        let timings = directory.path("timings.tsv").path
        let outcome = try cli.run(["batch", queries, "--db", ExportFixture.corpus.database.path, "--timings", timings, "-q"])
        #expect(outcome.status == 2)
        let lines = try String(contentsOfFile: timings, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
        #expect(lines.map { String($0[0]) } == ["b", "a", "c"])
        for line in lines {
            let milliseconds = try #require(Double(line[1]))
            #expect(milliseconds > 0 && milliseconds < 60_000)
        }
    }

    @Test func aMissingQueriesFileIsNamed() throws {
        let outcome = try cli.run(["batch", "/no/such/queries.tsv", "--db", ExportFixture.corpus.database.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("/no/such/queries.tsv"))
    }
}
