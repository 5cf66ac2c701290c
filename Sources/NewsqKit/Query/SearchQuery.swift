/// A query that is safe to run: parsed, and pruned of every part with nothing searchable in it
/// (punctuation, emoji), with at least one part to search for.
///
/// For example:
///
/// ```swift
/// let query = try SearchQuery("\"AI regulation\" -crypto 🙂", analyzer: analyzer)
/// // .all([.phrase("AI regulation"), .excluded(.term("crypto"))])
/// ```
public struct SearchQuery: Sendable, Equatable {
    /// The query as the user typed it.
    public let text: String
    public let expression: QueryExpression

    public init(_ text: String, analyzer: Analyzer) throws(QueryError) {
        let parsed = try QueryParser.parse(text)
        guard let pruned = try Self.prune(parsed, analyzer: analyzer) else {
            throw .nothingSearchable(query: text)
        }
        if case .excluded = pruned { throw .onlyExclusions }
        self.text = text
        self.expression = pruned
    }

    private static func prune(_ expression: QueryExpression, analyzer: Analyzer) throws(QueryError) -> QueryExpression? {
        switch expression {
        case .term(let text), .prefix(let text), .phrase(let text):
            return analyzer.hasTokens(text) ? expression : nil
        case .field(let field, let inner):
            return try prune(inner, analyzer: analyzer).map { .field(field, $0) }
        case .excluded(let inner):
            return try prune(inner, analyzer: analyzer).map { .excluded($0) }
        case .near(let parts, let distance):
            let kept = try prune(parts, analyzer: analyzer)
            return kept.count <= 1 ? kept.first : .near(kept, distance: distance)
        case .any(let parts):
            // "a OR -b" has no sensible reading: exclusions inside alternatives are dropped.
            let kept = try prune(parts, analyzer: analyzer).filter { if case .excluded = $0 { false } else { true } }
            return kept.count <= 1 ? kept.first : .any(kept)
        case .all(let parts):
            let kept = try prune(parts, analyzer: analyzer)
            let hasPositive = kept.contains { if case .excluded = $0 { false } else { true } }
            if !kept.isEmpty, !hasPositive { throw .onlyExclusions }
            return kept.count <= 1 ? kept.first : .all(kept)
        }
    }

    private static func prune(_ parts: [QueryExpression], analyzer: Analyzer) throws(QueryError) -> [QueryExpression] {
        var kept: [QueryExpression] = []
        for part in parts {
            if let pruned = try prune(part, analyzer: analyzer) { kept.append(pruned) }
        }
        return kept
    }
}
