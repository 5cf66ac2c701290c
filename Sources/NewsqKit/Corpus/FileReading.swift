#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// Reads an article file with POSIX calls, trusting only what the opened file says of itself.
///
/// Between the directory listing and the read, the file may have become something else: a
/// FIFO (whose `open` would wait for a writer forever, holding the index lock), a link to
/// `/dev/zero` (endless), a file grown to gigabytes. So the file is opened without blocking,
/// its type and size are taken from the descriptor (`fstat`), and at most the limit plus one
/// byte is read. Failures carry the system's own reason ("Permission denied").
enum FileReading {
    /// The bytes of the regular file `root/relativePath`, at most `limit` of them: a larger
    /// file, or one that grows past it while read, is refused.
    static func contents(root: String, relativePath: String, limit: Int) -> Result<Data, CorpusError> {
        load(root: root, relativePath: relativePath, upTo: limit, refusingLarger: true)
    }

    /// The first `count` bytes of the regular file `root/relativePath` (fewer when it is shorter).
    static func prefix(root: String, relativePath: String, count: Int) -> Result<Data, CorpusError> {
        load(root: root, relativePath: relativePath, upTo: count, refusingLarger: false)
    }

    private static func load(root: String, relativePath: String, upTo limit: Int, refusingLarger: Bool)
        -> Result<Data, CorpusError>
    {
        let descriptor: Int32
        switch PathBelowRoot.open(root: root, relativePath: relativePath, flags: O_RDONLY | O_NONBLOCK | O_NOCTTY) {
        case .success(let opened): descriptor = opened
        case .failure(let failure): return .failure(.unreadable(reason: failure.reason))
        }
        defer { close(descriptor) }
        let status: FileStatus
        switch FileStatus.of(descriptor: descriptor) {
        case .success(let found): status = found
        case .failure(let failure): return .failure(.unreadable(reason: failure.reason))
        }
        guard status.isRegularFile else { return .failure(.notARegularFile) }
        if refusingLarger, status.size > Int64(limit) {
            return .failure(.tooLarge(bytes: Int(status.size), limit: limit))
        }
        // A regular file never blocks; cleared so no file system can answer EAGAIN.
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
            return .failure(.unreadable(reason: POSIXFailure(code: errno).reason))
        }

        let capacity = refusingLarger ? limit + 1 : limit
        var data = Data(count: min(max(Int(status.size), 0) + 1, capacity))
        var filled = 0
        while filled < capacity {
            if filled == data.count { data.count = min(data.count * 2, capacity) }
            let count = data.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.unreadable(reason: POSIXFailure(code: errno).reason))
            }
            if count == 0 { break }
            filled += count
        }
        if refusingLarger, filled > limit {
            let grownTo = (try? FileStatus.of(descriptor: descriptor).get())?.size ?? Int64(filled)
            return .failure(.tooLarge(bytes: Int(max(grownTo, Int64(filled))), limit: limit))
        }
        data.count = filled
        return .success(data)
    }
}
