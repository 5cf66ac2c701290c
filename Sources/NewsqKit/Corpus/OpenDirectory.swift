#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A directory below the corpus root, open while the walker lists it.
///
/// Its entries are looked at relative to its descriptor (`fstatat`), so neither their depth
/// nor the length of their full paths matters, and the directory cannot be swapped for
/// another between its listing and the look at each entry.
final class OpenDirectory {
    private let stream: OpaquePointer

    /// Opens `root/relativePath` (the root itself when `relativePath` is empty).
    static func open(root: String, relativePath: String) -> Result<OpenDirectory, POSIXFailure> {
        let descriptor: Int32
        switch PathBelowRoot.open(root: root, relativePath: relativePath, flags: O_RDONLY | O_DIRECTORY | O_NONBLOCK) {
        case .success(let opened): descriptor = opened
        case .failure(let failure): return .failure(failure)
        }
        guard let stream = fdopendir(descriptor) else {
            let failure = POSIXFailure(code: errno)
            close(descriptor)
            return .failure(failure)
        }
        return .success(OpenDirectory(stream: stream))
    }

    private init(stream: OpaquePointer) {
        self.stream = stream
    }

    deinit { closedir(stream) }

    /// The names in the directory, without `.` and `..`, sorted so every walk visits them in
    /// one order. A name that is not UTF-8 comes back with U+FFFD in it and `nameIsUTF8` false.
    func entries() -> Result<[(name: String, nameIsUTF8: Bool)], POSIXFailure> {
        var entries: [(name: String, nameIsUTF8: Bool)] = []
        // readdir says "no more" and "failed" alike, with a null; only errno tells them apart.
        errno = 0
        while let entry = readdir(stream) {
            let (name, isUTF8) = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee)) {
                    pointer -> (String, Bool) in
                    if let valid = String(validatingCString: pointer) { return (valid, true) }
                    return (
                        String(
                            decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)),
                            as: UTF8.self), false
                    )
                }
            }
            if name != ".", name != ".." { entries.append((name, isUTF8)) }
            errno = 0
        }
        guard errno == 0 else { return .failure(POSIXFailure(code: errno)) }
        // Byte order: two spellings of one name are two files, and `<` would call them equal.
        entries.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return .success(entries)
    }

    /// The status of the entry `name`, following symbolic links unless asked not to.
    func status(of name: String, followingLinks: Bool = true) -> Result<FileStatus, POSIXFailure> {
        FileStatus.of(name: name, inDirectory: dirfd(stream), followingLinks: followingLinks)
    }
}
