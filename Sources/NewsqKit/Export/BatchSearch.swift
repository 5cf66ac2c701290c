import Foundation

/// Runs the searches of a batch file one after another on one open index, and streams each
/// one's hits through a `HitListWriter` as soon as it is ranked, so memory stays flat however
/// many queries there are. A query that cannot run (nothing searchable in it) is reported with
/// its line number and the others go on.
public struct BatchSearch {
    /// What the batch file's lines do not say.
    public struct Defaults: Sendable {
        public var limit: Int
        public var offset: Int
        public var explain: Bool
        public var ranking: RankingFormula

        public init(limit: Int = 10, offset: Int = 0, explain: Bool = false, ranking: RankingFormula = RankingFormula()) {
            self.limit = limit
            self.offset = offset
            self.explain = explain
            self.ranking = ranking
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

        /// Queries per second, over the whole run (reading, searching and writing).
        public var throughput: Double { Double(searched) / max(elapsed, 1e-9) }
    }

    public let engine: SearchEngine
    public let defaults: Defaults

    public init(engine: SearchEngine, defaults: Defaults) {
        self.engine = engine
        self.defaults = defaults
    }

    /// Runs `queries`, handing `write` the writer's output piece by piece, and `problem` each
    /// query that cannot run.
    public func run(
        _ queries: [BatchQuery], writer: any HitListWriter, write: (String) throws -> Void,
        problem: (BatchProblem) -> Void = { _ in }, progress: (Progress) -> Void = { _ in }
    ) throws -> Report {
        let started = Date()
        let analyzer = try Analyzer()
        var report = Report()
        try write(writer.header())
        for (done, query) in queries.enumerated() {
            do {
                let results = try engine.search(try request(for: query, analyzer: analyzer))
                try write(writer.entry(AnsweredQuery(qid: query.qid, results: results), index: report.searched))
                report.searched += 1
                report.hits += results.hits.count
            } catch let error as QueryError {
                let failure = BatchProblem(line: query.line, reason: error.description)
                report.problems.append(failure)
                problem(failure)
            }
            progress(Progress(done: done + 1, total: queries.count, elapsed: Date().timeIntervalSince(started)))
        }
        try write(writer.footer())
        report.elapsed = Date().timeIntervalSince(started)
        return report
    }

    private func request(for query: BatchQuery, analyzer: Analyzer) throws(QueryError) -> SearchRequest {
        var searchQuery = try SearchQuery(query.query, analyzer: analyzer)
        for scope in query.scopes {
            searchQuery = try searchQuery.scoped(to: scope.field, scope.value, analyzer: analyzer)
        }
        return SearchRequest(query: searchQuery, limit: query.limit ?? defaults.limit, offset: query.offset ?? defaults.offset,
                             ranking: defaults.ranking, explain: query.explain ?? defaults.explain)
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
