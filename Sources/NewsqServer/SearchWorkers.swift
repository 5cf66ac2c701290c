import Foundation
import Synchronization

/// A fixed set of threads of its own that run the server's blocking work (SQLite reads), so
/// that it never occupies Swift's cooperative threads, which carry the HTTP connections. At
/// most `threads` pieces of work run at once and at most `queueLength` more wait their turn,
/// first come, first served; beyond that a request is refused at once as busy rather than
/// left to wait without bound.
final class SearchWorkers: Sendable {
    let threads: Int
    let queueLength: Int
    private let state = Mutex(Queue())
    private let ready = DispatchSemaphore(value: 0)

    private struct Queue {
        var waiting: [@Sendable () -> Void] = []
        /// Work admitted and not yet finished: waiting plus running.
        var admitted = 0
    }

    /// Starts `threads` threads that live as long as the process.
    init(threads: Int, queueLength: Int) {
        precondition(threads > 0 && queueLength >= 0)
        self.threads = threads
        self.queueLength = queueLength
        for number in 1...threads {
            let thread = Thread { [self] in work() }
            thread.name = "newsq search \(number)"
            thread.start()
        }
    }

    /// The result of `body`, run on one of the threads once one is free; throws
    /// `ServerError.busy` without running it when the queue is full.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let capacity = threads + queueLength
        let taken = state.withLock {
            guard $0.admitted < capacity else { return false }
            $0.admitted += 1
            return true
        }
        guard taken else { throw ServerError.busy(running: threads, waiting: queueLength) }
        return try await withCheckedThrowingContinuation { continuation in
            state.withLock {
                $0.waiting.append { [self] in
                    let result = Result { try body() }
                    state.withLock { $0.admitted -= 1 }
                    continuation.resume(with: result)
                }
            }
            ready.signal()
        }
    }

    private func work() {
        while true {
            ready.wait()
            let job = state.withLock { $0.waiting.removeFirst() }
            job()
        }
    }
}
