import GRDB

/// The database layout, as migrations: an `articles` table that holds every text once, and an
/// external-content FTS5 index over its searchable columns.
enum ArchiveSchema {
    /// The text columns of `articles` that `article_fts` indexes, in FTS5 column order.
    static let searchableColumns = SearchableField.allCases.map(\.rawValue)

    private static let columnList = searchableColumns.joined(separator: ", ")
    private static let placeholders = Array(repeating: "?", count: searchableColumns.count).joined(separator: ", ")

    /// Written to `meta` so that any other SQLite file is told apart from a newsq index.
    static let applicationID: Int32 = 0x6E_65_77_73 // "news"

    /// Adds an article's index row. From v2 on, `articles` has no triggers: the indexer keeps
    /// `article_fts` in step itself, one single-row statement at a time, because a trigger runs
    /// inside a statement savepoint, and SQLite 3.40's FTS5 writes its pending terms to disk at
    /// every savepoint: each article became its own segment, to be merged again (half of FTS5's
    /// indexing time, and 200 changed Chinese articles took 20 s to re-index).
    static let insertFullTextSQL = """
        INSERT INTO article_fts(rowid, \(columnList)) VALUES (?, \(placeholders))
        """

    /// Takes an article's index row out; FTS5 needs the text that was indexed (the old text).
    static let deleteFullTextSQL = """
        INSERT INTO article_fts(article_fts, rowid, \(columnList))
        VALUES ('delete', ?, \(placeholders))
        """

    /// The indexed text of the article with id `?`, with its docid first, for `deleteFullTextSQL`.
    static let indexedTextSQL = "SELECT docid, \(columnList) FROM articles WHERE id = ?"

    /// Lets FTS5 gather 32 MB of new terms before it writes a segment (1 MB by default): fewer,
    /// larger segments mean less merging while indexing and fewer segments to read per search.
    static let pendingTermsSQL = "INSERT INTO article_fts(article_fts, rank) VALUES ('hashsize', 33554432)"

    /// The full-text index over `articles`.
    static let fullTextSQL = """
        CREATE VIRTUAL TABLE article_fts USING fts5(
            \(columnList),
            content='articles', content_rowid='docid',
            tokenize='porter newsq'
        );
        """

    /// Empties the index for a rebuild. The full-text index is dropped rather than emptied row
    /// by row: that would re-tokenize every old article, and would fail on a damaged index,
    /// which is what a rebuild is often for.
    static let emptySQL = """
        DROP TABLE IF EXISTS article_fts;
        DELETE FROM articles;
        DELETE FROM failures;
        """ + fullTextSQL

    /// The tables and triggers a newsq index must have; `IndexChecker` looks for each.
    static let requiredObjects = [
        "meta", "articles", "failures", "article_fts",
    ]

    /// The columns of `articles` from v2 on, small ones first: SQLite stores a long text in a
    /// chain of overflow pages and must walk the chain to reach any column after it, so in v1,
    /// where `published` and `quality_rank` followed `body`, ranking a match read its whole body.
    static let articleColumnsV2 = [
        ("docid", "INTEGER PRIMARY KEY"), ("id", "TEXT NOT NULL UNIQUE"), ("file_size", "INTEGER NOT NULL"),
        ("file_mtime", "INTEGER NOT NULL"), ("content_hash", "INTEGER NOT NULL"), ("published", "REAL"),
        ("quality", "INTEGER"), ("quality_rank", "REAL"), ("heat", "INTEGER"), ("type", "TEXT"), ("category", "TEXT"),
        ("language", "TEXT NOT NULL"), ("provider_domain", "TEXT"), ("url", "TEXT"), ("title", "TEXT NOT NULL"),
        ("excerpt", "TEXT NOT NULL"), ("topics", "TEXT NOT NULL"), ("provider", "TEXT NOT NULL"),
        ("related", "TEXT NOT NULL"), ("body", "TEXT NOT NULL"),
    ]

    /// Rebuilds `articles` with the v2 column order, keeping every docid so the full-text
    /// index stays valid, and without triggers (see `insertFullTextSQL`).
    private static let articlesV2SQL = """
        DROP TRIGGER IF EXISTS articles_ai;
        DROP TRIGGER IF EXISTS articles_ad;
        DROP TRIGGER IF EXISTS articles_au;
        CREATE TABLE articles_v2 (\(articleColumnsV2.map { "\($0) \($1)" }.joined(separator: ", ")));
        INSERT INTO articles_v2(\(articleColumnsV2.map(\.0).joined(separator: ", ")))
            SELECT \(articleColumnsV2.map(\.0).joined(separator: ", ")) FROM articles ORDER BY docid;
        DROP TABLE articles;
        ALTER TABLE articles_v2 RENAME TO articles;
        CREATE INDEX articles_published ON articles(published);
        """

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: articles and full-text index") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE articles (
                        docid INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        file_size INTEGER NOT NULL,
                        file_mtime INTEGER NOT NULL,
                        content_hash INTEGER NOT NULL,
                        title TEXT NOT NULL,
                        excerpt TEXT NOT NULL,
                        body TEXT NOT NULL,
                        topics TEXT NOT NULL,
                        provider TEXT NOT NULL,
                        related TEXT NOT NULL,
                        provider_domain TEXT,
                        published REAL,
                        quality INTEGER,
                        quality_rank REAL,
                        heat INTEGER,
                        type TEXT,
                        category TEXT,
                        url TEXT,
                        language TEXT NOT NULL
                    );
                    CREATE INDEX articles_published ON articles(published);
                    CREATE TABLE failures (
                        path TEXT PRIMARY KEY,
                        reason TEXT NOT NULL
                    );
                    """)
            try db.execute(sql: fullTextSQL)
        }
        migrator.registerMigration("v2: dates and qualities before the text, no triggers") { db in
            try db.execute(sql: articlesV2SQL)
        }
        RankingInputsIndex.registerMigration(in: &migrator)
        TermStatistics.registerMigration(in: &migrator)
        FileChangeColumns.registerMigration(in: &migrator)
        return migrator
    }
}
