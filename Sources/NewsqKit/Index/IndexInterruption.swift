import Foundation

/// A request to stop an index run at the next batch boundary, shared between whoever asks
/// (a signal handler, another thread) and the indexer, which checks it between batches.
///
/// For example:
///
/// ```swift
/// let interruption = IndexInterruption()
/// // on Ctrl-C, from any thread:
/// interruption.request()
/// // the run commits its current batch, then returns a report with `interrupted == true`.
/// ```
public final class IndexInterruption: @unchecked Sendable {
    // A lock rather than an atomic: `Synchronization.Atomic` needs macOS 15, and this flag is
    // read once per batch.
    private let lock = NSLock()
    private var requests = 0

    public init() {}

    /// Asks the run to stop; returns how many times stopping has been asked, this time included,
    /// so a caller can stop at once on a second request.
    @discardableResult
    public func request() -> Int {
        lock.withLock {
            requests += 1
            return requests
        }
    }

    /// Whether stopping has been asked.
    public var isRequested: Bool {
        lock.withLock { requests > 0 }
    }
}
