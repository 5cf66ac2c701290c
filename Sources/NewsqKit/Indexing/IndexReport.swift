/// What an index run did, counted per file.
public struct IndexReport: Sendable {
    public var added = 0
    public var updated = 0
    /// Articles taken out: their files are gone, or can no longer be indexed.
    public var removed = 0
    /// The part of `removed` whose files are still there but now bad (listed in `failures`):
    /// a fresh index would not hold them, so neither does this one.
    public var removedBadFiles = 0
    public var unchanged = 0
    /// Files that could not be indexed, with the reason; the rest of the run went on.
    public var failures: [CorpusProblem] = []
    /// Files that were indexed but deserve a look (an URL shared with another article).
    public var warnings: [CorpusProblem] = []
    /// Bytes of files read and parsed in this run (unchanged files are not read).
    public var bytesRead: Int64 = 0
    public var articleCount = 0
    /// Article files found in the corpus, and how many of them the run got through.
    public var filesTotal = 0
    public var filesDone = 0
    /// True when an `IndexInterruption` stopped the run (`stop` says where).
    public var interrupted = false
    /// Where a stop request ended the run; nil when none came.
    public var stop: Stop?
    /// True when the run changed so much of the index that it then merged the full-text index
    /// into one segment (see `Indexer.mergeShare`).
    public var mergedFullTextIndex = false
    /// True when the run then took again the number of articles that hold each common term
    /// (see `TermStatistics`).
    public var countedTerms = false

    public init() {}

    /// Where a stop request ended an index run; the index is valid at each.
    public enum Stop: Sendable, Equatable {
        /// Between two batches: the files not reached yet, and the removals, wait for the next run.
        case beforeEveryFile
        /// Every file was indexed; merging the full-text index waits for the next run.
        case beforeMerging
        /// Every file was indexed; counting the articles of common terms waits for a later run.
        case beforeCountingTerms
        /// The request came when the run had nothing left to do.
        case atTheEnd
    }
}

/// How far an index run has got, for progress displays.
public struct IndexProgress: Sendable, Equatable {
    public var filesDone: Int
    public var filesTotal: Int
    /// Bytes of the files parsed so far.
    public var bytesRead: Int64
    /// Bytes of changed files (the ones the run reads) processed so far, and in all.
    public var bytesDone: Int64
    public var bytesTotal: Int64
    /// Every file is done, and the full-text index is being merged into one segment.
    public var isMerging = false
    /// Every file is done, and the articles that hold each common term are being counted.
    public var isCountingTerms = false

    public init(filesDone: Int, filesTotal: Int, bytesRead: Int64, bytesDone: Int64, bytesTotal: Int64) {
        self.filesDone = filesDone
        self.filesTotal = filesTotal
        self.bytesRead = bytesRead
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
    }
}
