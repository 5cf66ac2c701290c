/// Writes a `QueryExpression` as an FTS5 MATCH expression.
///
/// Every word and phrase becomes an FTS5 string (`"..."`, quotes doubled), so no user text is
/// ever read as FTS5 syntax: FTS5 hands the string to the newsq tokenizer, and a word that
/// analyses into several tokens (`人工智能` → 人工 智能) becomes a phrase.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#full_text_query_syntax>
enum FTS5QueryRenderer {
    static func render(_ expression: QueryExpression) -> String {
        switch expression {
        case .term(let text), .phrase(let text):
            return quoted(text)
        case .prefix(let text):
            return quoted(text) + " *"
        case .field(let field, let inner):
            return "{\(column(for: field))} : (\(render(inner)))"
        case .any(let parts):
            return "(" + parts.map(render).joined(separator: " OR ") + ")"
        case .excluded(let inner):
            // Only reached inside `.all`, which puts exclusions after its positives.
            return render(inner)
        case .all(let parts):
            var positives: [String] = []
            var negatives: [String] = []
            for part in parts {
                if case .excluded(let inner) = part {
                    negatives.append(render(inner))
                } else {
                    positives.append(render(part))
                }
            }
            var rendered = "(" + positives.joined(separator: " AND ") + ")"
            for negative in negatives {
                rendered += " NOT " + negative
            }
            return negatives.isEmpty ? rendered : "(" + rendered + ")"
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func column(for field: SearchField) -> String {
        switch field {
        case .title: "title"
        case .topic: "topics"
        case .provider: "provider"
        }
    }
}
