import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file all at once or not at all: output goes to a hidden temporary file in the
/// target's directory, which `commit()` moves into place with one `rename`/`link`, so a reader
/// never sees half a file and a failed run leaves the old file as it was.
///
/// For example:
///
/// ```swift
/// let file = try AtomicFileWriter(path: "hits.csv", replacing: false)
/// try file.write("qid,query\n")
/// try file.commit()   // hits.csv appears now, complete
/// ```
///
/// Without `replacing`, an existing file is never overwritten: it is refused up front, and
/// the final step is `link(2)`, which fails rather than replace a file that appeared meanwhile.
/// Not thread-safe; a writer that is neither committed nor discarded removes its temporary
/// file when it goes away.
public final class AtomicFileWriter {
    /// The target path, as given.
    public let path: String
    private let replacing: Bool
    private let temporaryPath: String
    private var descriptor: Int32
    private var finished = false

    /// Creates the temporary file; fails with a sentence when `path` cannot be written, or when
    /// it is one of the `protecting` files (the index a command reads), by any name: the same
    /// file (device and inode) through a link, or, for a file not there yet, the same name in
    /// the same directory (a `-wal` written there would become the index's log).
    public init(path: String, replacing: Bool, protecting: [String] = []) throws(ExportError) {
        self.path = path
        self.replacing = replacing
        let directory = Self.directory(of: path)
        if let protected = protecting.first(where: { Self.sameFile(path, $0) }) {
            throw .outputIsProtected(path: path, protected: protected)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .outputIsDirectory(path: path) }
            if !replacing { throw .outputExists(path: path) }
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .missingDirectory(path: path, directory: directory)
        }
        guard isDirectory.boolValue else { throw .notADirectory(path: path, directory: directory) }

        let name = (path as NSString).lastPathComponent
        var opened: (path: String, descriptor: Int32)?
        // O_EXCL with a random suffix: never reuse or follow someone else's file. Mode 0666 lets
        // the umask decide the final permissions, as for any file the user creates.
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let candidate = (directory as NSString).appendingPathComponent(".\(name).newsq-\(suffix)")
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                opened = (candidate, descriptor)
                break
            }
            if errno != EEXIST { throw Self.error(errno: errno, path: path, directory: directory) }
        }
        guard let opened else { throw .writeFailed(path: path, reason: "could not create a temporary file") }
        temporaryPath = opened.path
        descriptor = opened.descriptor
    }

    deinit {
        if !finished { discard() }
    }

    public func write(_ string: String) throws(ExportError) {
        var string = string
        // `withUTF8` rethrows untyped errors: carry the typed one out by hand.
        let failure = string.withUTF8 { bytes in Result { () throws(ExportError) in try write(bytes) } }
        try failure.get()
    }

    public func write(_ data: Data) throws(ExportError) {
        let failure = data.withUnsafeBytes { raw in
            Result { () throws(ExportError) in try write(raw.bindMemory(to: UInt8.self)) }
        }
        try failure.get()
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(ExportError) {
        precondition(!finished, "write after commit or discard")
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                discard()
                throw .writeFailed(path: path, reason: reason)
            }
            offset += written
        }
    }

    /// Flushes the file to disk and moves it into place.
    public func commit() throws(ExportError) {
        precondition(!finished, "commit after commit or discard")
        // fsync before rename: otherwise a crash can leave the new name pointing at an empty file.
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let reason = String(cString: strerror(errno))
            discard()
            throw .writeFailed(path: path, reason: reason)
        }
        descriptor = -1
        finished = true
        if replacing {
            if rename(temporaryPath, path) != 0 { try fail(errno) }
        } else if link(temporaryPath, path) == 0 {
            unlink(temporaryPath)
        } else if errno == EEXIST {
            unlink(temporaryPath)
            throw .outputExists(path: path)
        } else if errno == EPERM || errno == EOPNOTSUPP || errno == EMLINK {
            // File systems without hard links: fall back to a check, then rename.
            if FileManager.default.fileExists(atPath: path) {
                unlink(temporaryPath)
                throw .outputExists(path: path)
            }
            if rename(temporaryPath, path) != 0 { try fail(errno) }
        } else {
            try fail(errno)
        }
    }

    /// Removes the temporary file; the target is left as it was.
    public func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        if !finished || FileManager.default.fileExists(atPath: temporaryPath) {
            unlink(temporaryPath)
        }
        finished = true
    }

    private func fail(_ code: Int32) throws(ExportError) {
        unlink(temporaryPath)
        throw Self.error(errno: code, path: path, directory: Self.directory(of: path))
    }

    /// The sentence for a failed system call on `path`.
    static func error(errno code: Int32, path: String, directory: String) -> ExportError {
        switch code {
        case EACCES, EPERM, EROFS: .permissionDenied(path: path, directory: directory)
        // Some file systems (/proc) answer ENOENT for a name that cannot be created.
        case ENOENT where !FileManager.default.fileExists(atPath: directory): .missingDirectory(path: path, directory: directory)
        case ENOTDIR: .notADirectory(path: path, directory: directory)
        case EISDIR: .outputIsDirectory(path: path)
        default: .writeFailed(path: path, reason: String(cString: strerror(code)))
        }
    }

    /// Whether `a` and `b` name one file: the same device and inode when both exist, else the
    /// same resolved directory and name.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        let firstExists = stat(a, &first) == 0, secondExists = stat(b, &second) == 0
        if firstExists, secondExists { return first.st_dev == second.st_dev && first.st_ino == second.st_ino }
        guard let resolvedA = resolvedName(a), let resolvedB = resolvedName(b) else { return false }
        return resolvedA == resolvedB
    }

    /// `path` with its directory resolved (links, `.`, `..`): nil when the directory is not there.
    private static func resolvedName(_ path: String) -> String? {
        guard let real = realpath(directory(of: path), nil) else { return nil }
        defer { free(real) }
        return (String(cString: real) as NSString).appendingPathComponent((path as NSString).lastPathComponent)
    }

    /// The directory `path` is in, as the user would write it (`.` for a bare file name).
    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}

/// `write(2)`, named apart from `AtomicFileWriter.write`, which would shadow it inside the class.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
