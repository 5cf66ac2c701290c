import Foundation
import Testing
@testable import NewsqKit

@Suite struct IndexOpeningTests {
    @Test func searchingWithoutAnIndexSaysHowToMakeOne() {
        let directory = TemporaryDirectory()
        let path = directory.path("missing.sqlite").path
        #expect(throws: IndexError.self) { try ArchiveDatabase.openForReading(path: path) }
        do {
            _ = try ArchiveDatabase.openForReading(path: path)
        } catch {
            #expect(error.description.contains("newsq index"))
        }
    }

    @Test(arguments: [Data("this is not a database, just text".utf8), Data(repeating: 0xAB, count: 8192)])
    func aFileThatIsNotAnIndexIsRefusedWithoutTouchingIt(contents: Data) throws {
        let directory = TemporaryDirectory()
        let file = directory.write("notes.sqlite", contents)
        #expect(throws: IndexError.self) { try ArchiveDatabase.openForWriting(path: file.path) }
        #expect(throws: IndexError.self) { try ArchiveDatabase.openForReading(path: file.path) }
        #expect(try Data(contentsOf: file) == contents)
    }

    @Test func anotherSQLiteDatabaseIsNotTakenForAnIndex() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("other.sqlite").path
        let other = try ArchiveDatabase.openForWriting(path: directory.path("scratch.sqlite").path)
        try other.pool.write { db in try db.execute(sql: "ATTACH DATABASE ? AS other; CREATE TABLE other.t(x)", arguments: [path])
        }
        #expect(throws: IndexError.self) { try ArchiveDatabase.openForWriting(path: path) }
    }

    @Test func theDefaultPathFollowsTheEnvironment() {
        #expect(IndexLocation.defaultPath(environment: ["NEWSQ_DB": "/x/y.sqlite", "HOME": "/h"]) == "/x/y.sqlite")
        #expect(IndexLocation.defaultPath(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/newsq/index.sqlite")
        #expect(IndexLocation.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/newsq/index.sqlite")
    }
}
