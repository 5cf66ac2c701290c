/// A parsed search query: what the user asked for, before any engine syntax.
public indirect enum QueryExpression: Sendable, Equatable {
    /// A word as typed; it may analyse into several tokens (`人工智能`, `e-mail`), which must
    /// then appear together, in order.
    case term(String)
    /// A word typed with a trailing `*`: any word that starts with it.
    case prefix(String)
    /// A `"quoted phrase"`: its words together, in order.
    case phrase(String)
    /// A part limited to one field: `title:`, `topic:`, `provider:`.
    case field(SearchField, QueryExpression)
    /// Every part must match.
    case all([QueryExpression])
    /// At least one part must match.
    case any([QueryExpression])
    /// Articles matching this part are left out (`-word`, `NOT word`).
    case excluded(QueryExpression)
    /// Words and phrases within `distance` words of each other: `NEAR(ai chips, 5)`.
    case near([QueryExpression], distance: Int)
}

/// A field a query part can be limited to.
public enum SearchField: String, Sendable, CaseIterable {
    case title
    case topic
    case provider
}

extension QueryExpression: CustomStringConvertible {
    /// A compact reading of the expression, for `newsq analyze --query`:
    /// `AND(term 監管, NOT(term 政策))`.
    public var description: String {
        switch self {
        case .term(let text): "term \(text)"
        case .prefix(let text): "prefix \(text)*"
        case .phrase(let text): "phrase \"\(text)\""
        case .field(let field, let inner): "\(field.rawValue):(\(inner))"
        case .all(let parts): "AND(" + parts.map(\.description).joined(separator: ", ") + ")"
        case .any(let parts): "OR(" + parts.map(\.description).joined(separator: ", ") + ")"
        case .excluded(let inner): "NOT(\(inner))"
        case .near(let parts, let distance): "NEAR(" + parts.map(\.description).joined(separator: ", ") + "; \(distance))"
        }
    }
}

extension QueryExpression {
    /// The query loosened for when too few articles match every word: any of the top-level
    /// words, while field scopes (`title:...`) and exclusions stay required. Bm25 then ranks
    /// articles with more, and rarer, words higher. `nil` when there is nothing to loosen.
    public var relaxed: QueryExpression? {
        guard case .all(let parts) = self else { return nil }
        var loose: [QueryExpression] = []
        var required: [QueryExpression] = []
        for part in parts {
            switch part {
            case .excluded, .field: required.append(part)
            default: loose.append(part)
            }
        }
        guard loose.count >= 2 else { return nil }
        return required.isEmpty ? .any(loose) : .all([.any(loose)] + required)
    }
}

extension QueryExpression {
    /// The text of a word, prefix or phrase (empty for other parts).
    var leafText: String {
        switch self {
        case .term(let text), .prefix(let text), .phrase(let text): text
        default: ""
        }
    }
}
