import Foundation
import GRDB

/// Brings an index up to date with a corpus directory: reads only files whose size or time
/// changed, removes articles whose files are gone, and reports every bad file without stopping.
///
/// Work is committed in batches, so an interrupted run leaves a valid index that the next run
/// completes.
public final class Indexer {
    /// Files read and parsed between two commits.
    public static let batchSize = 500

    private let database: ArchiveDatabase
    private let parser: ArticleParser

    public init(database: ArchiveDatabase, parser: ArticleParser = ArticleParser()) {
        self.database = database
        self.parser = parser
    }

    /// Indexes the corpus under `root`. With `rebuild`, the index is emptied first.
    public func index(
        root: URL, rebuild: Bool = false, progress: (IndexProgress) -> Void = { _ in }
    ) throws -> IndexReport {
        let lock = try IndexLock(indexPath: database.path)
        defer { withExtendedLifetime(lock) {} }

        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        let scan = try CorpusWalker(root: root).scan()
        var report = IndexReport()
        report.failures = scan.problems

        let known = try write { db in
            try self.prepare(db, rootPath: rootPath, rebuild: rebuild)
            return try self.knownFiles(db)
        }

        var done = 0
        for start in stride(from: 0, to: scan.files.count, by: Self.batchSize) {
            let batch = Array(scan.files[start..<min(start + Self.batchSize, scan.files.count)])
            let outcomes = read(batch, known: known)
            try write { db in
                for (file, outcome) in zip(batch, outcomes) {
                    try self.apply(outcome, for: file, exists: known[file.id] != nil, db, report: &report)
                }
            }
            done += batch.count
            progress(IndexProgress(filesDone: done, filesTotal: scan.files.count, bytesRead: report.bytesRead))
        }

        let present = Set(scan.files.map(\.id))
        let gone = known.keys.filter { !present.contains($0) }
        try write { db in
            for id in gone {
                try db.execute(sql: "DELETE FROM articles WHERE id = ?", arguments: [id])
            }
            report.removed = gone.count
            try self.finish(db, failures: report.failures)
            report.articleCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
        }
        return report
    }

    // MARK: - Reading

    private enum Outcome {
        case unchanged
        case touched
        case parsed(ArticleRow, bytes: Int)
        case optionalSkipped
        case failed(CorpusError)
    }

    private struct KnownFile {
        let size: Int64
        let modified: Int64
        let hash: Int64
    }

    /// Reads and parses the changed files of a batch on all cores.
    private func read(_ batch: [CorpusFile], known: [String: KnownFile]) -> [Outcome] {
        let slots = Slots<Outcome>(count: batch.count)
        let parser = self.parser
        DispatchQueue.concurrentPerform(iterations: batch.count) { index in
            let file = batch[index]
            slots.set(index, Self.outcome(for: file, known: known[file.id], parser: parser))
        }
        return slots.values
    }

    private static func outcome(for file: CorpusFile, known: KnownFile?, parser: ArticleParser) -> Outcome {
        if let known, known.size == file.size, known.modified == file.modified { return .unchanged }
        // Checked before reading, so a huge file never gets loaded into memory.
        if file.size > Int64(parser.maxFileBytes) {
            return .failed(.tooLarge(bytes: Int(file.size), limit: parser.maxFileBytes))
        }
        let data: Data
        do {
            data = try Data(contentsOf: file.url)
        } catch {
            return .failed(.unreadable(reason: (error as NSError).localizedDescription))
        }
        let hash = ArticleRow.hash(data)
        if let known, known.hash == hash { return .touched }
        do {
            let article = try parser.parse(data, id: file.id)
            return .parsed(ArticleRow(article: article, file: file, contentHash: hash), bytes: data.count)
        } catch .noFrontMatter where file.frontMatterOptional {
            return .optionalSkipped
        } catch {
            return .failed(error)
        }
    }

    // MARK: - Writing

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as IndexError {
            throw error
        } catch {
            throw IndexError.writeFailed(path: database.path, reason: ArchiveDatabase.reason(error))
        }
    }

    private func prepare(_ db: Database, rootPath: String, rebuild: Bool) throws {
        let indexedRoot = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'root'")
        let articleCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
        if rebuild {
            try db.execute(sql: "DELETE FROM articles")
            try db.execute(sql: "INSERT INTO article_fts(article_fts) VALUES ('delete-all')")
        } else if let indexedRoot, indexedRoot != rootPath, articleCount > 0 {
            throw IndexError.otherCorpus(path: database.path, indexedRoot: indexedRoot, requestedRoot: rootPath)
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('root', ?)", arguments: [rootPath])
    }

    private func knownFiles(_ db: Database) throws -> [String: KnownFile] {
        var known: [String: KnownFile] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, file_size, file_mtime, content_hash FROM articles")
        while let row = try rows.next() {
            known[row[0]] = KnownFile(size: row[1], modified: row[2], hash: row[3])
        }
        return known
    }

    private static let insertSQL = "INSERT INTO articles(\(ArticleRow.columns.joined(separator: ", "))) VALUES (\(ArticleRow.columns.map { _ in "?" }.joined(separator: ", ")))"
    private static let updateSQL = "UPDATE articles SET \(ArticleRow.columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"

    private func apply(_ outcome: Outcome, for file: CorpusFile, exists: Bool, _ db: Database, report: inout IndexReport) throws {
        switch outcome {
        case .optionalSkipped:
            break
        case .unchanged:
            report.unchanged += 1
        case .touched:
            try db.cachedStatement(sql: "UPDATE articles SET file_size = ?, file_mtime = ? WHERE id = ?")
                .execute(arguments: [file.size, file.modified, file.id])
            report.unchanged += 1
        case .parsed(let row, let bytes):
            report.bytesRead += Int64(bytes)
            if exists {
                let values = row.values
                try db.cachedStatement(sql: Self.updateSQL)
                    .execute(arguments: StatementArguments(values.dropFirst() + [values[0]]))
                report.updated += 1
            } else {
                try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(row.values))
                report.added += 1
            }
        case .failed(let error):
            report.failures.append(CorpusProblem(path: file.relativePath, error: error))
        }
    }

    /// Refreshes what depends on the whole corpus: quality percentiles and the failure list.
    private func finish(_ db: Database, failures: [CorpusProblem]) throws {
        try db.execute(sql: """
            UPDATE articles SET quality_rank = ranked.rank
            FROM (SELECT docid, percent_rank() OVER (ORDER BY quality) AS rank
                  FROM articles WHERE quality IS NOT NULL) AS ranked
            WHERE articles.docid = ranked.docid AND articles.quality_rank IS NOT ranked.rank
            """)
        try db.execute(sql: "DELETE FROM failures")
        for failure in failures {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO failures(path, reason) VALUES (?, ?)")
                .execute(arguments: [failure.path, failure.error.description])
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('indexed_at', ?)",
                       arguments: [ISO8601DateFormatter().string(from: Date())])
    }
}

/// Result slots that concurrent workers fill, each worker its own index.
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Safe from many threads as long as each writes its own `index`.
    func set(_ index: Int, _ value: Value) { storage[index] = value }

    var values: [Value] { (0..<count).map { storage[$0]! } }
}
