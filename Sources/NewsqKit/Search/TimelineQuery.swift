import GRDB

/// Counts every article a query matches per day of publication (UTC), inside SQLite, for
/// `newsq search --timeline`. Only counts leave the database, however many articles match.
public struct TimelineQuery: Sendable {
    private let database: ArchiveDatabase

    public init(database: ArchiveDatabase) {
        self.database = database
    }

    /// Matches per day, days counted from 1970-01-01 (UTC), and matches without a date.
    public func dayCounts(for query: SearchQuery, filters: SearchFilters = SearchFilters()) throws -> (
        days: [Int: Int], undated: Int
    ) {
        let match = SearchEngine.matchExpression(for: query, analyzer: try Analyzer())
        return try dayCounts(
            from: "article_fts JOIN articles a ON a.docid = article_fts.rowid WHERE article_fts MATCH ?",
            arguments: [match], filters: filters, query: query)
    }

    /// Every article the filters keep, matching or not, per day of publication: what
    /// `--share` divides a query's counts by, so a growing archive is not read as growing interest.
    public func articleDayCounts(filters: SearchFilters = SearchFilters()) throws -> (days: [Int: Int], undated: Int) {
        try dayCounts(from: "articles a WHERE 1", arguments: [], filters: filters, query: nil)
    }

    private func dayCounts(
        from source: String, arguments: StatementArguments, filters: SearchFilters, query: SearchQuery?
    ) throws -> (days: [Int: Int], undated: Int) {
        let conditions = SearchFilterSQL(filters)
        return try database.readMatches(of: query) { db in
            // Integer division truncates toward zero: dates before 1970 step back a day.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT CASE WHEN a.published IS NULL THEN NULL
                                WHEN a.published >= 0 THEN CAST(a.published AS INTEGER) / 86400
                                ELSE (CAST(a.published AS INTEGER) - 86399) / 86400 END AS day,
                           count(*)
                    FROM \(source)\(conditions.andClause)
                    GROUP BY day
                    """, arguments: arguments + conditions.arguments)
            var days: [Int: Int] = [:]
            var undated = 0
            while let row = try rows.next() {
                if let day = row[0] as Int? { days[day] = row[1] } else { undated = row[1] }
            }
            return (days, undated)
        }
    }
}
