import Foundation
import Testing

/// The rules of ARCHITECTURE.md that a reader of one file cannot see broken: which folders may
/// speak SQL, and that no state is shared by the whole process.
@Suite struct HouseRulesTests {
    /// The folders of `Sources/NewsqKit/` that may know SQLite and SQL.
    static let sqlFolders = ["Storage", "Indexing", "Search", "Ranking"]

    /// What only code that talks to SQLite writes.
    static let sqlMarks = [
        "import GRDB", "sqlite3_", "SQLITE_", "Database(", "DatabaseQueue", "DatabasePool", "SELECT ", "INSERT INTO",
        "CREATE TABLE", "CREATE INDEX", "DELETE FROM", "UPDATE ", " MATCH ",
    ]

    struct SourceFile: CustomStringConvertible {
        let url: URL
        let relativePath: String
        let text: String
        var description: String { relativePath }
    }

    static func sources() throws -> [SourceFile] {
        let root = Repository.root.appendingPathComponent("Sources")
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [SourceFile] = []
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.path.dropFirst(root.path.count + 1))
            files.append(SourceFile(url: url, relativePath: relative, text: try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.relativePath < $1.relativePath }
    }

    @Test func onlyTheStorageSearchAndRankingFoldersKnowSQL() throws {
        let files = try Self.sources()
        #expect(files.count > 50)
        for file in files {
            let folders = file.relativePath.split(separator: "/")
            let allowed = folders.count > 2 && folders[0] == "NewsqKit" && Self.sqlFolders.contains(String(folders[1]))
            if allowed { continue }
            for mark in Self.sqlMarks {
                #expect(!file.text.contains(mark), "\(file) writes \(mark); only \(Self.sqlFolders) may speak SQL")
            }
        }
    }

    /// Declarations of state that one process shares: a stored `static var` (one with an initial
    /// value; a computed one, `static var x: T {`, stores nothing), a `static let shared`
    /// singleton, and anything `nonisolated(unsafe)`.
    static var sharedState: [Regex<Substring>] {
        [#/static\s+var\s+\w+\s*(?::[^={]*)?=/#, #/static\s+let\s+shared\b/#, #/nonisolated\(unsafe\)/#]
    }

    @Test(arguments: [
        ("static var count = 0", true), ("static var cache: [String: Int] = [:]", true),
        ("static let shared = Registry()", true), ("nonisolated(unsafe) var x = 1", true),
        ("static var migrator: DatabaseMigrator {", false), ("static let name = \"newsq\"", false),
        ("static func shared() -> Int", false), ("var count = 0", false),
    ])
    func theSharedStatePatternsFindWhatTheyMean(line: String, shared: Bool) {
        #expect(Self.sharedState.contains { line.contains($0) } == shared)
    }

    @Test func nothingHoldsProcessWideMutableState() throws {
        for file in try Self.sources() {
            for (number, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.sharedState.contains(where: { line.contains($0) }) {
                Issue.record("\(file):\(number + 1) holds process-wide state: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test func theSQLFoldersExist() {
        for folder in Self.sqlFolders + ["Analysis", "Evaluation"] {
            let path = Repository.root.appendingPathComponent("Sources/NewsqKit/\(folder)").path
            #expect(FileManager.default.fileExists(atPath: path), "Sources/NewsqKit/\(folder)")
        }
    }
}
