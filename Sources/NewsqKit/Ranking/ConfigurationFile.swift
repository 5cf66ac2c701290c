import Foundation

/// Reads a small file the user names (the configuration, the synonyms) with `read(2)`, so that
/// a pipe (`--config <(...)`) or a device reads as any file, and at most one byte more than a
/// limit (`/dev/zero` never ends): a caller sees that the file is too large without reading it all.
enum ConfigurationFile {
    /// Why the file cannot be read, as the system says it ("No such file or directory").
    struct Failure: Error {
        let reason: String
    }

    /// The bytes of the file at `path`, at most `maximumBytes + 1` of them.
    static func contents(of path: String, maximumBytes: Int) throws(Failure) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(reason: String(cString: strerror(errno))) }
        if status.st_mode & S_IFMT == S_IFDIR { throw Failure(reason: "it is a directory") }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count <= maximumBytes {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw Failure(reason: String(cString: strerror(errno))) }
            if count == 0 { break }
            data.append(contentsOf: buffer[..<count])
        }
        return data
    }
}
