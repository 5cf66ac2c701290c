import GRDB

extension ArchiveDatabase {
    /// Runs `work`, which reads the matches of `query` (or, without one, articles), and tells the
    /// user's mistakes from the index's: a MATCH that FTS5 cannot parse is a query not
    /// understood, any other failure a search that failed.
    func readMatches<T>(of query: SearchQuery?, _ work: (Database) throws -> T) throws -> T {
        do {
            return try read(work)
        } catch let error as DatabaseError
            where query != nil
            && (error.message?.contains("fts5") == true || error.message?.contains("syntax error") == true)
        {
            throw QueryError.notUnderstood(query: query?.text ?? "")
        } catch let error as DatabaseError {
            throw IndexError.searchFailed(reason: ArchiveDatabase.reason(error))
        }
    }
}
