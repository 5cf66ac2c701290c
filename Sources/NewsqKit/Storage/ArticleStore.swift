import Foundation
import GRDB

/// An article as the index stores it: every field newsq keeps, as `newsq show` and
/// `newsq export` give them back.
public struct StoredArticle: Sendable, Equatable {
    public var id: String
    public var title: String
    public var excerpt: String
    /// Plain text, paragraphs on their own lines.
    public var body: String
    public var topics: [String]
    public var provider: String?
    public var providerDomain: String?
    /// The titles and excerpts of related articles, one per line.
    public var related: String
    public var published: Date?
    public var quality: Int?
    /// `quality` as a percentile of the index's qualities, 0...1 (q̂ in the ranking formula).
    public var qualityRank: Double?
    public var heat: Int?
    public var type: String?
    public var category: String?
    public var url: String?
    public var language: String
}

/// Reads stored articles: one by id, or all of them (or those matching a query) in id order.
public struct ArticleStore: Sendable {
    private let database: ArchiveDatabase

    public init(database: ArchiveDatabase) {
        self.database = database
    }

    private static let columns = """
        id, title, excerpt, body, topics, provider, provider_domain, related, published,
        quality, quality_rank, heat, type, category, url, language
        """

    /// The article with this id, or nil.
    public func article(id: String) throws -> StoredArticle? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM articles WHERE id = ?", arguments: [id]).map(Self.article)
        }
    }

    /// Up to `limit` ids that contain `fragment`, for a "did you mean" when an id is not found.
    public func ids(containing fragment: String, limit: Int = 5) throws -> [String] {
        guard !fragment.isEmpty else { return [] }
        return try read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM articles WHERE instr(id, ?) > 0 ORDER BY id LIMIT ?",
                arguments: [fragment, limit])
        }
    }

    /// Calls `body` with every article, or every article `query` matches, in id order, from one
    /// consistent snapshot (an index run going on meanwhile is not seen half-done). Articles are
    /// read one at a time, so memory stays flat however large the archive. Returns the count.
    @discardableResult
    public func forEach(matching query: SearchQuery? = nil, _ body: (StoredArticle) throws -> Void) throws -> Int {
        var sql = "SELECT \(Self.columns) FROM articles"
        var arguments = StatementArguments()
        if let query {
            sql += " WHERE docid IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"
            arguments = [SearchEngine.matchExpression(for: query, analyzer: try Analyzer())]
        }
        sql += " ORDER BY id"
        return try read { db in
            var count = 0
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                try body(Self.article(row))
                count += 1
            }
            return count
        }
    }

    /// Runs `work` on a read snapshot; errors from the database become `IndexError`s, others
    /// (an output file that cannot be written) pass through.
    private func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try database.read(work)
        } catch let error as DatabaseError where error.message?.contains("fts5") == true {
            throw IndexError.searchFailed(reason: ArchiveDatabase.reason(error))
        } catch let error as DatabaseError {
            throw IndexError.cannotOpen(path: database.path, reason: ArchiveDatabase.reason(error))
        }
    }

    private static func article(_ row: Row) -> StoredArticle {
        let topics: String = row["topics"]
        let provider: String = row["provider"]
        return StoredArticle(
            id: row["id"], title: row["title"], excerpt: row["excerpt"], body: row["body"],
            topics: topics.isEmpty ? [] : topics.components(separatedBy: "\n"),
            provider: provider.isEmpty ? nil : provider, providerDomain: row["provider_domain"],
            related: row["related"], published: (row["published"] as Double?).map { Date(timeIntervalSince1970: $0) },
            quality: row["quality"], qualityRank: row["quality_rank"], heat: row["heat"], type: row["type"],
            category: row["category"], url: row["url"], language: row["language"])
    }
}
