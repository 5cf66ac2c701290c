import Foundation
import Testing
@testable import NewsqKit

/// Writes hits with Chinese, quotes, commas, tabs and line breaks in every format, then reads
/// them back with a real parser and checks each value survived.
@Suite struct HitListFormatTests {
    /// The fixture corpus's hits, and hits built by hand with CR LF and tabs.
    static let cases: [(String, AnsweredQuery)] = [
        ("corpus", AnsweredQuery(qid: "q7", results: try! ExportFixture.results())),
        ("hand-made", AnsweredQuery(qid: nil, results: ExportFixture.handMade)),
    ]

    /// The values a row must carry, in `CSVHitWriter.columns` order.
    static func expectedRow(_ hit: SearchHit, _ search: AnsweredQuery) -> [String] {
        [
            search.qid ?? "", search.results.query, String(hit.rank), String((hit.score * 1_000_000).rounded() / 1_000_000),
            hit.id, hit.title.plain, hit.url ?? "", hit.published.map { $0.formatted(.iso8601) } ?? "",
            hit.provider ?? "", hit.topics.joined(separator: "; "), hit.quality.map(String.init) ?? "",
            hit.type ?? "", hit.language, hit.snippet.plain, String(hit.isRelaxed),
        ]
    }

    @Test func theFixtureHoldsTheHardCases() throws {
        let results = try ExportFixture.results()
        #expect(results.total == ExportFixture.files.count)
        let fields = results.hits.flatMap { [$0.title.plain, $0.provider ?? "", $0.snippet.plain] + $0.topics }
        #expect(fields.contains { $0.contains("\"") })
        #expect(fields.contains { $0.contains(",") })
        #expect(fields.contains { $0.contains("芯片") })
        // The corpus reader turns line breaks in these fields into spaces: the hand-made hits hold them.
        #expect(Self.cases[1].1.results.hits.contains { $0.title.plain.contains("\r\n") && $0.provider!.contains("\n") })
        #expect(results.hits.contains { $0.id == "with space" })
    }

    @Test(arguments: [HitListFormat.csv, .tsv], [0, 1])
    func delimitedRoundTripsThroughAStrictReader(format: HitListFormat, caseIndex: Int) throws {
        let search = Self.cases[caseIndex].1
        let delimiter: Character = format == .csv ? "," : "\t"
        let output = try format.writer().document([search])
        let records = try RFC4180Reader(delimiter: delimiter).records(output)
        #expect(records.first == CSVHitWriter.columns)
        #expect(Array(records.dropFirst()) == search.results.hits.map { Self.expectedRow($0, search) })
        #expect(output.hasSuffix(format == .csv ? "\r\n" : "\n"))
    }

    /// Python's csv module is the reference reader named by the issue.
    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: ExternalTool.pythonPath)),
        arguments: [HitListFormat.csv, .tsv], [false, true])
    func delimitedRoundTripsThroughPythonsCSVModule(format: HitListFormat, bom: Bool) throws {
        let searches = Self.cases.map(\.1)
        let output = try format.writer(HitListOptions(byteOrderMark: bom)).document(searches)
        #expect(output.hasPrefix("\u{FEFF}") == bom)
        let script = """
            import csv, io, json, sys
            text = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
            json.dump(list(csv.reader(text, delimiter=sys.argv[1], strict=True)), sys.stdout)
            """
        let run = try ExternalTool.python(script, arguments: [format == .csv ? "," : "\t"], input: output)
        let data = run.output
        #expect(run.status == 0)
        let rows = try JSONDecoder().decode([[String]].self, from: data)
        let expected =
            [CSVHitWriter.columns]
            + searches.flatMap { search in
                search.results.hits.map { Self.expectedRow($0, search) }
            }
        #expect(rows == expected)
    }

    @Test(arguments: [0, 1])
    func jsonLinesHaveOneHitPerLineWithItsQuery(caseIndex: Int) throws {
        let search = Self.cases[caseIndex].1
        let output = try HitListFormat.jsonl.writer().document([search])
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(lines.count == search.results.hits.count + 1)
        for (line, hit) in zip(lines, search.results.hits) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["id"] as? String == hit.id)
            #expect(object["rank"] as? Int == hit.rank)
            #expect(object["query"] as? String == search.results.query)
            #expect(object["qid"] as? String == search.qid)
            #expect(object["title"] as? String == hit.title.marked(open: "<mark>", close: "</mark>"))
            #expect(object["snippet"] as? String == hit.snippet.marked(open: "<mark>", close: "</mark>"))
            #expect(object["provider"] as? String == hit.provider)
            #expect(object["topics"] as? [String] == hit.topics)
        }
    }

    struct DecodedDocument: Decodable {
        struct Hit: Decodable, Equatable {
            let id: String
            let rank: Int
            let title: String
            let provider: String?
            let topics: [String]
            let explanation: ScoreExplanation?
        }
        let version: Int
        let qid: String?
        let query: String
        let total: Int
        let hits: [Hit]
    }

    @Test func jsonDocumentKeepsSchemaVersionOneAndTheExplanation() throws {
        let results = try ExportFixture.results(explain: true)
        let output = try HitListFormat.json.writer().document([AnsweredQuery(qid: "7", results: results)])
        let document = try JSONDecoder().decode(DecodedDocument.self, from: Data(output.utf8))
        #expect(document.version == 1)
        #expect(document.qid == "7")
        #expect(document.total == results.total)
        #expect(document.hits.map(\.id) == results.hits.map(\.id))
        #expect(document.hits.map(\.provider) == results.hits.map(\.provider))
        #expect(document.hits.allSatisfy { $0.explanation != nil })
    }

    @Test func batchJSONIsOneDocumentOfSearches() throws {
        let searches = Self.cases.map(\.1)
        let output = try HitListFormat.json.writer(HitListOptions(batch: true)).document(searches)
        struct Batch: Decodable {
            let version: Int
            let searches: [DecodedDocument]
        }
        let batch = try JSONDecoder().decode(Batch.self, from: Data(output.utf8))
        #expect(batch.version == 1)
        #expect(batch.searches.map(\.query) == searches.map(\.results.query))
        #expect(batch.searches.map(\.qid) == searches.map(\.qid))
    }

    @Test(arguments: [0, 1])
    func trecRunHasSixColumnsPerHit(caseIndex: Int) throws {
        let search = Self.cases[caseIndex].1
        let output = try HitListFormat.trec.writer().document([search])
        let lines = output.split(separator: "\n")
        #expect(lines.count == search.results.hits.count)
        var previousScore = Double.infinity
        for (index, (line, hit)) in zip(lines, search.results.hits).enumerated() {
            let columns = line.split(whereSeparator: \.isWhitespace).map(String.init)
            try #require(columns.count == 6, "\(line)")
            #expect(columns[0] == search.qid ?? "1")
            #expect(columns[1] == "Q0")
            #expect(columns[2].removingPercentEncoding == hit.id)
            #expect(Int(columns[3]) == index + 1)
            let score = try #require(Double(columns[4]))
            #expect(score <= previousScore)
            previousScore = score
            #expect(columns[5] == "newsq")
        }
    }

    @Test func markdownDigestEscapesArticleText() throws {
        let results = try ExportFixture.results()
        let output = try HitListFormat.markdown.writer().document([AnsweredQuery(qid: nil, results: results)])
        let items = output.split(separator: "\n").filter { $0.range(of: #"^\d+\. "#, options: .regularExpression) != nil }
        #expect(items.count == results.hits.count)
        #expect(output.contains(#"\*Bold\* \[claims\] about chips \<b\>& AT& #1 \| \`code\` \_under\_"#))
        #expect(output.contains("(https://news.example.com/a%20b%3Cc%3E)"))
        #expect(output.contains("(https://news.example.com/chips?x=%281%29&y=2)"))
        #expect(output.contains("\n   " + ##"\#"## + " **chips** heading"))
        // Line breaks in a field never start a new Markdown block.
        for line in output.split(separator: "\n") where line.hasPrefix("#") {
            #expect(line.hasPrefix("## "))
        }
        #expect(!output.contains("\n   - "))
    }

    @Test(arguments: [("AT&amp; T", #"AT\&amp; T"#), ("a & b", "a & b"), ("&#35;", #"\&#35;"#), ("x*y_z", #"x\*y\_z"#)])
    func markdownEscapesEntitiesAndEmphasis(text: String, escaped: String) {
        #expect(MarkdownDigestWriter.escaped(text) == escaped)
    }

    @Test(arguments: [("# a", ##"\# a"##), ("12. a", #"12\. a"#), ("- a", #"\- a"#), ("2024-03-13 · x", "2024-03-13 · x")])
    func markdownLinesNeverStartABlock(line: String, escaped: String) {
        #expect(MarkdownDigestWriter.atLineStart(line) == escaped)
    }

    @Test func textOfABatchHeadsEachSearchWithItsQueryID() throws {
        let searches = Self.cases.map(\.1)
        let output = try HitListFormat.text.writer(HitListOptions(batch: true)).document(searches)
        #expect(output.hasPrefix("[q7] chips OR 芯片\n"))
        #expect(output.contains("\n[2] chips, \"芯片\"\tq\n"))
    }

    @Test(arguments: [("plain", "plain"), ("with space", "with%20space"), ("50%", "50%25"), ("a\tb", "a%09b"), ("中 文", "中%20文")])
    func trecTokensNeverHoldWhitespace(id: String, token: String) {
        #expect(TRECRunWriter.token(id) == token)
        #expect(token.removingPercentEncoding == id)
    }
}
