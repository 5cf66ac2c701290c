/// What an index run did, counted per file.
public struct IndexReport: Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var unchanged = 0
    /// Files that could not be indexed, with the reason; the rest of the run went on.
    public var failures: [CorpusProblem] = []
    /// Bytes of files read and parsed in this run (unchanged files are not read).
    public var bytesRead: Int64 = 0
    public var articleCount = 0

    public init() {}
}

/// How far an index run has got, for progress displays.
public struct IndexProgress: Sendable {
    public var filesDone: Int
    public var filesTotal: Int
    public var bytesRead: Int64
}
