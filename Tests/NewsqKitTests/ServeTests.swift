import Foundation
import Testing
@testable import NewsqKit

/// `newsq serve` as a browser or a script meets it: a real server process on loopback, over
/// a real index of the repository's corpus, asked over a real socket.
@Suite struct ServeTests {
    let commandLine = CommandLineTests()

    /// The repository's corpus, indexed into a fresh file.
    func indexedCorpus(_ directory: TemporaryDirectory) throws -> String {
        let db = directory.path("index.sqlite").path
        let outcome = try commandLine.run(["index", Repository.corpus.path, "--db", db])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return db
    }

    static let searches: [(parameters: String, options: [String])] = [
        ("q=AI+regulation&limit=3", ["AI", "regulation", "--limit", "3"]),
        ("q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&lang=zh", ["人工智能", "--lang", "zh"]),
        ("q=oil&sort=date&offset=2&limit=4", ["oil", "--sort", "date", "--offset", "2", "--limit", "4"]),
        ("q=ai&topic=AI+Regulation&provider=AI+Brief+Daily", ["ai", "--topic", "AI Regulation", "--provider", "AI Brief Daily"]),
        (
            "q=ai&since=2024-01-01&until=2026-01-01&min_quality=5&explain=true",
            ["ai", "--since", "2024-01-01", "--until", "2026-01-01", "--min-quality", "5", "--explain"]
        ),
        (
            "q=%22central+bank%22+OR+inflation&strict=true&type=article",
            ["\"central bank\" OR inflation", "--strict", "--type", "article"]
        ),
        ("q=ai&timeline=true&by=year", ["ai", "--timeline", "--by", "year"]),
        ("q=AI+regulaton&explain=true", ["AI", "regulaton", "--explain"]),
        ("q=ai&facets=provider,topic,year&facet_limit=3", ["ai", "--facets", "provider,topic,year", "--facet-limit", "3"]),
        ("q=ai&recent=true&explain=true", ["ai", "--recent", "--explain"]),
    ]

    @Test(arguments: searches)
    func searchAnswersTheCommandLinesJSON(parameters: String, options: [String]) throws {
        let directory = TemporaryDirectory()
        let db = try indexedCorpus(directory)
        let server = try ServerProcess(database: db)
        let answer = try server.get("/api/search?\(parameters)&now=2026-11-28")
        let expected = try commandLine.run(["search"] + options + ["--format", "json", "--now", "2026-11-28", "--db", db])
        #expect(expected.status == 0, "\(expected.stderr)")
        #expect(answer.status == 200)
        #expect(answer.headers["content-type"] == "application/json; charset=utf-8")
        #expect(answer.text == expected.stdout)
    }

    static let refusals: [(path: String, status: Int, error: String)] = [
        ("/api/search?q=", 400, QueryError.empty.description),
        ("/api/search?q=%2D%2D%2D", 400, QueryError.nothingSearchable(query: "---").description),
        ("/api/search?q=ai&since=soon", 400, QueryError.badDate("soon").description),
        ("/api/search?q=ai&limit=0", 400, "limit must be a whole number from 1 to 1000; got 0"),
        ("/api/search?q=ai&sort=random", 400, "sort must be one of relevance, date, quality; got random"),
        (
            "/api/search?q=ai&color=red", 400,
            "unknown parameter color; parameters are q, limit, offset, since, until, topic, provider, type, lang, min_quality, sort, recent, explain, strict, now, timeline, by, facets, facet_limit"
        ),
        ("/api/search?q=ai&facets=provider,color", 400, "facets must be one of provider, topic, lang, type, year; got color"),
        ("/api/search?q=ai&lang=en&lang=zh", 400, "the parameter lang is given more than once; it takes one value"),
        ("/api/search.csv?q=", 400, QueryError.empty.description),
        ("/api/articles/2099/01/01-no-such-article", 404, "no article has the id 2099/01/01-no-such-article"),
        (
            "/api/nowhere", 404,
            "nothing is served at /api/nowhere; the search page is at / and the API under /api/ (see /api/openapi.json)"
        ),
    ]

    @Test(arguments: refusals)
    func refusalsAreJSONSentencesWithAStatus(path: String, status: Int, error: String) throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(database: try indexedCorpus(directory))
        let answer = try server.get(path)
        #expect(answer.status == status)
        #expect(answer.headers["content-type"] == "application/json; charset=utf-8")
        let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: String]
        #expect(object == ["error": error])
    }

    @Test func tooLongAQueryStringIsRefused() throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(database: try indexedCorpus(directory))
        let answer = try server.get("/api/search?q=" + String(repeating: "a", count: 5000))
        #expect(answer.status == 414)
        #expect(answer.text.contains("at most 4096 are allowed"))
    }

    static let escapingIDs = [
        "../../etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "2026/%2E%2E/%2E%2E/etc/passwd", "2026%2F..%2F..%2Fetc%2Fpasswd",
        "..%5C..%5Cetc%5Cpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "2026/./11", "",
    ]

    @Test(arguments: escapingIDs)
    func idsThatLeaveTheArchiveAreNotFound(id: String) throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(database: try indexedCorpus(directory))
        for prefix in ["/api/articles/", "/articles/"] {
            let answer = try server.get(prefix + id)
            #expect(answer.status == 404, "\(prefix + id)")
            #expect(!answer.text.contains("root:"))
            #expect(!answer.text.contains("<script>"))
        }
    }

    @Test func anArticleIsServedByItsID() throws {
        let directory = TemporaryDirectory()
        let db = try indexedCorpus(directory)
        let server = try ServerProcess(database: db)
        let id = "2026/11/09-ai-regulation-weekly-roundup"
        let answer = try server.get("/api/articles/\(id)")
        let expected = try commandLine.run(["show", id, "--format", "json", "--db", db])
        #expect(answer.status == 200)
        #expect(answer.text == expected.stdout)
        let page = try server.get("/articles/\(id)")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
        #expect(page.text.contains("AI Regulation Roundup"))
    }

    static let downloads: [(suffix: String, format: String, type: String)] = [
        ("csv", "csv", "text/csv; charset=utf-8"),
        ("tsv", "tsv", "text/tab-separated-values; charset=utf-8"),
        ("jsonl", "jsonl", "application/jsonl; charset=utf-8"),
        ("md", "markdown", "text/markdown; charset=utf-8"),
        ("trec", "trec", "text/plain; charset=utf-8"),
    ]

    @Test(arguments: downloads)
    func downloadsAreTheCommandLinesExports(suffix: String, format: String, type: String) throws {
        let directory = TemporaryDirectory()
        let db = try indexedCorpus(directory)
        let server = try ServerProcess(database: db)
        let answer = try server.get("/api/search.\(suffix)?q=oil&limit=5&now=2026-11-28")
        let expected = try commandLine.run([
            "search", "oil", "--limit", "5", "--format", format, "--now", "2026-11-28", "--db", db,
        ])
        #expect(answer.status == 200)
        #expect(answer.headers["content-type"] == type)
        #expect(answer.headers["content-disposition"] == "attachment; filename=\"newsq-search.\(suffix)\"")
        #expect(answer.text == expected.stdout)
    }

    @Test func statsAreTheCommandLinesJSON() throws {
        let directory = TemporaryDirectory()
        let db = try indexedCorpus(directory)
        let server = try ServerProcess(database: db)
        let expected = try commandLine.run(["stats", "--format", "json", "--db", db])
        #expect(try server.get("/api/stats").text == expected.stdout)
    }

    @Test func aRunningServerSeesWhatALaterIndexRunAdds() throws {
        let directory = TemporaryDirectory()
        let corpus = directory.path("corpus")
        directory.write("corpus/first.md", articleFile(title: "Giraffes in the city"))
        let db = directory.path("index.sqlite").path
        #expect(try commandLine.run(["index", corpus.path, "--db", db]).status == 0)
        let server = try ServerProcess(database: db)
        #expect(try hitIDs(server.get("/api/search?q=zebras")) == [])
        directory.write("corpus/second.md", articleFile(title: "Zebras cross the road"))
        #expect(try commandLine.run(["index", corpus.path, "--db", db]).status == 0)
        #expect(try hitIDs(server.get("/api/search?q=zebras")) == ["second"])
    }

    private func hitIDs(_ answer: RawHTTPResponse) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        return (object?["hits"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    }

    @Test func theServerNeverWritesTheIndex() throws {
        let directory = TemporaryDirectory()
        let db = try indexedCorpus(directory)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let server = try ServerProcess(database: db)
        #expect(try server.get("/api/search?q=oil").status == 200)
        #expect(try server.get("/api/stats").status == 200)
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
