#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opens a path below the corpus root, also one longer than the system takes in one call.
///
/// A corpus may nest deeper than `PATH_MAX` (4,096 bytes on Linux): twenty folders of
/// 200-byte names. Such a path is opened one folder at a time with `openat`, each relative to
/// the one before, so a file the walker could list can also be read. Shorter paths, nearly all,
/// take one `open`.
enum PathBelowRoot {
    /// A descriptor for `root/relativePath` (the root itself when `relativePath` is empty),
    /// opened with `flags` and close-on-exec; the caller closes it.
    static func open(root: String, relativePath: String, flags: Int32) -> Result<Int32, POSIXFailure> {
        let fullPath = relativePath.isEmpty ? root : root + "/" + relativePath
        let descriptor = openDescriptor(fullPath, flags: flags)
        if descriptor >= 0 { return .success(descriptor) }
        guard errno == ENAMETOOLONG, !relativePath.isEmpty else { return .failure(POSIXFailure(code: errno)) }

        var directory = openDescriptor(root, flags: O_RDONLY | O_DIRECTORY | O_NONBLOCK)
        guard directory >= 0 else { return .failure(POSIXFailure(code: errno)) }
        let components = relativePath.split(separator: "/").map(String.init)
        for component in components.dropLast() {
            let next = openat(directory, component, O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC)
            let code = errno
            close(directory)
            guard next >= 0 else { return .failure(POSIXFailure(code: code)) }
            directory = next
        }
        let opened = openat(directory, components.last ?? ".", flags | O_CLOEXEC)
        let code = errno
        close(directory)
        return opened >= 0 ? .success(opened) : .failure(POSIXFailure(code: code))
    }

    private static func openDescriptor(_ path: String, flags: Int32) -> Int32 {
        #if canImport(Darwin)
            Darwin.open(path, flags | O_CLOEXEC)
        #elseif canImport(Musl)
            Musl.open(path, flags | O_CLOEXEC)
        #else
            Glibc.open(path, flags | O_CLOEXEC)
        #endif
    }
}
