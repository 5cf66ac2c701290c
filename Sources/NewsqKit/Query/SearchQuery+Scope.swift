extension SearchQuery {
    /// The query limited to articles whose `field` contains `value` as a phrase: the same as
    /// adding `field:"value"` to the query, without `value` ever being read as query syntax
    /// (a batch's per-query `topic` or `provider` filter may hold quotes or parentheses).
    ///
    /// For example:
    ///
    /// ```swift
    /// let query = try SearchQuery("chips", analyzer: analyzer).scoped(to: .topic, "Export Controls", analyzer: analyzer)
    /// // .all([.term("chips"), .field(.topic, .phrase("Export Controls"))]); its text stays "chips"
    /// ```
    public func scoped(to field: SearchField, _ value: String, analyzer: Analyzer) throws(QueryError) -> SearchQuery {
        guard analyzer.hasTokens(value) else { throw .nothingSearchable(query: value) }
        let scope = QueryExpression.field(field, .phrase(value))
        let combined: QueryExpression =
            if case .all(let parts) = expression { .all(parts + [scope]) } else { .all([expression, scope]) }
        return SearchQuery(text: text, expression: combined)
    }

    /// A query of an expression already made safe, keeping the text the user typed.
    init(text: String, expression: QueryExpression) {
        self.text = text
        self.expression = expression
    }
}
