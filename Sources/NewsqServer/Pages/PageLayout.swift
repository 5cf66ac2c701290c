/// The frame of every page: head, header with the search box, and the page's content.
enum PageLayout {
    static func page(title: String, query: String = "", hidden: [(String, String)] = [], content: String) -> String {
        let fields = hidden.map { name, value in
            "<input type=\"hidden\" name=\"\(HTML.escaped(name))\" value=\"\(HTML.escaped(value))\">"
        }.joined()
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escaped(title)) · newsq</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/static/style.css">
            <script src="/static/app.js" defer></script>
            </head>
            <body>
            <header>
            <a class="home" href="/">newsq</a>
            <form action="/" method="get" role="search">
            <input id="q" type="search" name="q" value="\(HTML.escaped(query))" placeholder="AI regulation · 人工智能 监管" aria-label="Search" autocomplete="off">
            \(fields)<button type="submit">Search</button>
            </form>
            </header>
            <main>
            \(content)
            </main>
            </body>
            </html>

            """
    }

    /// The query language, as `newsq search --help` tells it.
    static let help = """
        <details class="help"><summary>How to write a query</summary>
        <ul>
        <li>All words must match: <code>oil prices</code>; Chinese needs no spaces: <code>人工智能监管</code></li>
        <li><code>"quoted phrases"</code> match words together</li>
        <li><code>OR</code> between two words matches either: <code>opec OR oil</code></li>
        <li><code>-word</code> leaves out articles with the word</li>
        <li><code>word*</code> matches a prefix</li>
        <li><code>title:</code>, <code>topic:</code> and <code>provider:</code> limit a word to a field</li>
        <li>parentheses group: <code>(oil OR gas) prices</code></li>
        </ul>
        <p>Hits are ranked by relevance × recency × quality.</p>
        </details>
        """
}
