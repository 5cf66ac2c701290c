import Foundation
import Testing
@testable import NewsqKit

/// Where inotify cannot be used, the watch rescans: changes are still indexed, by the same run.
@Suite struct IndexWatchRescanTests {
    @Test func aWatchWithoutNotificationsFindsChangesByRescanning() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        let db = TemporaryDirectory().path("index.sqlite").path
        let database = try ArchiveDatabase.openForWriting(path: db)
        let watch = Handed(
            IndexWatch(
                indexer: Indexer(database: database), root: corpus.url, notifications: false,
                rescanInterval: 0.2))
        let interruption = IndexInterruption()
        let notices = LockedList()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            _ = try? watch.value.run(interruption: interruption, onNotice: { notices.append("\($0)") }, onRun: { _ in })
            finished.signal()
        }
        corpus.write("b.md", articleFile(title: "Bravo", body: "bravo"))
        try FileManager.default.removeItem(at: corpus.path("a.md"))
        let expected = try IndexContents.fresh(of: corpus.url)
        let deadline = Date().addingTimeInterval(IndexWatchTests.patience)
        var equal = false
        while !equal, Date() < deadline {
            usleep(50_000)
            equal = try IndexContents(ArchiveDatabase.openForReading(path: db)) == expected
        }
        interruption.request()
        finished.wait()
        #expect(equal)
        #expect(notices.items.isEmpty, "a watch asked to rescan says nothing of it")
    }
}

private final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func append(_ item: String) { lock.withLock { list.append(item) } }
    var items: [String] { lock.withLock { list } }
}

/// Hands a value to the one thread that uses it from then on.
private final class Handed<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
