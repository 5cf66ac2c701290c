import Foundation
import Testing
@testable import NewsqKit

@Suite struct SHA256Tests {
    /// FIPS 180-2 examples, and a message that fills a block exactly.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func matchesTheStandardTestVectors(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
    }
}

@Suite struct ArticleExportTests {
    var store: ArticleStore { ArticleStore(database: ExportFixture.corpus.database) }

    func export(_ format: ArticleExportFormat, matching query: String? = nil) throws -> String {
        var output = ""
        let searchQuery = try query.map { try SearchQuery($0, analyzer: Analyzer()) }
        try store.forEach(matching: searchQuery) { output += try format.lines(for: $0, index: "news") }
        return output
    }

    func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test func ndjsonHasEveryArticleWithItsFieldsIntact() throws {
        let output = try export(.ndjson)
        #expect(output.hasSuffix("\n"))
        let lines = output.split(separator: "\n")
        #expect(lines.count == ExportFixture.files.count)
        var seen: [String] = []
        for line in lines {
            let object = try object(line)
            let id = try #require(object["id"] as? String)
            seen.append(id)
            let article = try #require(try store.article(id: id))
            #expect(object["title"] as? String == article.title)
            #expect(object["body"] as? String == article.body)
            #expect(object["topics"] as? [String] == article.topics)
            #expect(object["provider"] as? String == article.provider)
            #expect(object["url"] as? String == article.url)
            #expect(object["quality"] as? Int == article.quality)
        }
        #expect(seen == seen.sorted(), "articles come in id order")
        let quotes = try object(try #require(lines.first { $0.contains("2024/03/quotes") }))
        #expect(quotes["title"] as? String == "Chips, \"quotes\" and commas: 芯片出口管制")
        #expect((quotes["body"] as? String)?.contains("\n") == true)
        #expect(quotes["published"] as? String == "2024-03-13T12:00:00Z")
    }

    /// The `_bulk` rules: NDJSON, an action line then a source line per document, each line
    /// one JSON object, the body ending in a newline.
    @Test func esBulkFollowsTheBulkRules() throws {
        let output = try export(.esBulk)
        #expect(output.hasSuffix("\n"))
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2 * ExportFixture.files.count)
        #expect(!lines.contains(""))
        var ids = Set<String>()
        for pair in stride(from: lines.startIndex, to: lines.endIndex, by: 2) {
            let action = try object(lines[pair])
            #expect(Array(action.keys) == ["index"])
            let target = try #require(action["index"] as? [String: Any])
            #expect(target["_index"] as? String == "news")
            let id = try #require(target["_id"] as? String)
            #expect(id.count == 64 && id.allSatisfy(\.isHexDigit))
            let source = try object(lines[pair + 1])
            #expect(source["index"] == nil, "a source line is never an action")
            let expected = (source["url"] as? String) ?? (source["id"] as! String)
            #expect(id == SHA256.hex(expected))
            ids.insert(id)
        }
        #expect(ids.count == ExportFixture.files.count)
    }

    @Test func esBulkIsTheSameByteForByteOnEveryRun() throws {
        #expect(try export(.esBulk) == export(.esBulk))
    }

    @Test func aQueryExportsOnlyWhatItMatches() throws {
        let output = try export(.ndjson, matching: "provider:中央社")
        let ids = try output.split(separator: "\n").map { try object($0)["id"] as? String }
        #expect(ids == ["2023/11/traditional"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExternalTool.pythonPath)))
    func documentIDsAgreeWithPythonsHashlib() throws {
        let output = try export(.esBulk)
        let script = """
            import hashlib, json, sys
            lines = sys.stdin.read().split("\\n")[:-1]
            for action, source in zip(lines[0::2], lines[1::2]):
                key = json.loads(source).get("url") or json.loads(source)["id"]
                assert json.loads(action)["index"]["_id"] == hashlib.sha256(key.encode("utf-8")).hexdigest(), key
            print(len(lines) // 2)
            """
        let run = try ExternalTool.python(script, input: output)
        let printed = String(decoding: run.output, as: UTF8.self)
        #expect(run.status == 0)
        #expect(printed == "\(ExportFixture.files.count)\n")
    }

    @Test func theMappingKnowsEveryExportedFieldAndMirrorsTheRanking() throws {
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(ElasticsearchMapping.document().utf8)) as? [String: Any])
        let index = try #require(document["index"] as? [String: Any])
        let mappings = try #require(index["mappings"] as? [String: Any])
        #expect(mappings["dynamic"] as? String == "strict")
        let properties = try #require(mappings["properties"] as? [String: [String: Any]])
        // A strict mapping refuses documents with unknown fields: every exported key must be mapped.
        for line in try export(.ndjson).split(separator: "\n") {
            for key in try object(line).keys { #expect(properties[key] != nil, "\(key) is not mapped") }
        }
        for field in ArchiveSchema.searchableColumns {
            #expect(properties[field]?["analyzer"] as? String == ElasticsearchMapping.analyzerName)
        }
        let analysis = try #require((index["settings"] as? [String: Any])?["analysis"] as? [String: Any])
        let analyzer = try #require((analysis["analyzer"] as? [String: [String: Any]])?[ElasticsearchMapping.analyzerName])
        #expect(analyzer["tokenizer"] as? String == "icu_tokenizer")
        let filters = try #require(analysis["filter"] as? [String: [String: Any]])
        #expect(filters.values.contains { $0["type"] as? String == "icu_folding" })

        let template = String(decoding: try JSONSerialization.data(withJSONObject: document["search_template"]!), as: UTF8.self)
        let parameters = RankingParameters()
        #expect(template.contains("\"offset\":\"\(Int(parameters.recencyOffsetDays))d\""))
        #expect(template.contains("\"scale\":\"\(Int(parameters.recencyScaleDays))d\""))
        #expect(template.contains("\"decay\":\(parameters.recencyDecay)"))
        #expect(template.contains("\"field\":\"quality_rank\""))
        #expect(template.contains("\"title^\(String(format: "%g", parameters.titleWeight))\""))
        #expect(template.contains("function_score"))
    }

    @Test(arguments: [(7.0, "7d"), (365, "365d"), (0.5, "12h")])
    func durationsAreWrittenAsElasticsearchReadsThem(days: Double, text: String) {
        #expect(ElasticsearchMapping.days(days) == text)
    }
}

@Suite struct ShowAndStatsTests {
    var store: ArticleStore { ArticleStore(database: ExportFixture.corpus.database) }

    @Test(arguments: [
        "2024/03/quotes", "2024/03/quotes.md", "./2024/03/quotes.md", "corpus/2024/03/quotes.md", "/abs/dir/2024/03/quotes.md",
    ])
    func anArticleIsFoundByItsIdOrItsFilePath(name: String) throws {
        #expect(try store.article(named: name).id == "2024/03/quotes")
    }

    @Test func anUnknownIdSuggestsSimilarOnes() throws {
        #expect(throws: ArticleLookupError.notFound(id: "quote", suggestions: ["2024/03/quotes"])) {
            try store.article(named: "quote")
        }
        let error = ArticleLookupError.notFound(id: "zzz", suggestions: [])
        #expect(error.description.contains("no article has the id zzz"))
    }

    @Test func theRendererShowsEveryStoredField() throws {
        let text = ArticleRenderer(style: TerminalStyle(colors: false)).render(try store.article(named: "2024/03/quotes"))
        for expected in [
            "2024/03/quotes", "Chips, \"quotes\" and commas", "https://news.example.com/chips?x=(1)&y=2",
            "2024-03-13T12:00:00Z", "(wire.example.com)", "芯片; Export, Controls", "quality    80",
            "\nbody\n  The body talks about chips",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    @Test func statisticsAddUpToTheArticleCount() throws {
        let statistics = try IndexStatistics.gather(ExportFixture.corpus.database)
        let total = ExportFixture.files.count
        #expect(statistics.articles == total)
        #expect(statistics.providers.map(\.articles).reduce(0, +) == total)
        #expect(statistics.languages.map(\.articles).reduce(0, +) == total)
        #expect(statistics.years.map(\.articles).reduce(0, +) == total)
        #expect(statistics.years.map(\.value) == ["2023", "2024", "undated"])
        #expect(statistics.topics.first { $0.value == "芯片" }?.articles == 1)
        #expect(statistics.bytes > 0)
        #expect(statistics.root != nil)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(StatisticsRenderer.json(statistics).utf8)) as? [String: Any])
        #expect(json["articles"] as? Int == total)
        #expect(json["failed_files"] as? Int == 0)
    }
}

/// `newsq export`, `show` and `stats` as a user runs them.
@Suite struct ArticleCommandTests {
    let cli = CommandLineTests()
    var db: String { ExportFixture.corpus.database.path }

    @Test func esBulkToAFileIsStableAcrossRuns() throws {
        let directory = TemporaryDirectory()
        let first = directory.path("a.ndjson").path, second = directory.path("b.ndjson").path
        #expect(try cli.run(["export", "--format", "es-bulk", "--db", db, "--output", first]).status == 0)
        #expect(try cli.run(["export", "--format", "es-bulk", "--db", db, "--output", second]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(!bytes.isEmpty)
        #expect(bytes == (try Data(contentsOf: URL(fileURLWithPath: second))))
    }

    @Test func theMappingIsOneJSONDocument() throws {
        let outcome = try cli.run(["export", "--es-mapping"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(object?.keys.sorted() == ["index", "search_template"])
    }

    @Test func showAndStats() throws {
        let show = try cli.run(["show", "2023/11/traditional", "--db", db, "--format", "json"])
        #expect(show.status == 0, "\(show.stderr)")
        let article = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(article?["provider"] as? String == "中央社")
        let missing = try cli.run(["show", "nope", "--db", db])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no article has the id nope"))
        let stats = try cli.run(["stats", "--db", db], environment: ["NO_COLOR": "1"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.hasPrefix("\(ExportFixture.files.count) articles in "))
        #expect(stats.stdout.contains("providers (4)"))
    }
}
