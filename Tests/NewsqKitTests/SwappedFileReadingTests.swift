import Foundation
import Testing
@testable import NewsqKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file swapped after the directory listing is judged by what the opened file is: a FIFO
/// never blocks the reader, a device is refused, and a huge file is refused by its size
/// before a byte of it is read.
@Suite struct SwappedFileReadingTests {
    static let limit = 64 << 20

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.path("swapped.md").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let done = DispatchSemaphore(value: 0)
        let result = Locked<Result<Data, CorpusError>?>(nil)
        Thread.detachNewThread {
            result.set(FileReading.contents(root: directory.url.path, relativePath: "swapped.md", limit: Self.limit))
            done.signal()
        }
        // A guard against a reader that hangs, not a measure of speed: when it has not
        // returned, a writer opens the FIFO so the thread can end, and the test fails.
        if done.wait(timeout: .now() + 30) == .timedOut {
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            done.wait()
            Issue.record("reading a FIFO blocked until a writer came")
        }
        #expect(result.value.flatMap(Self.error) == .notARegularFile)
    }

    @Test func aLinkToADeviceIsRefusedAsNotARegularFile() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: directory.path("zero.md").path, withDestinationPath: "/dev/zero")
        let result = FileReading.contents(root: directory.url.path, relativePath: "zero.md", limit: Self.limit)
        #expect(Self.error(result) == .notARegularFile)
        let parser = ArticleParser()
        let file = CorpusFile(
            root: directory.url.path, relativePath: "zero.md", id: "zero", size: 0, modified: 0,
            frontMatterOptional: false)
        #expect(throws: CorpusError.notARegularFile) { try parser.parse(file: file) }
    }

    @Test func aFileGrownPastTheLimitIsRefusedByItsSize() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("grown.md", articleFile(title: "Small when listed"))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 2 << 30) // sparse: no disk is used
        try handle.close()
        let result = FileReading.contents(root: directory.url.path, relativePath: "grown.md", limit: Self.limit)
        #expect(Self.error(result) == .tooLarge(bytes: 2 << 30, limit: Self.limit))
    }

    @Test func aFileAtTheLimitIsReadWhole() throws {
        let directory = TemporaryDirectory()
        directory.write("exact.md", Data(repeating: 0x61, count: 1_000))
        let read = FileReading.contents(root: directory.url.path, relativePath: "exact.md", limit: 1_000)
        #expect((try? read.get())?.count == 1_000)
        let over = FileReading.contents(root: directory.url.path, relativePath: "exact.md", limit: 999)
        #expect(Self.error(over) == .tooLarge(bytes: 1_000, limit: 999))
    }

    @Test func anIndexRunReportsAFIFOInPlaceOfAnArticle() throws {
        let corpus = TemporaryDirectory()
        corpus.write("a.md", articleFile(title: "Alpha", body: "alpha"))
        corpus.write("b.md", articleFile(title: "Bravo", body: "bravo"))
        let indexed = try IndexedCorpus(root: corpus.url)
        try FileManager.default.removeItem(at: corpus.path("b.md"))
        #expect(mkfifo(corpus.path("b.md").path, 0o600) == 0)
        let report = try Indexer(database: indexed.database).index(root: corpus.url)
        #expect(report.failures.map(\.path) == ["b.md"])
        #expect((report.articleCount, report.removed, report.removedBadFiles) == (1, 1, 1))
        #expect(try IndexContents(indexed.database) == (try IndexContents.fresh(of: corpus.url)))
    }

    private static func error(_ result: Result<Data, CorpusError>) -> CorpusError? {
        if case .failure(let error) = result { error } else { nil }
    }
}

/// A value shared between a test and a thread it starts.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
