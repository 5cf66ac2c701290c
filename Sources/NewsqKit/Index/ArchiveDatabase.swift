import Foundation
import GRDB

/// A newsq index: one SQLite file in WAL mode, so searches read while an index run writes.
///
/// Three ways in: `openForReading` (searches; read-only connections that never wait for a
/// writer), `openForWriting` (index runs) and `openForChecking` (`newsq check`). The last two
/// hold the `IndexLock` for the object's lifetime, so only one of them works on an index at a
/// time. Every connection registers the `newsq` tokenizer, which the FTS5 table needs both to
/// index and to parse queries.
public final class ArchiveDatabase: Sendable {
    /// The index file's path, as given.
    public let path: String
    let pool: DatabasePool
    /// When opening for a rebuild found the old index damaged and replaced it: why.
    public let replacedDamagedIndex: String?
    private let lock: IndexLock?

    private init(path: String, pool: DatabasePool, lock: IndexLock?, replacedDamagedIndex: String? = nil) {
        self.path = path
        self.pool = pool
        self.lock = lock
        self.replacedDamagedIndex = replacedDamagedIndex
    }

    /// Opens the index at `path` to search it; fails when there is none or it is not newsq's.
    ///
    /// The connections are read-only: opening never writes (so an index on read-only storage
    /// can be searched) and never waits for an index run's write lock.
    public static func openForReading(path: String) throws(IndexError) -> ArchiveDatabase {
        try openForReading(path: path, prepare: { _ in })
    }

    /// `openForReading` with an extra step run on every new connection (tests trace SQL with it).
    static func openForReading(path: String, prepare: @escaping @Sendable (Database) -> Void) throws(IndexError) -> ArchiveDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw .noIndex(path: path) }
        try refuseDirectory(path)
        return ArchiveDatabase(path: path, pool: try connectReadOnly(path: path, prepare: prepare), lock: nil)
    }

    /// Opens the index at `path` to write it, creating the file and its directory if needed.
    ///
    /// Takes the index lock first: when another index run or check holds it, throws `.busy`
    /// at once, or with `wait` calls `onWaiting` once and waits (until `interruption`).
    /// With `replacingDamaged` (a rebuild), an index that SQLite finds damaged is deleted and
    /// created anew; `replacedDamagedIndex` then says why. A file that is not a newsq index is
    /// never replaced.
    public static func openForWriting(
        path: String, wait: Bool = false, interruption: IndexInterruption? = nil,
        replacingDamaged: Bool = false, onWaiting: () -> Void = {}
    ) throws(IndexError) -> ArchiveDatabase {
        try refuseDirectory(path)
        try createDirectory(of: path)
        let lock = try IndexLock(indexPath: path, wait: wait, interruption: interruption, onWaiting: onWaiting)
        do throws(IndexError) {
            let pool = try openAndMigrate(path: path, verifyPages: replacingDamaged)
            return ArchiveDatabase(path: path, pool: pool, lock: lock)
        } catch .damaged(_, let reason) where replacingDamaged {
            // Holding the lock, no other writer has the file open; searches that have it open
            // keep reading the old file until they finish, since unlinking keeps its inode alive.
            removeDatabaseFiles(at: path)
            let pool = try openAndMigrate(path: path, verifyPages: false)
            return ArchiveDatabase(path: path, pool: pool, lock: lock, replacedDamagedIndex: reason)
        }
    }

    /// Opens an existing index for `IndexChecker`, holding the index lock like an index run.
    ///
    /// On read-only storage the lock file cannot be made, but nothing can write there either:
    /// the index is then opened read-only and the check skips what needs a write lock.
    public static func openForChecking(
        path: String, wait: Bool = false, interruption: IndexInterruption? = nil, onWaiting: () -> Void = {}
    ) throws(IndexError) -> ArchiveDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw .noIndex(path: path) }
        try refuseDirectory(path)
        let lock: IndexLock?
        do throws(IndexError) {
            lock = try IndexLock(indexPath: path, wait: wait, interruption: interruption, onWaiting: onWaiting)
        } catch .readOnly {
            lock = nil
        }
        guard lock != nil else { return ArchiveDatabase(path: path, pool: try connectReadOnly(path: path), lock: nil) }
        do throws(IndexError) {
            let pool = try connect(path: path, readonly: false)
            try verifyIsNewsqIndex(pool, path: path, allowEmpty: false)
            return ArchiveDatabase(path: path, pool: pool, lock: lock)
        } catch .readOnly {
            return ArchiveDatabase(path: path, pool: try connectReadOnly(path: path), lock: lock)
        }
    }

    // MARK: - Opening

    /// SQLite says only "unable to open database file" for a directory given as the index.
    private static func refuseDirectory(_ path: String) throws(IndexError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .cannotOpen(path: path, reason: "it is a directory; give the path of the index file (such as \(path)/index.sqlite)")
        }
    }

    private static func createDirectory(of path: String) throws(IndexError) {
        let directory = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if directory.isEmpty || FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard directory.isEmpty || isDirectory.boolValue else {
                throw .cannotCreateDirectory(path: directory, reason: "a file of that name is in the way")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            let code = CocoaError.Code(rawValue: (error as NSError).code)
            if code == .fileWriteVolumeReadOnly || code == .fileWriteNoPermission { throw .readOnly(path: path) }
            throw .cannotCreateDirectory(path: directory, reason: readableReason(error))
        }
    }

    private static func openAndMigrate(path: String, verifyPages: Bool) throws(IndexError) -> DatabasePool {
        let pool = try connect(path: path, readonly: false)
        try verifyIsNewsqIndex(pool, path: path, allowEmpty: true)
        if verifyPages { try verifyPagesAreIntact(pool, path: path) }
        do {
            try ArchiveSchema.migrator.migrate(pool)
        } catch {
            throw indexError(error, path: path)
        }
        return pool
    }

    /// Read-only connections to an existing index, verified. On read-only storage that lacks
    /// the WAL's shared-memory file, which a reader cannot create there, the file is opened as
    /// immutable: nothing can change it on such storage, so SQLite may skip locking altogether.
    private static func connectReadOnly(
        path: String, prepare: @escaping @Sendable (Database) -> Void = { _ in }
    ) throws(IndexError) -> DatabasePool {
        do throws(IndexError) {
            let pool = try connect(path: path, readonly: true, prepare: prepare)
            try verifyIsNewsqIndex(pool, path: path, allowEmpty: false)
            return pool
        } catch .cannotOpen where !FileManager.default.isWritableFile(atPath: directory(of: path)) {
            let uri = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
            let pool = try connect(path: uri, readonly: true, prepare: prepare)
            try verifyIsNewsqIndex(pool, path: path, allowEmpty: false)
            return pool
        }
    }

    private static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// Bytes of the file that searches map into memory instead of copying page by page with
    /// `read()`: a search of a common word reads tens of megabytes of doclists and index pages.
    /// Only read-only connections map: a writer's I/O error stays an error, not a signal.
    /// SQLite caps it at its build's limit (Debian's: 2 GiB less 64 KiB).
    static let searchMemoryMap = 1 << 31

    private static func connect(
        path: String, readonly: Bool, prepare: @escaping @Sendable (Database) -> Void = { _ in }
    ) throws(IndexError) -> DatabasePool {
        var configuration = Configuration()
        configuration.readonly = readonly
        // Writers wait this long for a lock held by another connection (in practice a search
        // process that is recovering the WAL after a crash, which takes milliseconds).
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            if readonly { try db.execute(sql: "PRAGMA mmap_size = \(Self.searchMemoryMap)") }
            db.add(tokenizer: NewsqTokenizer.self)
            try RankingFunction.register(on: db)
            try MatchSpansFunction.register(on: db)
            prepare(db)
        }
        do {
            return try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notAnIndex(path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw .damaged(path: path, reason: damageReason(error))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY && !readonly {
            throw .readOnly(path: path)
        } catch {
            throw .cannotOpen(path: path, reason: reason(error))
        }
    }

    /// Tells a newsq index (by `PRAGMA application_id` and its tables) from any other file.
    private static func verifyIsNewsqIndex(_ pool: DatabasePool, path: String, allowEmpty: Bool) throws(IndexError) {
        let state: (applicationID: Int32, names: Set<String>)
        do {
            state = try pool.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema")))
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notAnIndex(path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw .damaged(path: path, reason: damageReason(error))
        } catch {
            throw .cannotOpen(path: path, reason: reason(error))
        }
        if state.applicationID == ArchiveSchema.applicationID {
            if let missing = ArchiveSchema.requiredObjects.first(where: { !state.names.contains($0) }) {
                throw .damaged(path: path, reason: "its table or trigger `\(missing)` is missing")
            }
            return
        }
        if allowEmpty, state.names.isEmpty { return }
        if state.names.isEmpty { throw .noIndex(path: path) }
        throw .notAnIndex(path: path)
    }

    /// Reads every page of the file (`PRAGMA quick_check`); only rebuilds pay for this.
    private static func verifyPagesAreIntact(_ pool: DatabasePool, path: String) throws(IndexError) {
        let result: String?
        do {
            result = try pool.read { db in try String.fetchOne(db, sql: "PRAGMA quick_check(1)") }
        } catch let error as DatabaseError {
            throw .damaged(path: path, reason: damageReason(error))
        } catch {
            throw .damaged(path: path, reason: reason(error))
        }
        // The check's own line names b-tree pages, which says nothing to a user.
        if let result, result != "ok" { throw .damaged(path: path, reason: "some of its pages are damaged") }
    }

    /// Deletes an index file with its WAL, shared-memory and journal files; the WAL of a
    /// damaged file must never be replayed into its replacement.
    private static func removeDatabaseFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    // MARK: - Errors

    /// The `IndexError` for a failure while writing the index at `path`: a full disk, read-only
    /// storage and damage each get their own sentence.
    static func indexError(_ error: any Error, path: String) -> IndexError {
        if let error = error as? IndexError { return error }
        guard let error = error as? DatabaseError else {
            return .writeFailed(path: path, reason: readableReason(error))
        }
        switch error.resultCode {
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .damaged(path: path, reason: damageReason(error))
        default: return .writeFailed(path: path, reason: reason(error))
        }
    }

    /// What SQLite's corruption errors mean, in the user's words rather than SQLite's
    /// ("database disk image is malformed").
    static func damageReason(_ error: DatabaseError) -> String {
        error.resultCode == .SQLITE_NOTADB ? "it is no longer an SQLite file" : "its contents are corrupt"
    }

    /// A one-line reason from an SQLite error, without SQL text.
    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }

    private static func readableReason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return (error as NSError).localizedDescription
    }
}
