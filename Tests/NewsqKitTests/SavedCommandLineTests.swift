import Foundation
import Testing
@testable import NewsqKit

/// `newsq saved` as a cron job runs it: the real binary, a real index, its output parsed.
@Suite struct SavedCommandLineTests {
    /// The ids of a `--format jsonl` output, in order.
    static func ids(_ output: String) throws -> [String] {
        try output.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["id"] as? String ?? ""
        }
    }

    @Test func savedSearchesShowEachNewArticleOnceThroughTheCommandLine() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Oil prices", body: "crude"))
        corpus.write("b.md", articleFile(title: "Gold", body: "metal"))
        let db = TemporaryDirectory().path("index.sqlite").path
        #expect(try Newsq.run(["index", corpus.url.path, "--db", db, "-q"]).status == 0)

        #expect(try Newsq.run(["saved", "add", "oil", "oil", "--lang", "en", "--db", db]).status == 0)
        let duplicate = try Newsq.run(["saved", "add", "oil", "gas", "--db", db])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("already named oil"))
        #expect(try Newsq.run(["saved", "list", "--db", db]).stdout == "oil \"oil\" --lang en\n")

        let first = try Newsq.run(["saved", "run", "--db", db, "--format", "jsonl"])
        #expect(first.status == 0)
        #expect(try Self.ids(first.stdout) == ["a"])
        #expect(try Newsq.run(["saved", "run", "oil", "--db", db, "--format", "jsonl"]).stdout == "")

        corpus.write("c.md", articleFile(title: "Oil spill", body: "coast"))
        corpus.write("b.md", articleFile(title: "Gold and oil", body: "metal"))
        #expect(try Newsq.run(["index", corpus.url.path, "--db", db, "-q"]).status == 0)
        #expect(try Set(Self.ids(Newsq.run(["saved", "run", "--db", db, "--format", "jsonl"]).stdout)) == ["b", "c"])

        let unknown = try Newsq.run(["saved", "run", "oill", "--db", db])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean oil?"))
        #expect(try Newsq.run(["saved", "remove", "oil", "--db", db]).status == 0)
        #expect(try Newsq.run(["saved", "list", "--db", db]).stdout == "")
    }
}
