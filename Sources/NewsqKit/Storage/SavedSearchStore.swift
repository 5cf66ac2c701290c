import Foundation
import GRDB

/// Saved searches and, for each, the articles it has already shown, in a small SQLite file
/// beside the index (`index.sqlite.saved`).
///
/// Beside the index rather than in it: searches open the index read-only and `index --watch`
/// holds its lock for as long as it runs, while `newsq saved run` must write what it showed
/// at any time, also while the index is being watched. Its own file, with SQLite's own
/// locking, lets it, and a rebuilt index keeps its saved searches.
///
/// What a search has shown is kept as the ids of the articles it matched at its last run
/// (`seen`); an article it matches now and did not then is new. So a new article, or one that
/// changed to match, is shown once; one that changed and matched before is not shown again;
/// one that stopped matching and matches again is new again.
public final class SavedSearchStore {
    /// The store's file for the index at `indexPath`.
    public static func path(forIndex indexPath: String) -> String { indexPath + ".saved" }

    public let path: String
    private let queue: DatabaseQueue

    /// Opens the store of the index at `indexPath`, creating it when `create` is set; without
    /// it, a missing store throws `.noneSaved`.
    public init(indexPath: String, create: Bool) throws(SavedSearchError) {
        path = Self.path(forIndex: indexPath)
        guard create || FileManager.default.fileExists(atPath: path) else { throw .noneSaved }
        var configuration = Configuration()
        // Two runs at once (cron, a user) wait for each other instead of showing the same news.
        configuration.busyMode = .timeout(60)
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS saved_searches (
                            name TEXT PRIMARY KEY, query TEXT NOT NULL, filters TEXT NOT NULL, last_run TEXT);
                        CREATE TABLE IF NOT EXISTS saved_seen (
                            name TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (name, id)) WITHOUT ROWID;
                        """)
            }
        } catch {
            throw .storeFailed(path: path, reason: ArchiveDatabase.reason(error))
        }
    }

    /// Every saved search, by name.
    public func all() throws(SavedSearchError) -> [SavedSearch] {
        try access { db in
            try Row.fetchAll(db, sql: "SELECT name, query, filters FROM saved_searches ORDER BY name").map { row in
                SavedSearch(name: row[0], query: row[1], filters: try WrittenFiltersText.decode(row[2]))
            }
        }
    }

    /// The saved searches named `names`, in that order; throws for a name not saved.
    public func named(_ names: [String]) throws(SavedSearchError) -> [SavedSearch] {
        let saved = try all()
        return try names.map { name throws(SavedSearchError) in
            guard let search = saved.first(where: { $0.name == name }) else {
                throw .unknown(name: name, closest: closestName(to: name, among: saved.map(\.name)))
            }
            return search
        }
    }

    /// Saves `search`; throws when its name is taken. It starts having shown nothing.
    public func add(_ search: SavedSearch) throws(SavedSearchError) {
        try SavedSearch.check(name: search.name)
        let taken = try access { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM saved_searches WHERE name = ?", arguments: [search.name]) == true {
                return true
            }
            try db.execute(
                sql: "INSERT INTO saved_searches(name, query, filters) VALUES (?, ?, ?)",
                arguments: [search.name, search.query, WrittenFiltersText.encode(search.filters)])
            return false
        }
        if taken { throw .duplicate(name: search.name) }
    }

    /// Removes the saved search `name` and what it has shown.
    public func remove(name: String) throws(SavedSearchError) {
        let removed = try access { db in
            try db.execute(sql: "DELETE FROM saved_seen WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM saved_searches WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
        if !removed {
            let names = try all().map(\.name)
            throw .unknown(name: name, closest: closestName(to: name, among: names))
        }
    }

    /// Runs `body` with the ids `name` has shown, then keeps the ids it returns in their place,
    /// all in one transaction that holds the store's write lock: when `body` throws or the
    /// process dies before it returns, nothing changes, so whatever it showed is shown again
    /// by the next run and nothing is lost.
    func updatingSeen(of name: String, _ body: (Set<ExactID>) throws -> [String]) throws {
        do {
            try queue.inTransaction(.immediate) { db in
                let seen = Set(
                    try String.fetchAll(db, sql: "SELECT id FROM saved_seen WHERE name = ?", arguments: [name])
                        .map(ExactID.init))
                let now = try body(seen)
                try db.execute(sql: "DELETE FROM saved_seen WHERE name = ?", arguments: [name])
                let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO saved_seen(name, id) VALUES (?, ?)")
                for id in now { try insert.execute(arguments: [name, id]) }
                try db.execute(
                    sql: "UPDATE saved_searches SET last_run = ? WHERE name = ?",
                    arguments: [ISO8601DateFormatter().string(from: Date()), name])
                return .commit
            }
        } catch let error as DatabaseError {
            throw SavedSearchError.storeFailed(path: path, reason: ArchiveDatabase.reason(error))
        }
    }

    private func access<T>(_ body: (Database) throws -> T) throws(SavedSearchError) -> T {
        do {
            return try queue.write(body)
        } catch let error as SavedSearchError {
            throw error
        } catch {
            throw .storeFailed(path: path, reason: ArchiveDatabase.reason(error))
        }
    }
}
