import Foundation

/// What waiting for a change in a watched directory ended with.
enum ChangeWaiting: Equatable {
    /// Something in the directory changed (or may have).
    case changed
    /// Some changes were not told (the kernel's queue overflowed): a rescan finds them, and
    /// the watches (renewed) tell the next ones.
    case overflowed
    /// The notifications can no longer be used (a new directory could not be watched): the
    /// watch must fall back to rescanning periodically.
    case lost(WatchError)
    /// Nothing changed within the time given.
    case quiet
}
