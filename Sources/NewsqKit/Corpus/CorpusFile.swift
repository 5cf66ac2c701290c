import Foundation

/// An article file found in a corpus directory, with what the indexer needs to notice changes.
public struct CorpusFile: Sendable, Equatable {
    /// The corpus root the scan started from. Every file of a scan shares the one string, and
    /// the full path is joined when needed: a scan holds a file record per article, and a
    /// million full paths (or `URL`s) cost hundreds of megabytes.
    public var root: String
    /// Where to read the file; under the corpus root even when the file is reached by a link.
    public var path: String { root + "/" + relativePath }
    /// `path` as a file URL.
    public var url: URL { URL(fileURLWithPath: path) }
    /// The path below the corpus root, with `/` between components.
    public var relativePath: String
    /// The relative path without its extension: the article's id.
    public var id: String
    /// Size in bytes, from the scan; the parser checks it against its limit before reading.
    public var size: Int64
    /// Last modification time, in nanoseconds since 1970.
    public var modified: Int64
    /// Last inode change time, in nanoseconds since 1970: unlike `modified`, `touch` and
    /// archivers cannot set it back, so a file restored with its old time is still seen changed.
    public var changed: Int64
    /// The file's inode number: two files swapped with their times keep their own numbers.
    public var inode: Int64
    /// True for `.txt` files, which may be plain text without a front matter.
    public var frontMatterOptional: Bool

    /// Creates a file record; `CorpusWalker` makes these, tests and tools may too.
    public init(
        root: String, relativePath: String, id: String, size: Int64, modified: Int64, changed: Int64 = 0,
        inode: Int64 = 0, frontMatterOptional: Bool
    ) {
        self.root = root
        self.relativePath = relativePath
        self.id = id
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.frontMatterOptional = frontMatterOptional
    }
}

/// What a scan of a corpus directory found: the article files and the paths it had to skip.
public struct CorpusScan: Sendable, Equatable {
    /// Article files, sorted by `relativePath`.
    public var files: [CorpusFile]
    /// Paths skipped on the way, in the order met.
    public var problems: [CorpusProblem]

    /// Creates a scan result.
    public init(files: [CorpusFile], problems: [CorpusProblem]) {
        self.files = files
        self.problems = problems
    }
}

/// A path below the corpus root that could not be used, and why.
public struct CorpusProblem: Sendable, Equatable, CustomStringConvertible {
    /// The path relative to the corpus root (`.` for the root itself).
    public var path: String
    /// Why the path was skipped.
    public var error: CorpusError

    /// Creates a problem record.
    public init(path: String, error: CorpusError) {
        self.path = path
        self.error = error
    }

    /// `path: sentence`, as the indexer prints it.
    public var description: String { "\(path): \(error)" }
}
