import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Tells of changes under a directory through Linux's inotify: one watch per directory,
/// recursively, new directories watched as they appear.
///
/// It only says that something changed, never what: the index run that follows scans the whole
/// directory, cheaply as it reads only changed files, so no event needs to be understood
/// exactly, and one lost between two runs is caught by the next scan.
final class InotifyWatcher {
    #if canImport(Glibc)
        private let descriptor: Int32
        private let root: URL
        /// Names of files never worth a run (the index itself, when it lies in the directory).
        private let ignoredPrefixes: [String]
        private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        private static let mask =
            UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
            | UInt32(IN_MOVED_TO) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
            | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)

        /// Watches every directory under `root`. Throws `.limitReached` when the kernel refuses more
        /// watches or watchers.
        init(root: URL, ignoredPrefixes: [String] = []) throws(WatchError) {
            self.root = root
            self.ignoredPrefixes = ignoredPrefixes
            let descriptor = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
            guard descriptor >= 0 else {
                let code = errno
                if code == EMFILE || code == ENFILE || code == ENOSPC {
                    throw .limitReached(reason: String(cString: strerror(code)))
                }
                throw .failed(reason: String(cString: strerror(code)))
            }
            self.descriptor = descriptor
            do {
                try watchTree()
            } catch {
                close(descriptor)
                throw error
            }
        }

        deinit { close(descriptor) }

        /// Waits up to `seconds` for a change.
        func wait(seconds: Double) -> ChangeWaiting {
            var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(max(0, seconds * 1000)))
            if ready < 0 {
                return errno == EINTR ? .quiet : .lost(.failed(reason: String(cString: strerror(errno))))
            }
            if ready == 0 { return .quiet }
            return drain()
        }

        /// Reads every pending event; watches new directories when any directory came or moved.
        private func drain() -> ChangeWaiting {
            var changed = false
            var directoriesMoved = false
            var overflowed = false
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EAGAIN || errno == EINTR { break }
                    return .lost(.failed(reason: String(cString: strerror(errno))))
                }
                if count == 0 { break }
                var offset = 0
                while offset + 16 <= count {
                    let (mask, nameLength) = buffer.withUnsafeBytes { bytes in
                        (
                            bytes.load(fromByteOffset: offset + 4, as: UInt32.self),
                            Int(bytes.load(fromByteOffset: offset + 12, as: UInt32.self))
                        )
                    }
                    let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + nameLength)].prefix { $0 != 0 }
                    offset += 16 + nameLength
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        overflowed = true
                        continue
                    }
                    if mask & UInt32(IN_ISDIR) != 0, mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM)) != 0
                    {
                        directoriesMoved = true
                    }
                    if mask & UInt32(IN_IGNORED) != 0 { continue }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    if !name.isEmpty, ignoredPrefixes.contains(where: { name.hasPrefix($0) }) { continue }
                    changed = true
                }
            }
            // Directories made while events were dropped are watched by walking the tree again.
            if directoriesMoved || overflowed {
                // Watching again from the top also renames the watches of moved directories:
                // inotify returns the same watch for a directory already watched.
                do { try watchTree() } catch { return .lost(error) }
            }
            if overflowed { return .overflowed }
            return changed || directoriesMoved ? .changed : .quiet
        }

        /// Watches `root` and every directory below it that is not hidden (the walk skips those).
        private func watchTree() throws(WatchError) {
            try watch(root.path)
            let keys: [URLResourceKey] = [.isDirectoryKey, .isSymbolicLinkKey]
            guard
                let walk = FileManager.default.enumerator(
                    at: root, includingPropertiesForKeys: keys,
                    options: [.skipsHiddenFiles], errorHandler: { _, _ in true })
            else { return }
            for case let url as URL in walk {
                let values = try? url.resourceValues(forKeys: Set(keys))
                guard values?.isDirectory == true, values?.isSymbolicLink != true else { continue }
                try watch(url.path)
            }
        }

        private func watch(_ path: String) throws(WatchError) {
            guard inotify_add_watch(descriptor, path, Self.mask) < 0 else { return }
            let code = errno
            switch code {
            case ENOSPC: throw .limitReached(reason: String(cString: strerror(code)))
            // Gone or replaced since the walk saw it: the next walk sees what is there now.
            case ENOENT, ENOTDIR, EACCES: return
            default: throw .failed(reason: "\(path): \(String(cString: strerror(code)))")
            }
        }
    #else
        init(root: URL, ignoredPrefixes: [String] = []) throws(WatchError) { throw .unsupported }

        func wait(seconds: Double) -> ChangeWaiting { .quiet }
    #endif
}
