import GRDB

/// The database layout, as migrations: an `articles` table that holds every text once, and an
/// external-content FTS5 index over its searchable columns.
enum ArchiveSchema {
    /// The text columns of `articles` that `article_fts` indexes, in FTS5 column order.
    static let searchableColumns = ["title", "excerpt", "body", "topics", "provider", "related"]

    /// Written to `meta` so that any other SQLite file is told apart from a newsq index.
    static let applicationID: Int32 = 0x6E_65_77_73  // "news"

    /// Adds a new article's index row; `articles` has no insert trigger because a trigger's
    /// statement savepoint makes FTS5 flush its pending terms on every row, which cost half
    /// of FTS5's indexing time.
    static let insertFullTextSQL = """
        INSERT INTO article_fts(rowid, title, excerpt, body, topics, provider, related) VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    /// Lets FTS5 gather 32 MB of new terms before it writes a segment (1 MB by default): fewer,
    /// larger segments mean less merging while indexing and fewer segments to read per search.
    static let pendingTermsSQL = "INSERT INTO article_fts(article_fts, rank) VALUES ('hashsize', 33554432)"

    /// The full-text index and the triggers that keep it in step with `articles`.
    static let fullTextSQL = """
        CREATE VIRTUAL TABLE article_fts USING fts5(
            title, excerpt, body, topics, provider, related,
            content='articles', content_rowid='docid',
            tokenize='porter newsq'
        );
        """ + triggersSQL

    /// The triggers that keep `article_fts` in step with `articles`.
    static let triggersSQL = """
        -- Hand-written triggers rather than GRDB's: they fire only when indexed text
        -- changes, so refreshing file times or quality ranks never re-tokenizes. New rows
        -- have no trigger: the indexer writes their index row itself (see `insertFullTextSQL`).
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO article_fts(article_fts, rowid, title, excerpt, body, topics, provider, related)
            VALUES ('delete', old.docid, old.title, old.excerpt, old.body, old.topics, old.provider, old.related);
        END;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, excerpt, body, topics, provider, related ON articles BEGIN
            INSERT INTO article_fts(article_fts, rowid, title, excerpt, body, topics, provider, related)
            VALUES ('delete', old.docid, old.title, old.excerpt, old.body, old.topics, old.provider, old.related);
            INSERT INTO article_fts(rowid, title, excerpt, body, topics, provider, related)
            VALUES (new.docid, new.title, new.excerpt, new.body, new.topics, new.provider, new.related);
        END;
        """

    /// Empties the index for a rebuild. The full-text index is dropped rather than emptied row
    /// by row: that would re-tokenize every old article, and would fail on a damaged index,
    /// which is what a rebuild is often for.
    static let emptySQL = """
        DROP TRIGGER IF EXISTS articles_ai;
        DROP TRIGGER IF EXISTS articles_ad;
        DROP TRIGGER IF EXISTS articles_au;
        DROP TABLE IF EXISTS article_fts;
        DELETE FROM articles;
        DELETE FROM failures;
        """ + fullTextSQL

    /// The tables and triggers a newsq index must have; `IndexChecker` looks for each.
    static let requiredObjects = [
        "meta", "articles", "failures", "article_fts", "articles_ad", "articles_au",
    ]

    /// The columns of `articles` from v2 on, small ones first: SQLite stores a long text in a
    /// chain of overflow pages and must walk the chain to reach any column after it, so in v1,
    /// where `published` and `quality_rank` followed `body`, ranking a match read its whole body.
    private static let articleColumnsV2 = [
        ("docid", "INTEGER PRIMARY KEY"), ("id", "TEXT NOT NULL UNIQUE"), ("file_size", "INTEGER NOT NULL"),
        ("file_mtime", "INTEGER NOT NULL"), ("content_hash", "INTEGER NOT NULL"), ("published", "REAL"),
        ("quality", "INTEGER"), ("quality_rank", "REAL"), ("heat", "INTEGER"), ("type", "TEXT"), ("category", "TEXT"),
        ("language", "TEXT NOT NULL"), ("provider_domain", "TEXT"), ("url", "TEXT"), ("title", "TEXT NOT NULL"),
        ("excerpt", "TEXT NOT NULL"), ("topics", "TEXT NOT NULL"), ("provider", "TEXT NOT NULL"),
        ("related", "TEXT NOT NULL"), ("body", "TEXT NOT NULL"),
    ]

    /// Rebuilds `articles` with the v2 column order, keeping every docid so the full-text
    /// index stays valid, and recreates its index and triggers without the insert trigger.
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
        """ + triggersSQL

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: articles and full-text index") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
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
        migrator.registerMigration("v2: dates and qualities before the text, no insert trigger") { db in
            try db.execute(sql: articlesV2SQL)
        }
        RankingInputsIndex.registerMigration(in: &migrator)
        return migrator
    }
}
