import GRDB

extension SearchEngine {
    /// The ids of every article that matches all of `query` and passes `filters`, unranked:
    /// what a saved search compares with what it has shown.
    func matchingIDs(_ query: SearchQuery, filters: SearchFilters) throws -> [String] {
        let match = SearchEngine.matchExpression(for: query, analyzer: try Analyzer())
        let conditions = SearchFilterSQL(filters)
        do {
            return try database.pool.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT a.id FROM article_fts JOIN articles a ON a.docid = article_fts.rowid
                        WHERE article_fts MATCH ?\(conditions.andClause)
                        """, arguments: [match] + conditions.arguments)
            }
        } catch let error as DatabaseError {
            throw IndexError.searchFailed(reason: ArchiveDatabase.reason(error))
        }
    }
}
