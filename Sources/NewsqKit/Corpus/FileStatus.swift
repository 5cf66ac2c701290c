#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few facts `stat(2)` gives that the corpus walker and the indexer need, in portable types.
struct FileStatus {
    /// Identifies a file or directory across symbolic links and renames.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    var identity: Identity
    var isDirectory: Bool
    var isRegularFile: Bool
    var isSymbolicLink: Bool
    var size: Int64
    /// Last modification, in nanoseconds since 1970.
    var modifiedNanoseconds: Int64
    /// Last change of the file's inode (contents, name, owner...), in nanoseconds since 1970:
    /// unlike the modification time, no program can set it back.
    var changedNanoseconds: Int64

    /// The status of what `path` names, following symbolic links; on failure, the `errno`.
    static func of(path: String, followingLinks: Bool = true) -> Result<FileStatus, POSIXFailure> {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return .failure(POSIXFailure(code: errno)) }
        return .success(FileStatus(info))
    }

    /// The status of `name` in the open directory `directory`.
    static func of(name: String, inDirectory directory: Int32, followingLinks: Bool = true) -> Result<FileStatus, POSIXFailure> {
        var info = stat()
        guard fstatat(directory, name, &info, followingLinks ? 0 : AT_SYMLINK_NOFOLLOW) == 0 else {
            return .failure(POSIXFailure(code: errno))
        }
        return .success(FileStatus(info))
    }

    /// The status of an open file.
    static func of(descriptor: Int32) -> Result<FileStatus, POSIXFailure> {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(POSIXFailure(code: errno)) }
        return .success(FileStatus(info))
    }

    private init(_ info: stat) {
        let kind = UInt32(info.st_mode) & 0o170000
        #if canImport(Darwin)
            let modified = info.st_mtimespec
            let changed = info.st_ctimespec
        #else
            let modified = info.st_mtim
            let changed = info.st_ctim
        #endif
        identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        isDirectory = kind == 0o040000
        isRegularFile = kind == 0o100000
        isSymbolicLink = kind == 0o120000
        size = Int64(info.st_size)
        modifiedNanoseconds = Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec)
        changedNanoseconds = Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec)
    }
}

/// A failed system call's `errno`, readable as the system's sentence for it.
struct POSIXFailure: Error {
    var code: Int32

    var reason: String { String(cString: strerror(code)) }
}
