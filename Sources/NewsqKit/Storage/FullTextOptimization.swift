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
        _ = try optimizeFullTextIndex(unless: nil)
    }

    /// Counts again the articles that hold each common term of the full-text index (see
    /// `TermStatistics`), in one pass over it. Needs a database opened for writing.
    public func refreshTermStatistics() throws(IndexError) {
        _ = try refreshTermStatistics(unless: nil)
    }

    /// `optimizeFullTextIndex`, stopped halfway when `interruption` is requested meanwhile:
    /// then its transaction is rolled back and the result is false.
    func optimizeFullTextIndex(unless interruption: IndexInterruption?) throws(IndexError) -> Bool {
        try stoppableWrite(unless: interruption) { db in
            try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES ('optimize')")
            try IndexMeta.remove([.fullTextMergeDue], in: db)
        }
    }

    /// `refreshTermStatistics`, stopped halfway when `interruption` is requested meanwhile:
    /// then its transaction is rolled back and the result is false.
    func refreshTermStatistics(unless interruption: IndexInterruption?) throws(IndexError) -> Bool {
        try stoppableWrite(unless: interruption) { db in try TermStatistics.refresh(db) }
    }

    /// Runs `work` in a write transaction that a request of `interruption` interrupts
    /// (`sqlite3_interrupt`); false when it was interrupted, and rolled back.
    func stoppableWrite(unless interruption: IndexInterruption?, _ work: (Database) throws -> Void)
        throws(IndexError) -> Bool
    {
        do {
            if let interruption {
                try interruption.whileRunning(stop: { [pool] in pool.interrupt() }) { try pool.write(work) }
            } else {
                try pool.write(work)
            }
            return true
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT && interruption?.isRequested == true {
            return false
        } catch {
            throw Self.indexError(error, path: path)
        }
    }
}

/// Remembers, across runs, that the full-text index is due to be merged into one segment.
enum FullTextOptimization {
    // `MetaKey.fullTextMergeDue` is present from the run that made a merge due until a merge
    // is done: a run stopped before or during its merge leaves it to the next one.
    /// Records a merge as due when this run `changedMuch`; whether one is due, by this run or
    /// an earlier one that did not get to it.
    static func recordMergeDue(_ db: Database, changedMuch: Bool) throws -> Bool {
        if changedMuch {
            try IndexMeta.set(.fullTextMergeDue, to: "1", in: db)
            return true
        }
        return try IndexMeta.contains(.fullTextMergeDue, in: db)
    }
}
