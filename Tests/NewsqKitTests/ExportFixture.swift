import Foundation
@testable import NewsqKit

/// A small corpus whose every field is hard to export: Chinese, double quotes, commas, line
/// breaks, tabs, Markdown markup, a space in an id, missing dates and URLs. Every article
/// mentions chips (芯片), so one search returns them all.
enum ExportFixture {
    static let files: [String: String] = [
        "2024/03/quotes.md": """
        ---
        title: "Chips, \\"quotes\\" and commas: 芯片出口管制"
        excerpt: "Chip export rules, \\"tightened\\" again,\\nline two of the excerpt; 芯片"
        publishedDateTime: 2024-03-13T12:00:00Z
        quality: 80
        webUrl: "https://news.example.com/chips?x=(1)&y=2"
        type: article
        provider:
          name: "Wire, \\"Asia\\"\\nDesk"
          domain: wire.example.com
        topics:
          - 芯片
          - "Export, Controls"
        ---
        The body talks about chips, with a "quoted" line.

        And a second paragraph about 芯片.
        """,
        "2024/05/markup.md": """
        ---
        title: "*Bold* [claims] about chips <b>& AT&amp; #1 | `code` _under_"
        excerpt: "# chips heading\\n- not a list\\n1. not a list either"
        publishedDateTime: 2024-05-02T08:30:00+08:00
        quality: 20
        webUrl: "https://news.example.com/a b<c>"
        provider:
          name: "- Dash Wire"
        topics: []
        ---
        Tabs\tand chips.
        """,
        "2023/11/traditional.md": """
        ---
        title: "人工智慧晶片 chips 監管，「引號」與逗號"
        excerpt: "台灣的芯片與 AI 監管：新規，\\"嚴格\\""
        publishedDateTime: 2023-11-20T02:00:00Z
        webUrl: "https://news.example.tw/晶片"
        provider:
          name: 中央社
        topics:
          - 半導體
        ---
        正文提到芯片和 chips。
        """,
        "with space.md": """
        ---
        title: "A file name with a space, about chips"
        excerpt: "No date, no quality, no URL: chips"
        ---
        """,
    ]

    static let directory: TemporaryDirectory = {
        let directory = TemporaryDirectory()
        for (path, contents) in files { directory.write(path, contents) }
        return directory
    }()

    static let corpus = try! IndexedCorpus(root: directory.url)

    /// Every article, ranked: the query matches them all.
    static func results(explain: Bool = false) throws -> SearchResults {
        try corpus.search("chips OR 芯片", limit: 10, explain: explain)
    }

    /// Hits built by hand with what the corpus cannot hold (CR LF, tabs, emoji in every field).
    static let handMade: SearchResults = {
        func text(_ parts: (String, Bool)...) -> HighlightedText {
            HighlightedText(runs: parts.map { HighlightedText.Run(text: $0.0, isMatch: $0.1) })
        }
        let hits = [
            SearchHit(
                rank: 1, score: 7.25, id: "2024/01/a", title: text(("Chips, \"ok\"\r\nand ", false), ("芯片", true)),
                snippet: text(("tab\there, ", false), ("chips", true), (" 🙂 \"end\"", false)),
                url: "https://example.com/a,b", published: Date(timeIntervalSince1970: 1_700_000_000),
                provider: "Line\nBreak, Inc.", topics: ["a,b", "c\"d"], quality: 3, type: "article",
                language: "en", explanation: nil),
            SearchHit(
                rank: 2, score: 0.5, id: "b c%d", title: text(("", false)), snippet: text(("", false)),
                url: nil, published: nil, provider: nil, topics: [], quality: nil, type: nil,
                language: "zh", explanation: nil),
        ]
        return SearchResults(query: "chips, \"芯片\"\tq", total: 2, offset: 0, hits: hits)
    }()
}
