/// Why changes in a directory are not, or were not all, told by the kernel; each case reads as
/// a sentence for the user that says what the watch does instead.
public enum WatchError: Error, CustomStringConvertible, Equatable {
    /// The kernel's limit of watched directories (or of watchers) is reached.
    case limitReached(reason: String)
    /// More changes came at once than the kernel's queue of events holds.
    case overflowed
    /// The platform has no change notification that newsq uses.
    case unsupported
    case failed(reason: String)

    public var description: String {
        switch self {
        case .limitReached(let reason):
            "the kernel's limit of watched directories is reached (\(reason)): the directory is rescanned every few seconds instead; raise fs.inotify.max_user_watches to have changes told at once"
        case .overflowed:
            "more changes came at once than the kernel's queue of change events holds: the directory was rescanned, and is watched again"
        case .unsupported:
            "this system has no inotify: the directory is rescanned every few seconds instead"
        case .failed(let reason):
            "cannot watch the directory for changes (\(reason)): it is rescanned every few seconds instead"
        }
    }
}
