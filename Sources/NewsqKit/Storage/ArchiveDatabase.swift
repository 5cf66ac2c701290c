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
    /// What the writer connection's tokenizer replays of the rows the indexer stages (nil when
    /// the connections only read).
    let tokenReplay: TokenReplay?
    /// When opening for a rebuild found the old index damaged and replaced it: why.
    public let replacedDamagedIndex: String?
    private let lock: IndexLock?

    private init(
        path: String, pool: DatabasePool, lock: IndexLock?, tokenReplay: TokenReplay? = nil, replacedDamagedIndex: String? = nil
    ) {
        self.path = path
        self.pool = pool
        self.tokenReplay = tokenReplay
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
    static func openForReading(path: String, prepare: @escaping @Sendable (Database) -> Void) throws(IndexError)
        -> ArchiveDatabase
    {
        guard FileManager.default.fileExists(atPath: path) else { throw .noIndex(path: path) }
        try refuseDirectory(path)
        do throws(IndexError) {
            return ArchiveDatabase(path: path, pool: try connectReadOnly(path: path, prepare: prepare), lock: nil)
        } catch .notAnIndex where lostItsHeader(path) {
            throw .damaged(path: path, reason: headerLost)
        }
    }

    /// Opens the index at `path` to write it, creating the file and its directory if needed.
    ///
    /// Takes the index lock first: when another index run or check holds it, throws `.busy`
    /// at once, or with `wait` calls `onWaiting` once and waits (until `interruption`).
    /// With `replacingDamaged` (a rebuild), an index that SQLite finds damaged is deleted and
    /// created anew; `replacedDamagedIndex` then says why. A file that is not a newsq index is
    /// never replaced, unless it lost its SQLite header and newsq's lock file is beside it (see
    /// `lostItsHeader`).
    public static func openForWriting(
        path: String, wait: Bool = false, interruption: IndexInterruption? = nil,
        replacingDamaged: Bool = false, onWaiting: () -> Void = {}
    ) throws(IndexError) -> ArchiveDatabase {
        try refuseDirectory(path)
        try createDirectory(of: path)
        let lockPath = IndexLock.lockPath(forIndex: path)
        let madeByNewsq = FileManager.default.fileExists(atPath: lockPath)
        let lock = try IndexLock(indexPath: path, wait: wait, interruption: interruption, onWaiting: onWaiting)
        let replay = TokenReplay()
        do throws(IndexError) {
            let pool = try openAndMigrate(path: path, verifyPages: replacingDamaged, replay: replay)
            return ArchiveDatabase(path: path, pool: pool, lock: lock, tokenReplay: replay)
        } catch .notAnIndex where !madeByNewsq {
            // A lock file left beside someone else's file would later let a rebuild delete it.
            unlink(lockPath)
            throw .notAnIndex(path: path)
        } catch .notAnIndex where replacingDamaged && lostItsHeader(path) {
            let reason = headerLost
            removeDatabaseFiles(at: path)
            let pool = try openAndMigrate(path: path, verifyPages: false, replay: replay)
            return ArchiveDatabase(path: path, pool: pool, lock: lock, tokenReplay: replay, replacedDamagedIndex: reason)
        } catch .damaged(_, let reason) where replacingDamaged {
            // Holding the lock, no other writer has the file open; searches that have it open
            // keep reading the old file until they finish, since unlinking keeps its inode alive.
            removeDatabaseFiles(at: path)
            let pool = try openAndMigrate(path: path, verifyPages: false, replay: replay)
            return ArchiveDatabase(path: path, pool: pool, lock: lock, tokenReplay: replay, replacedDamagedIndex: reason)
        }
    }

    /// Opens an existing index for `IndexChecker`, holding the index lock like an index run.
    ///
    /// On read-only storage the lock file cannot be made, but nothing can write there either:
    /// the index is then opened read-only and the check skips what needs a write lock. So on a
    /// full disk, where neither the lock file nor SQLite's `-shm` file can be made.
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
        } catch .diskFull {
            // No room for the lock file: no index run can write there either.
            lock = nil
        }
        do throws(IndexError) {
            guard lock != nil else { return ArchiveDatabase(path: path, pool: try connectReadOnly(path: path), lock: nil) }
            do throws(IndexError) {
                let pool = try connect(path: path, readonly: false)
                try verifyIsNewsqIndex(pool, path: path, allowEmpty: false)
                return ArchiveDatabase(path: path, pool: pool, lock: lock)
            } catch .readOnly {
                return ArchiveDatabase(path: path, pool: try connectReadOnly(path: path), lock: lock)
            } catch .cannotOpen where StorageSpace.isFull(directory(of: path)) {
                // As on read-only storage: the check reads, and skips what needs a write lock.
                return ArchiveDatabase(path: path, pool: try connectReadOnly(path: path), lock: lock)
            }
        } catch .notAnIndex where lostItsHeader(path) {
            throw .damaged(path: path, reason: headerLost)
        }
    }

    /// Whether the file at `path` is one newsq made (its lock file is beside it, and newsq
    /// leaves none beside a file it refused) that no longer starts with SQLite's header: its
    /// first page was destroyed, so it is a damaged index rather than someone else's file.
    private static func lostItsHeader(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: IndexLock.lockPath(forIndex: path)),
            let handle = FileHandle(forReadingAtPath: path)
        else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
        return header != sqliteHeader
    }

    private static let sqliteHeader = Data("SQLite format 3\0".utf8)
    private static let headerLost = "its first page is destroyed"

    /// The files of the index at `path`: the index, its write-ahead log, shared memory,
    /// journal and lock. Output must never be written over any of them.
    public static func files(ofIndexAt path: String) -> [String] {
        ["", "-wal", "-shm", "-journal"].map { path + $0 } + [IndexLock.lockPath(forIndex: path)]
    }

    // MARK: - Opening

    /// SQLite says only "unable to open database file" for a directory given as the index.
    private static func refuseDirectory(_ path: String) throws(IndexError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .cannotOpen(
                path: path, reason: "it is a directory; give the path of the index file (such as \(path)/index.sqlite)")
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

    private static func openAndMigrate(path: String, verifyPages: Bool, replay: TokenReplay) throws(IndexError) -> DatabasePool {
        let pool = try connect(path: path, readonly: false, replay: replay)
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
    /// A full disk cannot hold that file either: the index is then opened as immutable when
    /// its log is empty (everything is in the file itself, and no run can write meanwhile),
    /// and otherwise refused with a sentence that says the disk is full.
    private static func connectReadOnly(
        path: String, prepare: @escaping @Sendable (Database) -> Void = { _ in }
    ) throws(IndexError) -> DatabasePool {
        do throws(IndexError) {
            let pool = try connect(path: path, readonly: true, prepare: prepare)
            try verifyIsNewsqIndex(pool, path: path, allowEmpty: false)
            return pool
        } catch .cannotOpen where !FileManager.default.isWritableFile(atPath: directory(of: path)) {
            return try connectImmutable(path: path, prepare: prepare)
        } catch .cannotOpen where StorageSpace.isFull(directory(of: path)) {
            guard StorageSpace.isEmptyOrMissing(path + "-wal") else { throw .diskFullForReading(path: path) }
            return try connectImmutable(path: path, prepare: prepare)
        }
    }

    private static func connectImmutable(
        path: String, prepare: @escaping @Sendable (Database) -> Void
    ) throws(IndexError) -> DatabasePool {
        let uri = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
        let pool = try connect(path: uri, readonly: true, prepare: prepare)
        try verifyIsNewsqIndex(pool, path: path, allowEmpty: false)
        return pool
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

    /// Connections to the file at `path`; the writer's tokenizer replays what is staged on `replay`.
    private static func connect(
        path: String, readonly: Bool, replay: TokenReplay? = nil, prepare: @escaping @Sendable (Database) -> Void = { _ in }
    ) throws(IndexError) -> DatabasePool {
        var configuration = Configuration()
        configuration.readonly = readonly
        // Writers wait this long for a lock held by another connection (in practice a search
        // process that is recovering the WAL after a crash, which takes milliseconds).
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            if readonly { try db.execute(sql: "PRAGMA mmap_size = \(Self.searchMemoryMap)") }
            // A pool's readers are read-only connections too; only its writer writes rows.
            try NewsqTokenizer.register(on: db, replay: db.configuration.readonly ? nil : replay)
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
                (
                    try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                    Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema"))
                )
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

    // MARK: - Reading

    /// Runs `work` on a read snapshot. Every command reads through here, so that damage found
    /// while reading (SQLite's corruption errors) always becomes `IndexError.damaged`, whose
    /// sentence says to rebuild; other errors pass through for the caller to word.
    func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(work)
        } catch let error as DatabaseError where Self.isDamage(error) {
            throw IndexError.damaged(path: path, reason: Self.damageReason(error))
        }
    }

    /// Whether SQLite's error says the file is damaged. FTS5 reports a damaged structure record
    /// as a plain error with SQLite's own words.
    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
            || error.message?.contains("database disk image is malformed") == true
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
