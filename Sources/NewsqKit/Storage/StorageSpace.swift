import Foundation

/// What the file system around an index has room for, asked when opening it failed.
enum StorageSpace {
    /// Free bytes below which a file system counts as full: a reader's shared-memory file
    /// takes 32 KiB at first, and a nearly full disk may refuse it before the last block.
    static let fullBelow: UInt64 = 1 << 20

    /// Whether the file system holding `directory` is (nearly) full for this user.
    static func isFull(_ directory: String) -> Bool {
        var status = statvfs()
        guard statvfs(directory, &status) == 0 else { return false }
        return UInt64(status.f_bavail) * UInt64(status.f_frsize) < fullBelow
    }

    /// Whether the file at `path` is empty or not there (a checkpointed write-ahead log).
    static func isEmptyOrMissing(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return errno == ENOENT }
        return status.st_size == 0
    }
}
