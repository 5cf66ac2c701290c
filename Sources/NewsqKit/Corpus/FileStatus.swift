#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few facts `stat(2)` gives that the corpus walker needs, in portable types.
struct FileStatus {
    /// Identifies a directory across symbolic links, to notice a link that leads back up.
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

    /// The status of what `path` names, following symbolic links; on failure, the `errno`.
    static func of(path: String, followingLinks: Bool = true) -> Result<FileStatus, POSIXFailure> {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard status == 0 else { return .failure(POSIXFailure(code: errno)) }
        let kind = UInt32(info.st_mode) & 0o170000
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return .success(FileStatus(
            identity: Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)),
            isDirectory: kind == 0o040000,
            isRegularFile: kind == 0o100000,
            isSymbolicLink: kind == 0o120000,
            size: Int64(info.st_size),
            modifiedNanoseconds: Int64(modified.tv_sec) * 1_000_000_000 + Int64(modified.tv_nsec)
        ))
    }

    /// The names in a directory, without `.` and `..`, sorted so every walk visits them in one
    /// order. A name that is not UTF-8 comes back with U+FFFD in it and `nameIsUTF8` false.
    static func entries(ofDirectory path: String) -> Result<[(name: String, nameIsUTF8: Bool)], POSIXFailure> {
        guard let directory = opendir(path) else { return .failure(POSIXFailure(code: errno)) }
        defer { closedir(directory) }
        var entries: [(name: String, nameIsUTF8: Bool)] = []
        while let entry = readdir(directory) {
            let (name, isUTF8) = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    pointer -> (String, Bool) in
                    if let valid = String(validatingCString: pointer) { return (valid, true) }
                    return (String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)),
                                   as: UTF8.self), false)
                }
            }
            if name != ".", name != ".." { entries.append((name, isUTF8)) }
        }
        entries.sort { $0.name < $1.name }
        return .success(entries)
    }
}

/// A failed system call's `errno`, readable as the system's sentence for it.
struct POSIXFailure: Error {
    var code: Int32

    var reason: String { String(cString: strerror(code)) }
}
