import Foundation

/// An exclusive lock beside the index file (`index.sqlite.lock`), held by every index run and
/// every check, so that two of them never interleave: two index runs would mix their batches,
/// and a check's full-text verification holds SQLite's write lock for as long as it reads.
///
/// It is an `flock(2)` lock: the kernel releases it when the process ends, however it ends, so
/// a killed run never leaves a stale lock behind. Searches never take it.
///
/// The lock file sits beside the real file, found by resolving every symbolic link in the path:
/// two runs that reach one index by different paths (a link and its target) take one lock.
final class IndexLock: Sendable {
    private let descriptor: Int32

    /// How often a waiting process tries the lock again (and looks for an interruption).
    private static let retryInterval: useconds_t = 100_000

    /// Takes the lock. When another process holds it: throws `.busy` at once, or with `wait`,
    /// calls `onWaiting` once and tries again until it is free or `interruption` is requested.
    init(
        indexPath: String, wait: Bool = false, interruption: IndexInterruption? = nil,
        onWaiting: () -> Void = {}
    ) throws(IndexError) {
        let lockPath = Self.lockPath(forIndex: indexPath)
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let code = errno
            if code == EROFS || code == EACCES || code == EPERM { throw .readOnly(path: indexPath) }
            if code == ENOSPC || code == EDQUOT { throw .diskFull(path: indexPath) }
            throw .writeFailed(
                path: indexPath, reason: "cannot create the lock file \(lockPath): \(String(cString: strerror(code)))")
        }
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard wait else {
                close(descriptor)
                throw .busy(path: indexPath)
            }
            if interruption?.isRequested == true {
                close(descriptor)
                throw .stoppedWhileWaiting(path: indexPath)
            }
            if !announced {
                onWaiting()
                announced = true
            }
            usleep(Self.retryInterval)
        }
        self.descriptor = descriptor
    }

    /// The lock file of the index at `indexPath`: the resolved path of the index, or, before the
    /// index exists, of its directory, with `.lock` added.
    static func lockPath(forIndex indexPath: String) -> String {
        resolved(indexPath) + ".lock"
    }

    private static func resolved(_ path: String) -> String {
        if let real = realPath(path) { return real }
        let name = (path as NSString).lastPathComponent
        let directory = (path as NSString).deletingLastPathComponent
        guard let realDirectory = realPath(directory.isEmpty ? "." : directory) else { return path }
        return (realDirectory as NSString).appendingPathComponent(name)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
