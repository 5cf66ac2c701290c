import Foundation

/// An exclusive lock beside the index file, held for a whole index run, so that two
/// `newsq index` runs on one database never interleave their batches.
final class IndexLock {
    private let descriptor: Int32

    /// Takes the lock, or throws `.busy` at once when another process holds it.
    init(indexPath: String) throws(IndexError) {
        let lockPath = indexPath + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .writeFailed(path: indexPath, reason: "cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .busy(path: indexPath)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
