import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// Indexes made by an earlier newsq keep working: opening one for writing migrates it.
@Suite struct IndexFormatTests {
    /// A v1 index as newsq made it: text before dates, and an insert trigger feeding FTS5.
    private static func makeVersion1Index(at path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try NewsqTokenizer.register(on: db, replay: nil) }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try ArchiveSchema.migrator.migrate(queue, upTo: "v1: articles and full-text index")
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
                        INSERT INTO article_fts(rowid, title, excerpt, body, topics, provider, related)
                        VALUES (new.docid, new.title, new.excerpt, new.body, new.topics, new.provider, new.related);
                    END;
                    """)
            for (id, title, published) in [
                ("a", "Central bank raises rates", 1_700_000_000.0), ("b", "人工智能监管新规", 1_710_000_000.0),
            ] {
                try db.execute(
                    sql: """
                        INSERT INTO articles(id, file_size, file_mtime, content_hash, title, excerpt, body, topics,
                                             provider, related, published, quality, quality_rank, language)
                        VALUES (?, 1, 1, 1, ?, '', ?, 'Economy', 'Wire', '', ?, 50, 0.5, 'en')
                        """,
                    arguments: [
                        id, title, String(repeating: "A long body to push later columns into overflow pages. ", count: 200),
                        published,
                    ])
            }
        }
    }

    @Test func aVersion1IndexIsMigratedAndStillSearches() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("v1.sqlite").path
        try Self.makeVersion1Index(at: path)

        let database = try ArchiveDatabase.openForWriting(path: path)
        let layout = try database.pool.read { db in
            (
                columns: try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('articles')"),
                triggers: try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"),
                published: try Double.fetchAll(db, sql: "SELECT published FROM articles ORDER BY docid")
            )
        }
        let body = try #require(layout.columns.firstIndex(of: "body"))
        for small in ["published", "quality", "quality_rank", "language"] {
            #expect(try #require(layout.columns.firstIndex(of: small)) < body, "\(small) comes before the text")
        }
        #expect(layout.triggers.isEmpty, "the indexer keeps the full-text index in step itself")
        #expect(layout.published == [1_700_000_000, 1_710_000_000])

        let engine = SearchEngine(database: database)
        let analyzer = try Analyzer()
        for (text, id) in [("rates", "a"), ("监管", "b")] {
            let results = try engine.search(SearchRequest(query: try SearchQuery(text, analyzer: analyzer)))
            #expect(results.hits.map(\.id) == [id], "\(text)")
        }
    }
}
