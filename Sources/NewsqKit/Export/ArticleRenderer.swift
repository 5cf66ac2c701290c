import Foundation

/// Renders one stored article for people (`newsq show`): its fields as labelled lines, then
/// excerpt, related articles and body as indented paragraphs.
public struct ArticleRenderer: Sendable {
    public let style: TerminalStyle

    public init(style: TerminalStyle) { self.style = style }

    public func render(_ article: StoredArticle) -> String {
        var fields: [(String, String?)] = [
            ("id", article.id),
            ("title", article.title),
            ("url", article.url),
            ("published", article.published.map(GregorianDateText.timestamp)),
            ("provider", article.provider.map { name in article.providerDomain.map { "\(name) (\($0))" } ?? name }),
            ("topics", article.topics.isEmpty ? nil : article.topics.joined(separator: "; ")),
            (
                "quality",
                article.quality.map { quality in
                    article.qualityRank.map { String(format: "%d (percentile %.2f)", quality, $0) } ?? String(quality)
                }
            ),
            ("heat", article.heat.map(String.init)),
            ("type", article.type),
            ("category", article.category),
            ("language", article.language),
        ]
        fields = fields.filter { $0.1 != nil }
        var lines = fields.map { label, value in
            style.dim(label.padding(toLength: 11, withPad: " ", startingAt: 0)) + (label == "title" ? style.bold(value!) : value!)
        }
        for (label, text) in [("excerpt", article.excerpt), ("related", article.related), ("body", article.body)]
        where !text.isEmpty {
            lines.append("")
            lines.append(style.bold(label))
            lines.append(contentsOf: text.components(separatedBy: "\n").map { $0.isEmpty ? "" : "  " + $0 })
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
