import Foundation

/// Finds the article files below a corpus directory.
///
/// Picks `.md`, `.markdown` and `.txt` files (any letter case), skips names starting with `.`,
/// and follows symbolic links to files and directories. A directory reached a second time,
/// through a link back to one of its ancestors or through a second link, is reported and
/// skipped, so a link loop costs one problem line rather than an endless walk. Linked
/// directories are walked after all real ones, so a directory's files keep their real path
/// when a link elsewhere leads to it too.
public struct CorpusWalker: Sendable {
    /// The corpus directory; article ids are paths relative to it.
    public let root: URL

    /// Creates a walker for the corpus directory at `root`.
    public init(root: URL) {
        self.root = root
    }

    /// Throws when the root is missing or not a directory: a command checks this before it
    /// creates anything, so a mistyped directory leaves no empty index behind.
    public func checkRoot() throws(CorpusError) {
        _ = try rootStatus()
    }

    private func rootStatus() throws(CorpusError) -> FileStatus {
        let rootPath = Self.withoutTrailingSlash(root.standardizedFileURL.path)
        let status: FileStatus
        switch FileStatus.of(path: rootPath) {
        case .success(let found): status = found
        case .failure(let failure) where failure.code == ENOENT || failure.code == ENOTDIR:
            throw .directoryNotFound(path: rootPath)
        case .failure(let failure): throw .unreadableDirectory(reason: failure.reason)
        }
        guard status.isDirectory else { throw .notADirectory(path: rootPath) }
        return status
    }

    /// Walks the tree; throws only when the root itself is missing or not a directory.
    public func scan() throws(CorpusError) -> CorpusScan {
        let rootPath = Self.withoutTrailingSlash(root.standardizedFileURL.path)
        let rootStatus = try rootStatus()

        var files: [CorpusFile] = []
        var problems: [CorpusProblem] = []
        var firstPathOf: [FileStatus.Identity: String] = [rootStatus.identity: ""]
        var pending = [PendingDirectory(relativePath: "", ancestors: [rootStatus.identity: ""])]
        var linkedDirectories: [PendingDirectory] = []

        while let directory = pending.popLast()
            ?? Self.nextLinkedDirectory(
                from: &linkedDirectories, firstPathOf: &firstPathOf, problems: &problems
            )
        {
            let entries: [(name: String, nameIsUTF8: Bool)]
            let opened: OpenDirectory
            switch OpenDirectory.open(root: rootPath, relativePath: directory.relativePath).flatMap({ opened in
                opened.entries().map { (opened, $0) }
            }) {
            case .success(let found): (opened, entries) = found
            case .failure(let failure):
                problems.append(
                    CorpusProblem(
                        path: Self.display(directory.relativePath), error: .unreadableDirectory(reason: failure.reason)))
                continue
            }
            var subdirectories: [PendingDirectory] = []
            for entry in entries where !entry.name.hasPrefix(".") {
                let relativePath = directory.relativePath.isEmpty ? entry.name : directory.relativePath + "/" + entry.name
                let extensionKind = Self.articleExtension(of: entry.name)
                let status: FileStatus
                switch opened.status(of: entry.name) {
                case .success(let found): status = found
                case .failure(let failure):
                    // Only names that look like articles are worth a line: a dangling `notes` link is noise.
                    guard extensionKind != nil else { continue }
                    let reason =
                        !entry.nameIsUTF8
                        ? "the file name is not valid UTF-8"
                        : failure.code == ENOENT
                            ? "it is a symbolic link to a missing file"
                            : failure.code == ELOOP ? "it is a loop of symbolic links" : failure.reason
                    problems.append(CorpusProblem(path: relativePath, error: .unreadable(reason: reason)))
                    continue
                }
                if status.isDirectory {
                    if let ancestor = directory.ancestors[status.identity] {
                        problems.append(CorpusProblem(path: relativePath, error: .symlinkLoop(target: Self.display(ancestor))))
                        continue
                    }
                    var ancestors = directory.ancestors
                    ancestors[status.identity] = relativePath
                    let child = PendingDirectory(relativePath: relativePath, ancestors: ancestors, identity: status.identity)
                    let isLink = (try? opened.status(of: entry.name, followingLinks: false).get())?.isSymbolicLink ?? false
                    if isLink {
                        linkedDirectories.append(child)
                    } else if let first = firstPathOf[status.identity] {
                        // Only a bind mount or a hard-linked directory gets here.
                        problems.append(CorpusProblem(path: relativePath, error: .alreadyScanned(as: Self.display(first))))
                    } else {
                        firstPathOf[status.identity] = relativePath
                        subdirectories.append(child)
                    }
                    continue
                }
                guard let extensionKind else { continue }
                guard status.isRegularFile else {
                    problems.append(CorpusProblem(path: relativePath, error: .notARegularFile))
                    continue
                }
                files.append(
                    CorpusFile(
                        root: rootPath,
                        relativePath: relativePath,
                        id: String(relativePath.dropLast(extensionKind.length)),
                        size: status.size,
                        modified: status.modifiedNanoseconds,
                        changed: status.changedNanoseconds,
                        inode: Int64(bitPattern: status.identity.inode),
                        frontMatterOptional: extensionKind.isPlainText
                    ))
            }
            // Reversed so the stack pops them in name order.
            pending.append(contentsOf: subdirectories.reversed())
        }

        files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        return CorpusScan(files: droppingDuplicateIDs(files, problems: &problems), problems: problems)
    }

    private struct PendingDirectory {
        var relativePath: String
        /// The directories from the root down to this one, each with its relative path.
        var ancestors: [FileStatus.Identity: String]
        var identity: FileStatus.Identity?
    }

    /// The linked directory with the first path that leads somewhere not walked yet; the
    /// others on the way are reported as walked already.
    private static func nextLinkedDirectory(
        from linked: inout [PendingDirectory],
        firstPathOf: inout [FileStatus.Identity: String],
        problems: inout [CorpusProblem]
    ) -> PendingDirectory? {
        linked.sort { $0.relativePath > $1.relativePath }
        while let candidate = linked.popLast() {
            guard let identity = candidate.identity else { continue }
            if let first = firstPathOf[identity] {
                problems.append(
                    CorpusProblem(
                        path: candidate.relativePath, error: .alreadyScanned(as: display(first))))
                continue
            }
            firstPathOf[identity] = candidate.relativePath
            return candidate
        }
        return nil
    }

    /// `a.md` and `a.markdown` would both be article `a`; the first in path order keeps the id.
    /// A `.txt` file without a front matter is no article and claims no id: it is left out
    /// silently, as the indexer would skip it, and the other file keeps the id.
    private func droppingDuplicateIDs(_ files: [CorpusFile], problems: inout [CorpusProblem]) -> [CorpusFile] {
        var filesOfID: [ExactID: Int] = [:]
        filesOfID.reserveCapacity(files.count)
        for file in files { filesOfID[ExactID(file.id), default: 0] += 1 }
        var ownerOfID: [ExactID: String] = [:]
        return files.filter { file in
            let key = ExactID(file.id)
            guard filesOfID[key, default: 0] > 1 else { return true }
            if file.frontMatterOptional, !PlainTextFile.mayHaveFrontMatter(file) { return false }
            if let owner = ownerOfID[key] {
                problems.append(CorpusProblem(path: file.relativePath, error: .duplicateID(id: file.id, keptPath: owner)))
                return false
            }
            ownerOfID[key] = file.relativePath
            return true
        }
    }

    /// The id a file at `relativePath` would have; nil when its name is no article's.
    static func articleID(ofRelativePath relativePath: String) -> String? {
        let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
        return articleExtension(of: name).map { String(relativePath.dropLast($0.length)) }
    }

    /// The length of the article extension (dot included) at the end of `name`, if it has one.
    private static func articleExtension(of name: String) -> (length: Int, isPlainText: Bool)? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let suffix = name[name.index(after: dot)...].lowercased()
        let length = name.distance(from: dot, to: name.endIndex)
        switch suffix {
        case "md", "markdown": return (length, false)
        case "txt": return (length, true)
        default: return nil
        }
    }

    private static func display(_ relativePath: String) -> String {
        relativePath.isEmpty ? "." : relativePath
    }

    private static func withoutTrailingSlash(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
