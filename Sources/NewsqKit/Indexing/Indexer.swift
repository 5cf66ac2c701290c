import Foundation
import GRDB

/// Brings an index up to date with a corpus directory: reads only files whose size, times or
/// inode changed, removes articles whose files are gone or now bad, and reports every bad file
/// without stopping. Afterwards the index holds what a fresh index of the same files would.
///
/// Work is committed in batches, each one SQLite transaction, so a run killed at any point
/// leaves a valid index holding every batch committed before, and the next run completes it
/// (the files of an unfinished batch are simply still new or changed). An `IndexInterruption`
/// stops a run cleanly between two batches.
public final class Indexer {
    /// Files read and parsed between two commits, at most.
    public static let defaultBatchFiles = 2_000
    /// Bytes of files read between two commits, at most (a larger file makes a batch alone):
    /// a batch's parsed articles are all in memory until it is written.
    public static let defaultBatchBytes = 24 << 20
    /// UTF-8 bytes of a text above which the workers do not analyse it ahead: its tokens would
    /// take many times its size in memory (a Chinese character yields two or three tokens), so
    /// the writer's tokenizer analyses it instead, handing each token to FTS5 as it comes.
    public static let defaultPreanalysisBytes = 4 << 20

    private let database: ArchiveDatabase
    private let parser: ArticleParser
    private let batchFiles: Int
    private let batchBytes: Int
    private let analyzers = AnalyzerPool()
    private let mergeShare: Double
    private let preanalysisBytes: Int

    /// An indexer writing to `database`, which must be opened with `openForWriting`.
    /// `mergeShare`: see `Indexer.mergeShare` (more than 1 never merges). `preanalysisBytes`:
    /// see `Indexer.defaultPreanalysisBytes`; the index is the same whichever path a text takes.
    public init(
        database: ArchiveDatabase, parser: ArticleParser = ArticleParser(),
        batchFiles: Int = Indexer.defaultBatchFiles, batchBytes: Int = Indexer.defaultBatchBytes,
        mergeShare: Double = Indexer.mergeShare, preanalysisBytes: Int = Indexer.defaultPreanalysisBytes
    ) {
        self.preanalysisBytes = preanalysisBytes
        self.database = database
        self.parser = parser
        self.batchFiles = max(1, batchFiles)
        self.batchBytes = max(1, batchBytes)
        self.mergeShare = mergeShare
    }

    /// Indexes the corpus under `root`. With `rebuild`, the index is emptied first.
    ///
    /// When `interruption` is requested, the run stops after the batch it is writing and
    /// returns a report with `interrupted` set; files not reached yet, removals and the
    /// quality ranks wait for the next run.
    public func index(
        root: URL, rebuild: Bool = false, interruption: IndexInterruption? = nil,
        progress: (IndexProgress) -> Void = { _ in }
    ) throws -> IndexReport {
        let rootPath = root.standardizedFileURL.resolvingSymlinksInPath().path
        let scan = try CorpusWalker(root: root).scan()
        var report = IndexReport()
        report.failures = scan.problems
        report.filesTotal = scan.files.count

        var known = try write { db in
            try self.prepare(db, rootPath: rootPath, rebuild: rebuild)
            return try self.knownFiles(db)
        }

        var state = IndexProgress(
            filesDone: 0, filesTotal: scan.files.count, bytesRead: 0, bytesDone: 0,
            bytesTotal: scan.files.reduce(0) { $0 + bytesToRead($1, known: known[ExactID($1.id)]) })
        let ranges = batches(scan.files, known: known)
        // The next batch is read and analysed while this one is written, so the writer never
        // waits for the workers, nor they for it; two batches at most are in memory.
        let startReading = { (number: Int) -> BatchRead? in
            guard ranges.indices.contains(number) else { return nil }
            return BatchRead(
                Array(scan.files[ranges[number]]), known: known, parser: self.parser, analyzers: self.analyzers,
                preanalysisBytes: self.preanalysisBytes)
        }
        let docids = DocidAllocator(slotThresholds: try write { db in try ChronologicalDocids.slotThresholds(db) })
        let counts = try write { db in try TermCountTracker(db) }
        var setsSlotThresholds = try write { db in
            try ChronologicalDocids.state(db) != nil && ChronologicalDocids.slotThresholds(db) == nil
                && Int.fetchOne(db, sql: "SELECT count(*) FROM articles") == 0
        }
        var next = startReading(0)
        for number in ranges.indices {
            let reading = next!
            let outcomes = reading.outcomes()
            next = startReading(number + 1)
            if interruption?.isRequested == true {
                report.stop = .beforeEveryFile
                _ = next?.outcomes()
                break
            }
            let batch = reading.files
            try write { db in
                // A new index takes its quality slots from its first articles (`ChronologicalDocids`).
                if setsSlotThresholds {
                    let qualities = outcomes.compactMap { outcome -> Int? in
                        if case .parsed(let row, _, _) = outcome { row.quality } else { nil }
                    }
                    if !qualities.isEmpty {
                        let thresholds = ChronologicalDocids.slotThresholds(qualities)
                        let text = String(decoding: try JSONEncoder().encode(thresholds), as: UTF8.self)
                        try IndexMeta.set(.docidQualitySlots, to: text, in: db)
                        docids.slotThresholds = thresholds
                        setsSlotThresholds = false
                    }
                }
                let changedBefore = report.added + report.updated + report.removed
                let changing = zip(batch, outcomes).count { file, outcome in
                    switch outcome {
                    case .parsed: true
                    case .failed, .optionalSkipped: known[ExactID(file.id)] != nil
                    case .unchanged, .touched: false
                    }
                }
                let tracker = counts.beginBatch(articles: changing)
                for index in Self.writingOrder(outcomes, slotThresholds: docids.slotThresholds) {
                    let file = batch[index]
                    try self.apply(
                        outcomes[index], for: file, exists: known[ExactID(file.id)] != nil, db, docids: docids,
                        counts: tracker, report: &report)
                }
                // With the batch, so that a search never takes counts for exact that it changed.
                try counts.endBatch(db, changes: report.added + report.updated + report.removed - changedBefore)
            }
            report.filesDone += batch.count
            state.filesDone = report.filesDone
            state.bytesRead = report.bytesRead
            state.bytesDone += batch.reduce(0) { $0 + bytesToRead($1, known: known[ExactID($1.id)]) }
            progress(state)
        }

        if report.stop != nil {
            report.interrupted = true
            report.articleCount = try write { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0 }
            return report
        }
        // What is left of `known` once every scanned id is taken out is what the corpus lost;
        // done in place, as a million-article run should not hold a second set of ids.
        for file in scan.files { known.removeValue(forKey: ExactID(file.id)) }
        let gone = known.keys.map(\.id)
        known = [:]
        // A file the walk could not use (now a FIFO, a dangling link...) is gone from the scan
        // but still there: its article counts as removed for a bad file.
        let badIDs = Set(scan.problems.compactMap { CorpusWalker.articleID(ofRelativePath: $0.path).map(ExactID.init) })
        let mergeIsDue = try write { db in
            let tracker = counts.beginBatch(articles: gone.count)
            for id in gone {
                try self.removeArticle(id: id, db, counts: tracker)
                if badIDs.contains(ExactID(id)) { report.removedBadFiles += 1 }
            }
            report.removed += gone.count
            try self.finish(db, failures: report.failures)
            report.warnings = try self.duplicateURLs(db, files: scan.files)
            report.articleCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
            try counts.endBatch(db, changes: gone.count)
            let changed = report.added + report.updated + report.removed
            let changedMuch = changed > 0 && Double(changed) >= mergeShare * Double(report.articleCount)
            return try FullTextOptimization.recordMergeDue(db, changedMuch: changedMuch)
        }
        // The last steps stop when asked, even halfway (their transaction is then rolled back):
        // a merge takes minutes at a million articles.
        if mergeIsDue {
            state.isMerging = true
            progress(state)
            if interruption?.isRequested != true, try database.optimizeFullTextIndex(unless: interruption) {
                report.mergedFullTextIndex = true
            } else {
                report.stop = .beforeMerging
            }
        }
        if report.stop == nil, try counts.stoppedTracking || write({ db in try TermStatistics.isDue(db) }) {
            state.isMerging = false
            state.isCountingTerms = true
            progress(state)
            if interruption?.isRequested != true, try database.refreshTermStatistics(unless: interruption) {
                report.countedTerms = true
            } else {
                report.stop = .beforeCountingTerms
            }
        }
        // Asked when nothing was left to stop, the run still ends as stopped: the exit status
        // says what the user asked for.
        if report.stop == nil, interruption?.isRequested == true { report.stop = .atTheEnd }
        report.interrupted = report.stop != nil
        return report
    }

    /// The share of the index a run must add, change or remove for the full-text index to be
    /// merged into one segment at its end. FTS5 leaves a large run's index in tens of segments
    /// (28 for a million articles), and every query reads each segment's list of each of its
    /// words: one segment made a common word's search 10–35% faster and fetching a page's
    /// snippets two to three times faster, for 10% more indexing time at a million articles.
    /// Smaller runs add a few segments, which FTS5's own merging keeps in check.
    public static let mergeShare = 0.25

    // MARK: - Batches

    /// The bytes a run will read for `file`: none when it looks unchanged or is over the limit.
    private func bytesToRead(_ file: CorpusFile, known: KnownFile?) -> Int64 {
        if let known, known.looksUnchanged(file) { return 0 }
        return file.size > Int64(parser.maxFileBytes) ? 0 : file.size
    }

    /// Consecutive ranges of `files` of at most `batchFiles` files and `batchBytes` bytes to read.
    private func batches(_ files: [CorpusFile], known: [ExactID: KnownFile]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var bytes: Int64 = 0
        for (index, file) in files.enumerated() {
            let size = bytesToRead(file, known: known[ExactID(file.id)])
            if index > start, index - start >= batchFiles || bytes + size > Int64(batchBytes) {
                ranges.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += size
        }
        if start < files.count { ranges.append(start..<files.count) }
        return ranges
    }

    // MARK: - Reading

    fileprivate enum Outcome {
        case unchanged
        case touched
        case parsed(ArticleRow, analysed: [PreanalysedText], bytes: Int)
        case optionalSkipped
        case failed(CorpusError)
    }

    fileprivate struct KnownFile {
        let size: Int64
        let modified: Int64
        let changed: Int64
        let inode: Int64
        let hash: Int64

        /// Same size, times and inode as when indexed: taken as unchanged without reading the
        /// file. The inode change time and number catch what size and modification time miss:
        /// a file rewritten and its time set back (`touch -d`, rsync, tar), or two files of one
        /// size swapped with their times.
        func looksUnchanged(_ file: CorpusFile) -> Bool {
            size == file.size && modified == file.modified && changed == file.changed && inode == file.inode
        }
    }

    /// A batch's files being read and parsed on all cores, in the background.
    private final class BatchRead: @unchecked Sendable {
        /// The batch's files, in the order of `outcomes()`.
        let files: [CorpusFile]
        private let done = DispatchGroup()
        private var result: [Outcome] = []

        init(
            _ batch: [CorpusFile], known: [ExactID: KnownFile], parser: ArticleParser, analyzers: AnalyzerPool,
            preanalysisBytes: Int
        ) {
            files = batch
            done.enter()
            DispatchQueue.global().async { [self] in
                let slots = Slots<Outcome>(count: batch.count)
                DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                    let file = batch[index]
                    slots.set(
                        index,
                        Indexer.outcome(
                            for: file, known: known[ExactID(file.id)], parser: parser,
                            analyzers: analyzers, preanalysisBytes: preanalysisBytes))
                }
                result = slots.values
                done.leave()
            }
        }

        /// The outcomes in file order, once every file of the batch is done.
        func outcomes() -> [Outcome] {
            done.wait()
            return result
        }
    }

    fileprivate static func outcome(
        for file: CorpusFile, known: KnownFile?, parser: ArticleParser,
        analyzers: AnalyzerPool, preanalysisBytes: Int
    ) -> Outcome {
        if let known, known.looksUnchanged(file) { return .unchanged }
        // Checked before reading, so a huge file never gets loaded into memory.
        if file.size > Int64(parser.maxFileBytes) {
            return .failed(.tooLarge(bytes: Int(file.size), limit: parser.maxFileBytes))
        }
        let data: Data
        switch FileReading.contents(root: file.root, relativePath: file.relativePath, limit: parser.maxFileBytes) {
        case .success(let contents): data = contents
        case .failure(let error): return .failed(error)
        }
        let hash = ArticleRow.hash(data)
        if let known, known.hash == hash { return .touched }
        do {
            let article = try parser.parse(data, id: file.id)
            let row = ArticleRow(article: article, file: file, contentHash: hash)
            // Analysed here, on every core, so that the writer's tokenizer only replays tokens.
            let analysed =
                (try? analyzers.withAnalyzer { analyzer in
                    row.searchableTexts.filter { $0.utf8.count <= preanalysisBytes }
                        .map { PreanalysedText($0, analyzer: analyzer) }
                }) ?? []
            return .parsed(row, analysed: analysed, bytes: data.count)
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
        } catch {
            throw ArchiveDatabase.indexError(error, path: database.path)
        }
    }

    /// The batch's outcomes in the order of their articles' days and quality slots, otherwise
    /// as they came: new docids then grow within a batch. FTS5 writes its pending terms out as a
    /// new segment whenever a docid is lower than the one before, so a corpus whose files are not
    /// in date order (or a day's articles, in quality order) would otherwise make a segment an
    /// article: slots in file order made indexing a million articles 30% slower.
    private static func writingOrder(_ outcomes: [Outcome], slotThresholds: [Int]?) -> [Int] {
        let keys = outcomes.map { outcome -> Int64 in
            guard case .parsed(let row, _, _) = outcome else { return 0 }
            let slot = slotThresholds.map { ChronologicalDocids.slot(quality: row.quality, thresholds: $0) } ?? 0
            return ChronologicalDocids.key(published: row.published) << ChronologicalDocids.slotBits | Int64(slot)
        }
        return keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }

    private func prepare(_ db: Database, rootPath: String, rebuild: Bool) throws {
        let indexedRoot = try IndexMeta.value(.root, in: db)
        let articleCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
        if rebuild {
            try db.execute(sql: ArchiveSchema.emptySQL)
            try TermStatistics.forget(db)
        } else if let indexedRoot, indexedRoot != rootPath, articleCount > 0 {
            throw IndexError.otherCorpus(path: database.path, indexedRoot: indexedRoot, requestedRoot: rootPath)
        }
        if rebuild || articleCount == 0 {
            // Every docid this index will hold comes from `DocidAllocator`: searches may rely
            // on their order. An index made before keeps its docids, and the slower search.
            try IndexMeta.set(.docidOrder, to: ChronologicalDocids.metaValue, in: db)
            try IndexMeta.remove([.docidOverflow, .docidQualitySlots, .docidSlotQualityRanks], in: db)
        }
        try db.execute(sql: ArchiveSchema.pendingTermsSQL)
        try IndexMeta.set(.root, to: rootPath, in: db)
        // Stays 'running' if this run is killed or interrupted: `newsq check` then says so.
        try IndexMeta.set(.runState, to: IndexMeta.running, in: db)
    }

    private func knownFiles(_ db: Database) throws -> [ExactID: KnownFile] {
        var known: [ExactID: KnownFile] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, file_size, file_mtime, file_ctime, file_inode, content_hash FROM articles")
        while let row = try rows.next() {
            known[ExactID(row[0])] = KnownFile(size: row[1], modified: row[2], changed: row[3], inode: row[4], hash: row[5])
        }
        return known
    }

    private static let insertSQL =
        "INSERT INTO articles(docid, \(ArticleRow.columns.joined(separator: ", "))) VALUES (?, \(ArticleRow.columns.map { _ in "?" }.joined(separator: ", ")))"
    private static let updateSQL =
        "UPDATE articles SET \(ArticleRow.columns.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?"

    private func apply(
        _ outcome: Outcome, for file: CorpusFile, exists: Bool, _ db: Database, docids: DocidAllocator,
        counts: TermCountTracker?, report: inout IndexReport
    ) throws {
        switch outcome {
        case .optionalSkipped:
            // A `.txt` file that lost its front matter is no longer an article.
            if exists, try removeArticle(id: file.id, db, counts: counts) { report.removed += 1 }
        case .unchanged:
            report.unchanged += 1
        case .touched:
            try db.cachedStatement(
                sql: "UPDATE articles SET file_size = ?, file_mtime = ?, file_ctime = ?, file_inode = ? WHERE id = ?"
            )
            .execute(arguments: [file.size, file.modified, file.changed, file.inode, file.id])
            report.unchanged += 1
        case .parsed(let row, let analysed, let bytes):
            report.bytesRead += Int64(bytes)
            database.tokenReplay?.stage(analysed)
            defer { database.tokenReplay?.withdraw() }
            let oldDocid = exists ? try removeFromFullText(id: row.id, db, counts: counts) : nil
            try counts?.add(texts: row.searchableTexts, db)
            if let oldDocid, docids.keeps(oldDocid, published: row.published, quality: row.quality) {
                let values = row.values
                try db.cachedStatement(sql: Self.updateSQL)
                    .execute(arguments: StatementArguments(values.dropFirst() + [values[0]]))
                try db.cachedStatement(sql: ArchiveSchema.insertFullTextSQL)
                    .execute(arguments: StatementArguments([oldDocid] + row.searchableTexts))
            } else {
                // A new article, or one whose date moved to another day (or quality to a better
                // slot): its docid follows them.
                if let oldDocid {
                    try db.cachedStatement(sql: "DELETE FROM articles WHERE docid = ?").execute(arguments: [oldDocid])
                }
                let docid = try docids.docid(published: row.published, quality: row.quality, db)
                try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments([docid] + row.values))
                try db.cachedStatement(sql: ArchiveSchema.insertFullTextSQL)
                    .execute(arguments: StatementArguments([docid] + row.searchableTexts))
            }
            if oldDocid == nil { report.added += 1 } else { report.updated += 1 }
        case .failed(let error):
            report.failures.append(CorpusProblem(path: file.relativePath, error: error))
            // A fresh index would not hold it: the text it had is in no file now.
            if exists, try removeArticle(id: file.id, db, counts: counts) {
                report.removed += 1
                report.removedBadFiles += 1
            }
        }
    }

    /// Takes the article `id` out of the full-text index and the table; false when there was none.
    @discardableResult
    private func removeArticle(id: String, _ db: Database, counts: TermCountTracker?) throws -> Bool {
        guard let docid = try removeFromFullText(id: id, db, counts: counts) else { return false }
        try db.cachedStatement(sql: "DELETE FROM articles WHERE docid = ?").execute(arguments: [docid])
        return true
    }

    /// Takes the article `id`'s text out of the full-text index; returns its docid, nil when
    /// the article is not in the index.
    @discardableResult
    private func removeFromFullText(id: String, _ db: Database, counts: TermCountTracker?) throws -> Int64? {
        guard let old = try Row.fetchOne(db.cachedStatement(sql: ArchiveSchema.indexedTextSQL), arguments: [id])
        else { return nil }
        try counts?.remove(texts: (1..<old.count).map { old[$0] as String? ?? "" }, db)
        try db.cachedStatement(sql: ArchiveSchema.deleteFullTextSQL)
            .execute(arguments: StatementArguments(old.databaseValues))
        return old[0]
    }

    /// Refreshes what depends on the whole corpus: quality percentiles and the failure list.
    private func finish(_ db: Database, failures: [CorpusProblem]) throws {
        try db.execute(
            sql: """
                UPDATE articles SET quality_rank = ranked.rank
                FROM (SELECT docid, percent_rank() OVER (ORDER BY quality) AS rank
                      FROM articles WHERE quality IS NOT NULL) AS ranked
                WHERE articles.docid = ranked.docid AND articles.quality_rank IS NOT ranked.rank
                """)
        try ChronologicalDocids.recordSlotQualityRanks(db)
        try db.execute(sql: "DELETE FROM failures")
        for failure in failures {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO failures(path, reason) VALUES (?, ?)")
                .execute(arguments: [failure.path, failure.error.description])
        }
        try IndexMeta.set(.indexedAt, to: ISO8601DateFormatter().string(from: Date()), in: db)
        try IndexMeta.set(.runState, to: IndexMeta.complete, in: db)
    }

    /// Articles that share their URL with an article earlier in id order. Both stay indexed:
    /// the same address may carry two versions or two languages of a story, and dropping one
    /// would lose an article the user may search for.
    private func duplicateURLs(_ db: Database, files: [CorpusFile]) throws -> [CorpusProblem] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT url, id FROM articles
                WHERE url IN (SELECT url FROM articles WHERE url IS NOT NULL GROUP BY url HAVING count(*) > 1)
                ORDER BY url, id
                """)
        guard !rows.isEmpty else { return [] }
        let sharedIDs = Set(rows.map { ExactID($0[1] as String) })
        let pathOfID = Dictionary(
            files.lazy.map { (ExactID($0.id), $0.relativePath) }.filter { sharedIDs.contains($0.0) },
            uniquingKeysWith: { first, _ in first })
        var firstIDOfURL: [String: String] = [:]
        var warnings: [CorpusProblem] = []
        for row in rows {
            let url: String = row[0]
            let id: String = row[1]
            if let first = firstIDOfURL[url] {
                warnings.append(
                    CorpusProblem(
                        path: pathOfID[ExactID(id)] ?? id,
                        error: .duplicateURL(url: url, firstPath: pathOfID[ExactID(first)] ?? first)))
            } else {
                firstIDOfURL[url] = id
            }
        }
        return warnings
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
