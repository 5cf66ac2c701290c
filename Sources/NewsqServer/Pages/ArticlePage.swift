import Foundation
import NewsqKit

/// One article: its metadata, its text, and links to its source and its JSON.
enum ArticlePage {
    static func html(_ article: StoredArticle) -> String {
        var rows: [(String, String)] = [("id", HTML.escaped(article.id))]
        if let published = article.published { rows.append(("published", HTML.escaped(SearchPage.day(published)))) }
        if let provider = article.provider { rows.append(("provider", link("provider", provider))) }
        if let domain = article.providerDomain { rows.append(("domain", HTML.escaped(domain))) }
        if let quality = article.quality { rows.append(("quality", String(quality))) }
        if let type = article.type { rows.append(("type", link("type", type))) }
        if let category = article.category { rows.append(("category", HTML.escaped(category))) }
        rows.append(("language", link("lang", article.language)))
        if !article.topics.isEmpty {
            rows.append(
                ("topics", "<span class=\"chips\">" + article.topics.map { link("topic", $0) }.joined(separator: " ") + "</span>")
            )
        }
        if let url = article.url {
            // Only web addresses become links: a javascript: URL in a front matter stays text.
            let lower = url.lowercased()
            let safe = lower.hasPrefix("http://") || lower.hasPrefix("https://")
            rows.append(
                (
                    "source",
                    safe ? "<a href=\"\(HTML.escaped(url))\" rel=\"noreferrer\">\(HTML.escaped(url))</a>" : HTML.escaped(url)
                ))
        }
        if !article.related.isEmpty { rows.append(("related", HTML.escaped(article.related))) }
        let table = rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined(separator: "\n")
        let content = """
            <article>
            <h1>\(HTML.escaped(article.title))</h1>
            <dl>
            \(table)
            </dl>
            <p class="downloads"><a href="/api/articles/\(HTML.escaped(ArticlePath.encoded(article.id)))">JSON</a></p>
            \(article.excerpt.isEmpty ? "" : "<p><strong>\(HTML.escaped(article.excerpt))</strong></p>")
            <div class="body">\(HTML.escaped(article.body))</div>
            </article>
            """
        return PageLayout.page(title: article.title, content: content)
    }

    private static func link(_ name: String, _ value: String) -> String {
        "<a href=\"/?\(HTML.query([(name, value)]))\">\(HTML.escaped(value))</a>"
    }
}
