import Foundation
import GRDB

/// What an index holds: article counts per provider, topic, language and year, its date range
/// and its size on disk (`newsq stats`).
public struct IndexStatistics: Sendable, Codable, Equatable {
    /// A value and how many articles have it.
    public struct Count: Sendable, Codable, Equatable {
        public var value: String
        public var articles: Int
    }

    public var path: String
    public var articles: Int
    /// The indexed corpus directory and when it was last indexed, as the index records them.
    public var root: String?
    public var indexedAt: String?
    /// Files of the corpus that could not be indexed at the last run.
    public var failedFiles: Int
    /// Bytes of the index file and its write-ahead log.
    public var bytes: Int64
    public var oldest: Date?
    public var newest: Date?
    /// Counts, most articles first (ties by value); `years` in year order, `undated` last.
    public var providers: [Count]
    public var topics: [Count]
    public var languages: [Count]
    public var years: [Count]

    /// Reads the statistics of `database` from one snapshot.
    public static func gather(_ database: ArchiveDatabase) throws -> IndexStatistics {
        do {
            return try database.read { db in
                let range = try Row.fetchOne(db, sql: "SELECT count(*), min(published), max(published) FROM articles")!
                var topics: [String: Int] = [:]
                let rows = try String.fetchCursor(db, sql: "SELECT topics FROM articles WHERE topics != ''")
                while let joined = try rows.next() {
                    // A topic repeated within one article counts once for it.
                    for topic in Set(joined.components(separatedBy: "\n")) { topics[topic, default: 0] += 1 }
                }
                return IndexStatistics(
                    path: database.path, articles: range[0],
                    root: try IndexMeta.value(.root, in: db),
                    indexedAt: try IndexMeta.value(.indexedAt, in: db),
                    failedFiles: try Int.fetchOne(db, sql: "SELECT count(*) FROM failures") ?? 0,
                    bytes: fileBytes(database.path),
                    oldest: (range[1] as Double?).map { Date(timeIntervalSince1970: $0) },
                    newest: (range[2] as Double?).map { Date(timeIntervalSince1970: $0) },
                    providers: try counts(
                        db,
                        sql: """
                            SELECT CASE provider WHEN '' THEN '(none)' ELSE provider END AS value, count(*) FROM articles
                            GROUP BY value ORDER BY count(*) DESC, value
                            """),
                    topics: topics.map { Count(value: $0.key, articles: $0.value) }
                        .sorted { ($0.articles, $1.value) > ($1.articles, $0.value) },
                    languages: try counts(
                        db, sql: "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC, language"),
                    years: try counts(
                        db,
                        sql: """
                            SELECT coalesce(strftime('%Y', published, 'unixepoch'), 'undated') AS year, count(*) FROM articles
                            GROUP BY year ORDER BY published IS NULL, year
                            """))
            }
        } catch let error as DatabaseError {
            throw IndexError.cannotOpen(path: database.path, reason: ArchiveDatabase.reason(error))
        }
    }

    private static func counts(_ db: Database, sql: String) throws -> [Count] {
        try Row.fetchAll(db, sql: sql).map { Count(value: $0[0], articles: $0[1]) }
    }

    private static func fileBytes(_ path: String) -> Int64 {
        [path, path + "-wal"].reduce(0) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
            return total + (size ?? 0)
        }
    }
}
