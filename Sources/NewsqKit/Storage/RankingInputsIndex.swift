import GRDB

/// An index that holds, per article, what ranking and the common filters read besides the
/// full-text index: the date, the quality percentile, the quality and the language.
///
/// Without it, ranking a query reads each match's whole `articles` row (title, excerpt and
/// body included) for two numbers: for a word in half the articles, that is half the table.
/// The index is about 25 bytes an article, kept by SQLite itself as `articles` changes.
///
/// Added by migration `v3: ranking inputs index`. Searches check for it and read the rows
/// instead on an index made before it.
enum RankingInputsIndex {
    static let name = "articles_ranking_inputs"
    static let migrationName = "v3: ranking inputs index"
    static let createSQL = "CREATE INDEX IF NOT EXISTS \(name) ON articles(docid, published, quality_rank, quality, language)"

    /// Registers the migration; call after the migrations before it.
    static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            try db.execute(sql: createSQL)
        }
    }

    /// Whether the index is there, in the connection's current snapshot.
    static func exists(_ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?)",
            arguments: [name]) ?? false
    }
}
