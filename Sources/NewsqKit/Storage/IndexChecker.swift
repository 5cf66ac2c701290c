import Foundation
import GRDB

/// Verifies an index (`newsq check`): the SQLite file, the articles table and the full-text
/// index agreeing row for row, and the full-text index agreeing with the articles' text.
///
/// For example:
///
/// ```swift
/// let database = try ArchiveDatabase.openForChecking(path: path)
/// let health = IndexChecker(database: database).check()
/// if !health.isHealthy { print(health.problems) }
/// ```
///
/// Related SQLite documentation: <https://sqlite.org/pragma.html#pragma_integrity_check>,
/// <https://sqlite.org/fts5.html#the_integrity_check_command>
public struct IndexChecker {
    private let database: ArchiveDatabase

    /// Lines of `PRAGMA integrity_check` kept in a report; one damaged page can yield thousands.
    static let maxReportedLines = 10

    public init(database: ArchiveDatabase) {
        self.database = database
    }

    /// Runs every check; never throws, since a check that cannot run is itself a finding.
    public func check() -> IndexHealth {
        var health = IndexHealth()
        do {
            try database.pool.read { db in
                try self.readMeta(db, into: &health)
                health.items.append(try self.sqliteIntegrity(db))
                health.items.append(try self.rowAgreement(db))
            }
        } catch {
            health.items.append(
                IndexHealth.Item(
                    name: IndexHealth.sqliteIntegrityName, problem: ArchiveDatabase.reason(error)))
            return health
        }
        health.items.append(fullTextAgreement())
        return health
    }

    private func readMeta(_ db: Database, into health: inout IndexHealth) throws {
        let meta = Dictionary(
            try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { ($0[0] as String, $0[1] as String) },
            uniquingKeysWith: { first, _ in first })
        health.root = meta[MetaKey.root.rawValue]
        health.lastRunFinished = meta[MetaKey.runState.rawValue] != IndexMeta.running
        health.articleCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
        health.failedFiles = try Int.fetchOne(db, sql: "SELECT count(*) FROM failures") ?? 0
    }

    private func sqliteIntegrity(_ db: Database) throws -> IndexHealth.Item {
        let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check(\(Self.maxReportedLines))")
        let problem = lines == ["ok"] ? nil : lines.joined(separator: "; ")
        return IndexHealth.Item(name: IndexHealth.sqliteIntegrityName, problem: problem)
    }

    /// Every article has a row in the full-text index and the index has no other row. FTS5
    /// keeps one `docsize` row per document it indexed, which makes this a cheap join.
    private func rowAgreement(_ db: Database) throws -> IndexHealth.Item {
        let missingCount =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM articles WHERE docid NOT IN (SELECT id FROM article_fts_docsize)
                    """) ?? 0
        let missingExamples = try String.fetchAll(
            db,
            sql: """
                SELECT id FROM articles WHERE docid NOT IN (SELECT id FROM article_fts_docsize) ORDER BY id LIMIT 3
                """)
        let extraCount =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM article_fts_docsize WHERE id NOT IN (SELECT docid FROM articles)
                    """) ?? 0
        var problems: [String] = []
        if missingCount > 0 {
            let examples = missingExamples.map { "`\($0)`" }.joined(separator: ", ")
            problems.append(
                "\(Plural.count(missingCount, "article is", "articles are")) missing from the full-text index (\(examples)\(missingCount > 3 ? ", …" : ""))"
            )
        }
        if extraCount > 0 {
            problems.append(
                "the full-text index has \(Plural.count(extraCount, "entry", "entries")) for articles that no longer exist")
        }
        return IndexHealth.Item(
            name: IndexHealth.rowAgreementName, problem: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }

    /// FTS5's own check, with rank 1 so that it re-reads every article's text through the
    /// tokenizer and compares it with the index. It is an INSERT, so it needs SQLite's write
    /// lock; it runs in a transaction that is rolled back, and the `IndexLock` the checking
    /// database holds keeps index runs out meanwhile.
    private func fullTextAgreement() -> IndexHealth.Item {
        let name = IndexHealth.fullTextName
        do {
            try database.pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)")
                    return .rollback
                }
            }
            return IndexHealth.Item(name: name, problem: nil)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            return IndexHealth.Item(
                name: name, problem: nil, skipped: "the index is read-only, and this check needs a write lock")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            return IndexHealth.Item(name: name, problem: "the full-text index does not match the articles' text")
        } catch {
            return IndexHealth.Item(name: name, problem: ArchiveDatabase.reason(error))
        }
    }
}

/// The findings of `IndexChecker`: one item per check, and facts about the index.
public struct IndexHealth: Sendable {
    /// One check: what it verifies, and the problem it found, if any.
    public struct Item: Sendable {
        /// What was checked, as a short phrase.
        public var name: String
        /// What is wrong; `nil` when the check passed or was skipped.
        public var problem: String?
        /// Why the check could not run, when it did not.
        public var skipped: String?

        public init(name: String, problem: String?, skipped: String? = nil) {
            self.name = name
            self.problem = problem
            self.skipped = skipped
        }
    }

    static let sqliteIntegrityName = "the SQLite file is intact"
    static let rowAgreementName = "every article is in the full-text index, and nothing else is"
    static let fullTextName = "the full-text index matches the articles' text"

    public var items: [Item] = []
    /// The corpus directory the index was made from, when the index says.
    public var root: String?
    public var articleCount = 0
    /// Files the last finished run could not index.
    public var failedFiles = 0
    /// False when the last index run was killed or interrupted: the index is valid, but
    /// behind its corpus until `newsq index` runs again.
    public var lastRunFinished = true

    public init() {}

    /// True when no check found a problem.
    public var isHealthy: Bool { items.allSatisfy { $0.problem == nil } }
}
