/// Why the index cannot be opened, written or searched. Each case reads as a sentence that says
/// what happened and what to do.
public enum IndexError: Error, CustomStringConvertible {
    case noIndex(path: String)
    case notAnIndex(path: String)
    case damaged(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    case cannotCreateDirectory(path: String, reason: String)
    case otherCorpus(path: String, indexedRoot: String, requestedRoot: String)
    case busy(path: String)
    case stoppedWhileWaiting(path: String)
    case readOnly(path: String)
    case diskFull(path: String)
    case diskFullForReading(path: String)
    case writeFailed(path: String, reason: String)
    case searchFailed(reason: String)

    /// The sentence, its suggested commands naming the index by `--db` and its path.
    public var description: String { description(index: indexPath.map { .path($0) } ?? .implied) }

    private var indexPath: String? {
        switch self {
        case .noIndex(let path), .notAnIndex(let path), .damaged(let path, _), .cannotOpen(let path, _),
            .cannotCreateDirectory(let path, _), .otherCorpus(let path, _, _), .busy(let path),
            .stoppedWhileWaiting(let path), .readOnly(let path), .diskFull(let path), .diskFullForReading(let path),
            .writeFailed(let path, _):
            path
        case .searchFailed:
            nil
        }
    }

    /// The sentence, its suggested commands finding the index as `index` says: the way the
    /// command that failed found it, so that pasting one reaches the same index.
    public func description(index: SuggestedCommand.Index) -> String {
        switch self {
        case .noIndex(let path):
            "there is no index at \(path): run `\(SuggestedCommand(["index", "DIR"], index: index))` first, or point --db (or NEWSQ_DB) at one"
        case .notAnIndex(let path):
            "\(path) is not a newsq index: give another --db path, or remove the file if you meant to replace it"
        case .damaged(let path, let reason):
            "the index \(path) is damaged (\(reason)): rebuild it with `\(SuggestedCommand(["index", "DIR", "--rebuild"], index: index))`"
        case .cannotOpen(let path, let reason):
            "cannot open the index \(path): \(reason)"
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the directory \(path) for the index: \(reason)"
        case .otherCorpus(let path, let indexedRoot, let requestedRoot):
            "the index \(path) holds the corpus \(indexedRoot), not \(requestedRoot): give another --db, or use --rebuild to replace it"
        case .busy(let path):
            "another newsq process (an index run or a check) is using the index \(path); try again when it has finished, or add --wait"
        case .stoppedWhileWaiting(let path):
            "stopped while waiting for another newsq process to finish with the index \(path); nothing was changed"
        case .readOnly(let path):
            "cannot write the index \(path): the file, its directory or its file system is read-only; make it writable or give another --db path (what the index holds is still valid)"
        case .diskFull(let path):
            "cannot write the index \(path): the disk is full; free some space and run `\(SuggestedCommand(["index", "DIR"], index: index))` again (every batch written before is kept, and the index is valid)"
        case .diskFullForReading(let path):
            "cannot read the index \(path): the disk is full, and reading it needs a small file beside it (\(path)-shm) until its last run's log is merged; free some space and try again"
        case .writeFailed(let path, let reason):
            "cannot write the index \(path): \(reason)"
        case .searchFailed(let reason):
            "the search could not run: \(reason)"
        }
    }
}
