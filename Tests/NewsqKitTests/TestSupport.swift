import Foundation
@testable import NewsqKit

/// Paths of the repository, found from this file so tests run from any working directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("corpus")
    /// `../shared` beside the repository, when this machine has it.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpora").path) }
}

/// A temporary directory, removed when the value goes away.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("newsq-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes `contents` at `relative`, creating folders on the way.
    @discardableResult
    func write(_ relative: String, _ contents: String) -> URL {
        write(relative, Data(contents.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) -> URL {
        let file = path(relative)
        try! FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! data.write(to: file)
        return file
    }
}

/// A corpus indexed into a real SQLite file, ready to search.
struct IndexedCorpus: Sendable {
    let directory = TemporaryDirectory()
    let database: ArchiveDatabase
    let report: IndexReport
    /// Analyzers are per thread (ICU state): each search makes its own.
    var analyzer: Analyzer { try! Analyzer() }
    /// Tests pin the clock so recency never depends on the day they run.
    static let now = ISO8601DateParser.parse("2026-11-28T00:00:00Z")!

    init(root: URL, batchFiles: Int = Indexer.defaultBatchFiles, mergeShare: Double = Indexer.mergeShare) throws {
        database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        report = try Indexer(database: database, batchFiles: batchFiles, mergeShare: mergeShare).index(root: root)
    }

    /// Searches without relaxation unless asked, so hit sets are exactly the full matches.
    func search(
        _ text: String, limit: Int = 10, explain: Bool = false, relax: Bool = false,
        filters: SearchFilters = SearchFilters(), sort: HitOrder = .relevance,
        ranking: RankingFormula = RankingFormula(now: Self.now)
    ) throws -> SearchResults {
        let query = try SearchQuery(text, analyzer: analyzer)
        return try SearchEngine(database: database).search(
            SearchRequest(
                query: query, limit: limit, ranking: ranking, explain: explain,
                filters: filters, sort: sort, relax: relax))
    }

    /// A ranking whose recency falls far with age (α 0.3, scale 365 days, β 0.5), measured from
    /// the tests' clock: reading newest first stops early under it even on a small corpus, which
    /// the defaults' tie-breaking recency rarely allows, so the tests of that stop rank with it;
    /// pages recorded under it are compared under it.
    static let fallingRecency: RankingFormula = {
        var parameters = RankingParameters()
        parameters.recencyFloor = 0.3
        parameters.recencyScaleDays = 365
        parameters.qualityBoost = 0.5
        return RankingFormula(parameters: parameters, now: now)
    }()

    func ids(_ text: String, limit: Int = 10, filters: SearchFilters = SearchFilters()) throws -> [String] {
        try search(text, limit: limit, filters: filters).hits.map(\.id)
    }
}

/// A minimal valid article file.
func articleFile(
    title: String, excerpt: String = "", body: String = "", date: String = "2024-01-01T00:00:00Z",
    quality: Int? = 50, extra: String = ""
) -> String {
    """
    ---
    title: "\(title)"
    excerpt: "\(excerpt)"
    publishedDateTime: \(date)
    \(quality.map { "quality: \($0)" } ?? "")
    provider:
      name: Test Wire
      domain: test.example
    \(extra)
    ---
    \(body)
    """
}

/// Other programs the tests run to read newsq's output as a third party would.
enum ExternalTool {
    static let pythonPath = "/usr/bin/python3"
    /// util-linux `script`: runs a command on a pseudo-terminal, as a user's shell would.
    static let scriptPath = "/usr/bin/script"

    /// Runs `python3 -c script arguments…` with `input` on standard input.
    static func python(_ script: String, arguments: [String] = [], input: String) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pythonPath)
        process.arguments = ["-c", script] + arguments
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Runs the shell `command` on a pseudo-terminal; returns its status and what it printed.
    static func onTerminal(_ command: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: scriptPath)
        process.arguments = ["-qec", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
