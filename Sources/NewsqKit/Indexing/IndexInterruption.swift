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
    private var stopCurrentStep: (@Sendable () -> Void)?

    public init() {}

    /// Asks the run to stop; returns how many times stopping has been asked, this time included,
    /// so a caller can stop at once on a second request.
    @discardableResult
    public func request() -> Int {
        let (count, stop) = lock.withLock {
            requests += 1
            return (requests, stopCurrentStep)
        }
        stop?()
        return count
    }

    /// Runs `step`, a long one that does not end at batch boundaries; a request meanwhile also
    /// calls `stop`, which should make `step` end early.
    func whileRunning<T>(stop: @escaping @Sendable () -> Void, _ step: () throws -> T) rethrows -> T {
        lock.withLock { stopCurrentStep = stop }
        defer { lock.withLock { stopCurrentStep = nil } }
        return try step()
    }

    /// Whether stopping has been asked.
    public var isRequested: Bool {
        lock.withLock { requests > 0 }
    }
}
