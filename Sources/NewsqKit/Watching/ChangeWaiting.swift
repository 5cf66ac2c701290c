import Foundation

/// What waiting for a change in a watched directory ended with.
enum ChangeWaiting: Equatable {
    /// Something in the directory changed (or may have).
    case changed
    /// The notifications can no longer be trusted (the kernel dropped some, or a new directory
    /// could not be watched): the watch must fall back to rescanning periodically.
    case lost(WatchError)
    /// Nothing changed within the time given.
    case quiet
}
