import Foundation
import Testing
@testable import NewsqKit

/// The write lock belongs to the index file, not to the path that names it: a run through a
/// symbolic link and a run through the real path (or another link) exclude each other.
@Suite struct LockThroughLinksTests {
    enum Route: String, CaseIterable, Sendable {
        /// A link to the index file.
        case fileLink
        /// The index's directory reached through a link to it.
        case directoryLink
    }

    /// The real path of an index, and the other path `route` reaches it by.
    static func paths(_ directory: TemporaryDirectory, _ route: Route) throws -> (real: String, other: String) {
        let real = directory.path("data/index.sqlite").path
        try FileManager.default.createDirectory(at: directory.path("data"), withIntermediateDirectories: true)
        switch route {
        case .fileLink:
            try FileManager.default.createSymbolicLink(atPath: directory.path("link.sqlite").path, withDestinationPath: real)
            return (real, directory.path("link.sqlite").path)
        case .directoryLink:
            try FileManager.default.createSymbolicLink(
                atPath: directory.path("alias").path,
                withDestinationPath: directory.path("data").path)
            return (real, directory.path("alias/index.sqlite").path)
        }
    }

    @Test(arguments: Route.allCases)
    func aSecondWriterByAnotherPathIsRefused(route: Route) throws {
        let directory = TemporaryDirectory()
        let (real, other) = try Self.paths(directory, route)
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", real, "--quiet"]).status == 0)
        for (first, second) in [(real, other), (other, real)] {
            let holder = try ArchiveDatabase.openForWriting(path: first)
            do {
                _ = try ArchiveDatabase.openForWriting(path: second)
                Issue.record("\(route): a second writer through \(second) got in while \(first) was open")
            } catch {
                #expect(error.description.contains("another newsq process"), "\(error.description)")
            }
            let run = try Newsq.run(["index", Repository.corpus.path, "--db", second])
            #expect(run.status == 1)
            #expect(run.stderr.contains("another newsq process"), "\(run.stderr)")
            withExtendedLifetime(holder) {}
        }
    }

    /// Before the index exists, the lock is still the real file's: the link's directory is resolved.
    @Test func aNewIndexThroughALinkedDirectoryTakesTheRealLock() throws {
        let directory = TemporaryDirectory()
        let (real, other) = try Self.paths(directory, .directoryLink)
        let holder = try ArchiveDatabase.openForWriting(path: other)
        #expect(throws: IndexError.self) { try ArchiveDatabase.openForWriting(path: real) }
        withExtendedLifetime(holder) {}
        #expect(IndexLock.lockPath(forIndex: other) == IndexLock.lockPath(forIndex: real))
    }
}
