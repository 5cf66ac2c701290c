/// Why a directory cannot be watched for changes; each case reads as a sentence for the user.
public enum WatchError: Error, CustomStringConvertible, Equatable {
    /// The kernel's limit of watched directories (or of watchers) is reached.
    case limitReached(reason: String)
    /// The platform has no change notification that newsq uses.
    case unsupported
    case failed(reason: String)

    public var description: String {
        switch self {
        case .limitReached(let reason):
            "the kernel's limit of watched directories is reached (\(reason)); raise fs.inotify.max_user_watches to be told of changes at once"
        case .unsupported:
            "this system has no inotify"
        case .failed(let reason):
            "cannot watch the directory for changes: \(reason)"
        }
    }
}
