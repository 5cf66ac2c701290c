import Foundation
import GRDB

/// A newsq index: one SQLite file in WAL mode, so searches read while an index run writes.
///
/// Every connection registers the `newsq` tokenizer, which the FTS5 table needs both to index
/// and to parse queries.
public final class ArchiveDatabase: Sendable {
    /// The index file's path, as given.
    public let path: String
    let pool: DatabasePool

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens the index at `path` to search it; fails when there is none or it is not newsq's.
    public static func openForReading(path: String) throws(IndexError) -> ArchiveDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw .noIndex(path: path) }
        let database = try open(path: path)
        try database.verifyIsNewsqIndex(allowEmpty: false)
        return database
    }

    /// Opens the index at `path` to write it, creating the file and its directory if needed.
    public static func openForWriting(path: String) throws(IndexError) -> ArchiveDatabase {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateDirectory(path: directory, reason: error.localizedDescription)
            }
        }
        let database = try open(path: path)
        try database.verifyIsNewsqIndex(allowEmpty: true)
        do {
            try ArchiveSchema.migrator.migrate(database.pool)
        } catch {
            throw .writeFailed(path: path, reason: Self.reason(error))
        }
        return database
    }

    private static func open(path: String) throws(IndexError) -> ArchiveDatabase {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            db.add(tokenizer: NewsqTokenizer.self)
            RankingFunction.register(on: db)
        }
        do {
            return ArchiveDatabase(path: path, pool: try DatabasePool(path: path, configuration: configuration))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notAnIndex(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: reason(error))
        }
    }

    private func verifyIsNewsqIndex(allowEmpty: Bool) throws(IndexError) {
        let state: (applicationID: Int32, tableCount: Int)
        do {
            state = try pool.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") ?? 0)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notAnIndex(path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw .damaged(path: path, reason: Self.reason(error))
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
        if state.applicationID == ArchiveSchema.applicationID { return }
        if allowEmpty, state.tableCount == 0 { return }
        if state.tableCount == 0 { throw .noIndex(path: path) }
        throw .notAnIndex(path: path)
    }

    /// A one-line reason from an SQLite error, without SQL text.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }
}
