import Foundation
import Testing
@testable import NewsqKit

/// The search and article pages of `newsq serve`, read as HTML from a real server.
@Suite struct ServePageTests {
    let commandLine = CommandLineTests()

    static let hostileTitles = [
        "<script>alert(1)</script> zebra",
        "\"><img src=x onerror=alert(1)> zebra",
        "zebra' onmouseover='alert(1)",
    ]

    /// An index whose articles carry markup in every field a page shows.
    func hostileIndex(_ directory: TemporaryDirectory) throws -> String {
        for (number, title) in Self.hostileTitles.enumerated() {
            let quoted = "'" + title.replacingOccurrences(of: "'", with: "''") + "'"
            directory.write(
                "corpus/hostile-\(number).md",
                """
                ---
                title: \(quoted)
                publishedDateTime: 2024-0\(number + 1)-01T00:00:00Z
                quality: 5
                url: "javascript:alert(1)"
                topics: ['<b onclick=x>zoo</b>']
                provider:
                  name: '<img src=y>'
                  domain: test.example
                ---
                Zebra text with &lt;script&gt; and <i>tags</i> \(title)
                """)
        }
        let db = directory.path("index.sqlite").path
        let outcome = try commandLine.run(["index", directory.path("corpus").path, "--db", db])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return db
    }

    @Test func articleTextIsShownAsTextNeverAsMarkup() throws {
        let directory = TemporaryDirectory()
        let server = try ServerProcess(database: try hostileIndex(directory))
        var pages = [try server.get("/?q=zebra").text]
        for number in Self.hostileTitles.indices { pages.append(try server.get("/articles/hostile-\(number)").text) }
        let search = pages[0]
        #expect(search.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(search.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        for page in pages {
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img"))
            #expect(!page.contains("<b onclick"))
            #expect(!page.contains("href=\"javascript:"))
            #expect(!page.contains("' onmouseover='"))
            // The only scripts are the server's own file.
            #expect(page.components(separatedBy: "<script").count == 2)
        }
    }

    @Test func hitsAreHighlightedWithFiltersAndPaging() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try commandLine.run(["index", Repository.corpus.path, "--db", db]).status == 0)
        let server = try ServerProcess(database: db)
        let page = try server.get("/?q=ai&limit=2").text
        #expect(page.contains("<mark>AI</mark>"))
        #expect(page.contains("<svg"))
        #expect(page.contains("href=\"/?q=ai&amp;limit=2&amp;offset=2\""))
        #expect(page.contains("href=\"/?q=ai&amp;limit=2&amp;topic=AI%20Regulation\""))
        #expect(page.contains("href=\"/api/search.csv?q=ai&amp;limit=2\""))
        #expect(page.contains("<span class=\"facet-name\">provider</span>"))
        #expect(page.contains("href=\"/?q=ai&amp;limit=2&amp;provider=Pacific%20Wire\">Pacific Wire</a> 5"))
        let filtered = try server.get("/?q=ai&limit=2&topic=AI%20Regulation").text
        #expect(filtered.contains("topic: AI Regulation ✕"))
        let typo = try server.get("/?q=regulaton&limit=2").text
        #expect(typo.contains("Did you mean <a href=\"/?limit=2&amp;q=regulation\">regulation</a>?"))
        let second = try server.get("/?q=ai&limit=2&offset=2").text
        #expect(second.contains("rel=\"prev\""))
        #expect(second.contains("<ol class=\"hits\" start=\"3\">"))
    }

    @Test func aChineseSearchIsHighlighted() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try commandLine.run(["index", Repository.corpus.path, "--db", db]).status == 0)
        let server = try ServerProcess(database: db)
        let page = try server.get("/?q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD")
        #expect(page.status == 200)
        #expect(page.text.contains("<mark>人工智能</mark>"))
    }

    @Test func aBadQueryShowsItsSentence() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try commandLine.run(["index", Repository.corpus.path, "--db", db]).status == 0)
        let server = try ServerProcess(database: db)
        let page = try server.get("/?q=ai&since=%3Cb%3E")
        #expect(page.status == 400)
        #expect(page.text.contains("&lt;b&gt; is neither a date"))
    }
}
