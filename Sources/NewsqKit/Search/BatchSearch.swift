import Foundation

/// Runs the searches of a batch file on one open index, several at once, and streams their
/// hits through a `HitListWriter` in the file's order a chunk at a time, so memory stays flat
/// however many queries there are. A query that cannot run (nothing searchable in it) is reported with
/// its line number and the others go on.
public struct BatchSearch: Sendable {
    /// What the batch file's lines do not say.
    public struct Defaults: Sendable {
        public var limit: Int
        public var offset: Int
        public var explain: Bool
        public var ranking: RankingFormula
        public var filters: SearchFilters
        public var sort: HitOrder
        public var relax: Bool
        /// Whether recency is asked for (`RecencySignal`) when a line does not say.
        public var recent: Bool

        public init(
            limit: Int = 10, offset: Int = 0, explain: Bool = false, ranking: RankingFormula = RankingFormula(),
            filters: SearchFilters = SearchFilters(), sort: HitOrder = .relevance, relax: Bool = true, recent: Bool = false
        ) {
            self.limit = limit
            self.offset = offset
            self.explain = explain
            self.ranking = ranking
            self.filters = filters
            self.sort = sort
            self.relax = relax
            self.recent = recent
        }
    }

    /// How far a batch has got, after each query.
    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var elapsed: TimeInterval
    }

    /// What a batch did.
    public struct Report: Sendable {
        public var searched = 0
        public var hits = 0
        public var problems: [BatchProblem] = []
        public var elapsed: TimeInterval = 0
        /// Each query that ran, in the file's order, with how long its search took.
        public var searchTimes: [(qid: String, seconds: Double)] = []

        /// Queries per second, over the whole run (reading, searching and writing).
        public var throughput: Double { Double(searched) / max(elapsed, 1e-9) }
    }

    public let engine: SearchEngine
    public let defaults: Defaults
    /// How many searches run at once. The index is one SQLite pool whose readers work in
    /// parallel; output order stays the file's order whatever this is.
    public let workers: Int

    public init(engine: SearchEngine, defaults: Defaults, workers: Int = 1) {
        self.engine = engine
        self.defaults = defaults
        self.workers = max(1, workers)
    }

    /// Runs `queries`, handing `write` the writer's output piece by piece, in the queries'
    /// order, and `problem` each query that cannot run.
    public func run(
        _ queries: [BatchQuery], writer: any HitListWriter, write: (String) throws -> Void,
        problem: (BatchProblem) -> Void = { _ in }, progress: (Progress) -> Void = { _ in }
    ) throws -> Report {
        let started = Date()
        var report = Report()
        try write(writer.header())
        // Searched a chunk at a time on all workers, then written in order: memory holds one
        // chunk of results, never the whole batch.
        let chunkSize = workers * 32
        for chunkStart in stride(from: 0, to: queries.count, by: chunkSize) {
            let chunk = Array(queries[chunkStart..<min(chunkStart + chunkSize, queries.count)])
            for (offset, outcome) in try search(chunk).enumerated() {
                switch outcome {
                case .success(let results):
                    try write(writer.entry(AnsweredQuery(qid: chunk[offset].qid, results: results), index: report.searched))
                    report.searched += 1
                    report.hits += results.hits.count
                    report.searchTimes.append((chunk[offset].qid, results.searchSeconds))
                case .failure(let error):
                    let failure = BatchProblem(line: chunk[offset].line, reason: error.description)
                    report.problems.append(failure)
                    problem(failure)
                }
                progress(
                    Progress(done: chunkStart + offset + 1, total: queries.count, elapsed: Date().timeIntervalSince(started)))
            }
        }
        try write(writer.footer())
        report.elapsed = Date().timeIntervalSince(started)
        return report
    }

    /// Searches `chunk` on up to `workers` threads, each with its own analyzer (ICU state is
    /// per thread), each taking the next query when it is done, since one common word can take
    /// as long as fifty rare ones. A query error is that query's outcome; any other error stops
    /// the batch.
    private func search(_ chunk: [BatchQuery]) throws -> [Result<SearchResults, QueryError>] {
        let outcomes = ResultSlots(count: chunk.count)
        DispatchQueue.concurrentPerform(iterations: min(workers, chunk.count)) { _ in
            let analyzer: Analyzer
            do {
                analyzer = try Analyzer()
            } catch {
                while let index = outcomes.next() { outcomes.set(index, .failure(error)) }
                return
            }
            while let index = outcomes.next() {
                do {
                    outcomes.set(index, .success(.success(try engine.search(try request(for: chunk[index], analyzer: analyzer)))))
                } catch let error as QueryError {
                    outcomes.set(index, .success(.failure(error)))
                } catch {
                    outcomes.set(index, .failure(error))
                }
            }
        }
        return try outcomes.values.map { try $0.get() }
    }

    private func request(for query: BatchQuery, analyzer: Analyzer) throws(QueryError) -> SearchRequest {
        var searchQuery = try SearchQuery(query.query, analyzer: analyzer)
        for scope in query.scopes {
            searchQuery = try searchQuery.scoped(to: scope.field, scope.value, analyzer: analyzer)
        }
        // The line's filters replace the batch's, read as `newsq search` reads its options,
        // dates against the batch's clock (`--now`).
        let filters = try query.filters.applied(to: defaults.filters, now: defaults.ranking.now)
        return SearchRequest(
            query: searchQuery, limit: query.limit ?? defaults.limit, offset: query.offset ?? defaults.offset,
            ranking: (query.recent ?? defaults.recent) ? RecencySignal.strengthened(defaults.ranking) : defaults.ranking,
            explain: query.explain ?? defaults.explain,
            filters: filters, sort: query.sort ?? defaults.sort, relax: defaults.relax)
    }
}

/// When a long-running command shows progress: not before `delay` has passed (a fast run
/// stays quiet), then at most once per `interval`.
public struct ProgressSchedule: Sendable {
    public let delay: TimeInterval
    public let interval: TimeInterval
    private var lastShown: TimeInterval?

    public init(delay: TimeInterval = 1, interval: TimeInterval = 0.1) {
        self.delay = delay
        self.interval = interval
    }

    /// Whether to show progress now, `elapsed` seconds after the start.
    public mutating func shouldShow(elapsed: TimeInterval) -> Bool {
        guard elapsed >= delay else { return false }
        if let lastShown, elapsed - lastShown < interval { return false }
        lastShown = elapsed
        return true
    }

    /// Whether progress was shown at all, so a summary follows it.
    public var hasShown: Bool { lastShown != nil }
}

/// Outcome slots that concurrent workers fill, and the next index to work on.
private final class ResultSlots: @unchecked Sendable {
    typealias Outcome = Result<Result<SearchResults, QueryError>, any Error>
    private var storage: [Outcome?]
    private var nextIndex = 0
    private let lock = NSLock()

    /// The next index no worker has taken yet, or nil when all are taken.
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < storage.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ outcome: Outcome) {
        lock.lock()
        storage[index] = outcome
        lock.unlock()
    }

    var values: [Outcome] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0! }
    }
}
