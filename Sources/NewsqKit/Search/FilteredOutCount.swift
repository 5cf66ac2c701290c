import GRDB

/// Finds which filters left a search with nothing (`FilteredOut`): it counts the query's
/// matches without filters and, when there are several, with each filter alone. It runs only
/// for a search that found nothing, so the counts cost nothing to searches that find hits.
struct FilteredOutCount {
    /// The MATCH expression of the full matches, and of the relaxed ones when the search relaxes.
    let strict: String
    let relaxed: String?
    /// Offset + limit of the page: the search relaxes when fewer full matches than that.
    let pageEnd: Int

    /// Nil when the query finds nothing even without filters: then no filter is to blame.
    func diagnose(_ db: Database, filters: SearchFilters) throws -> FilteredOut? {
        let parts = filters.parts
        guard !parts.isEmpty else { return nil }
        let unfiltered = try total(db, filters: SearchFilters())
        guard unfiltered > 0 else { return nil }
        var blamed = parts
        if parts.count > 1 {
            blamed = try parts.filter { try total(db, filters: $0.alone) == 0 }
        }
        return FilteredOut(filters: blamed.isEmpty ? parts : blamed, together: blamed.isEmpty, totalWithoutFilters: unfiltered)
    }

    /// The search's total with `filters`: full matches, plus relaxed ones when they would be added.
    private func total(_ db: Database, filters: SearchFilters) throws -> Int {
        let conditions = SearchFilterSQL(filters)
        let full = try SearchEngine.count(db, match: strict, excluding: nil, filters: conditions)
        guard let relaxed, full < pageEnd else { return full }
        return full + (try SearchEngine.count(db, match: relaxed, excluding: strict, filters: conditions))
    }
}
