import Dispatch
import Testing
@testable import NewsqServer

/// The server's own search threads: a request beyond the running and waiting ones is refused
/// with the busy sentence, and admitted again once the queue drains.
@Suite struct ServeWorkersTests {
    @Test func aRequestBeyondTheQueueIsRefusedUntilItDrains() async throws {
        let workers = SearchWorkers(threads: 1, queueLength: 0)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let running = Task {
            try await workers.run {
                started.signal()
                release.wait()
                return "first"
            }
        }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                started.wait()
                continuation.resume()
            }
        }
        await #expect(throws: ServerError.busy(running: 1, waiting: 0)) {
            try await workers.run { "refused" }
        }
        #expect(ServerError.busy(running: 1, waiting: 0).status == 503)
        release.signal()
        #expect(try await running.value == "first")
        #expect(try await workers.run { "second" } == "second")
    }
}
