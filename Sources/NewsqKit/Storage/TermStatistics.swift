import GRDB

/// How many articles hold each common term of the full-text index, kept in the table
/// `term_articles` so that a query of several phrases need not count them.
///
/// bm25's idf needs the number of articles that hold each phrase, and FTS5 knows it only by
/// walking every match (`Relevance`): for a word in half of a million articles, about 30 ms,
/// paid again by every query before its first row is scored. Like a search engine's term
/// dictionary, this table holds the number for every term in more than `Relevance.rareLimit`
/// articles (rarer ones cost little to count), with the number of articles at the time.
///
/// The counts are taken from FTS5 itself (its `fts5vocab` table), which reads the whole
/// full-text index: on the first run, and after runs that changed `refreshShare` of the index.
/// Smaller runs keep them exact as they write (`TermCountTracker`). Counts that are not exact
/// (changes recorded in `meta`, by a run past the share before it counts again) are still read
/// for queries of several phrases, as a Lucene index's document frequencies lag its deletions,
/// but never for a one-phrase query's total.
///
/// Added by migration `v4: term statistics`; an index without the table (or with counts never
/// taken) counts every phrase, as before.
enum TermStatistics {
    static let tableName = "term_articles"
    static let migrationName = "v4: term statistics"

    /// The share of the index that runs must change, all together, for the counts to be taken again.
    static let refreshShare = 0.05

    /// `meta` keys: the number of articles when the counts were taken, and the articles added,
    /// changed or removed since.
    static let articlesMetaKey = MetaKey.termStatisticsArticles.rawValue
    static let changesMetaKey = MetaKey.termStatisticsChanges.rawValue

    static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try db.execute(sql: "CREATE TABLE \(tableName) (term TEXT PRIMARY KEY, articles INTEGER NOT NULL) WITHOUT ROWID")
        }
    }

    /// Adds a run's changes to those since the counts were taken.
    static func recordChanges(_ db: Database, _ changes: Int) throws {
        guard changes > 0 else { return }
        try db.execute(
            sql: """
                INSERT INTO meta(key, value) VALUES (?1, ?2)
                ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + ?2
                """, arguments: [changesMetaKey, changes])
    }

    /// Forgets the counts (the index is emptied for a rebuild): until they are taken again,
    /// searches count every phrase.
    static func forget(_ db: Database) throws {
        guard try db.tableExists(tableName) else { return }
        try db.execute(sql: "DELETE FROM \(tableName)")
        try IndexMeta.remove([.termStatisticsArticles, .termStatisticsChanges], in: db)
    }

    /// Whether the counts should be taken again: never taken, or the index changed by
    /// `refreshShare` since.
    static func isDue(_ db: Database) throws -> Bool {
        guard try db.tableExists(tableName) else { return false }
        let (articles, changes) = try state(db)
        guard let articles else { return true }
        return changes > 0 && Double(changes) >= refreshShare * Double(max(articles, 1))
    }

    /// Takes the counts again from the full-text index, in one pass over it, of the terms in
    /// more than `minimumArticles` articles (tests lower it, with `Relevance`'s rare limit).
    static func refresh(_ db: Database, minimumArticles: Int = Relevance.rareLimit) throws {
        try db.execute(
            sql: """
                DELETE FROM \(tableName);
                CREATE VIRTUAL TABLE temp.newsq_vocabulary USING fts5vocab(main, 'article_fts', 'row');
                """)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.newsq_vocabulary") }
        try db.execute(
            sql: "INSERT INTO \(tableName)(term, articles) SELECT term, doc FROM temp.newsq_vocabulary WHERE doc > ?",
            arguments: [minimumArticles])
        let articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?), (?, '0')",
            arguments: [articlesMetaKey, articles, changesMetaKey])
    }

    /// The counted terms and the article count they were taken at, when the counts are exact
    /// (nothing changed since, or every change was applied to them: `TermCountTracker`).
    static func exactCountedTerms(_ db: Database) throws -> (terms: Set<String>, articles: Int)? {
        guard try db.tableExists(tableName) else { return nil }
        guard case (let articles?, 0) = try state(db) else { return nil }
        return (Set(try String.fetchAll(db, sql: "SELECT term FROM \(tableName)")), articles)
    }

    /// Applies a batch's changes to exact counts: each counted term's articles, and the
    /// article count, move by what the batch added and took out.
    static func apply(_ db: Database, deltas: [String: Int], articleDelta: Int) throws {
        let update = try db.cachedStatement(sql: "UPDATE \(tableName) SET articles = articles + ? WHERE term = ?")
        for (term, delta) in deltas {
            try update.execute(arguments: [delta, term])
        }
        if articleDelta != 0 {
            try db.execute(
                sql: "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = ?",
                arguments: [articleDelta, articlesMetaKey])
        }
    }

    /// The counts that `terms` have in the table, with the article count they were taken at,
    /// and whether they are exact (nothing changed since); nil when they were never taken. A
    /// term missing from the table is in too few articles, or came since.
    static func lookUp(_ db: Database, terms: Set<String>) throws -> (articles: Int, counts: [String: Int], areExact: Bool)? {
        guard try db.tableExists(tableName) else { return nil }
        let (taken, changes) = try state(db)
        guard let articles = taken else { return nil }
        var counts: [String: Int] = [:]
        for term in terms {
            if let count = try Int.fetchOne(db, sql: "SELECT articles FROM \(tableName) WHERE term = ?", arguments: [term]) {
                counts[term] = count
            }
        }
        return (articles, counts, changes == 0)
    }

    /// From `meta`: the article count when the counts were taken (nil when never taken), and
    /// the articles changed since without being applied to them.
    private static func state(_ db: Database) throws -> (articles: Int?, changes: Int) {
        let meta = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(
                db, sql: "SELECT key, CAST(value AS INTEGER) FROM meta WHERE key IN (?, ?)",
                arguments: [articlesMetaKey, changesMetaKey]
            ).map { ($0[0] as String, $0[1] as Int) })
        return (meta[articlesMetaKey], meta[changesMetaKey] ?? 0)
    }
}
