import GRDB

extension ArchiveDatabase {
    /// Merges all of `article_fts`'s segments into one (FTS5's `optimize`).
    ///
    /// An index run leaves the full-text index in many segments (FTS5 merges them only
    /// gradually), and a query reads and merges every segment's list for each of its words. One
    /// segment makes queries on common words faster; the merge rewrites the whole full-text
    /// index, so it is for the end of an index run that changed a large part of the index.
    /// Searches running meanwhile keep reading the old segments (WAL); only writers wait.
    ///
    /// Needs a database opened for writing. Related SQLite documentation:
    /// <https://sqlite.org/fts5.html#the_optimize_command>
    public func optimizeFullTextIndex() throws(IndexError) {
        do {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES ('optimize')")
            }
        } catch {
            throw Self.indexError(error, path: path)
        }
    }

    /// Counts again the articles that hold each common term of the full-text index (see
    /// `TermStatistics`), in one pass over it. Needs a database opened for writing.
    public func refreshTermStatistics() throws(IndexError) {
        do {
            try pool.write { db in try TermStatistics.refresh(db) }
        } catch {
            throw Self.indexError(error, path: path)
        }
    }
}
