import Foundation

/// Analyzers lent to worker threads: an `Analyzer` owns ICU iterators and must not be shared,
/// and opening one per article would cost more than analysing a short article.
public final class AnalyzerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Analyzer] = []

    public init() {}

    /// Runs `body` with an analyzer no other thread uses meanwhile.
    public func withAnalyzer<T>(_ body: (Analyzer) throws -> T) throws -> T {
        let analyzer = try lock.withLock { idle.popLast() } ?? Analyzer()
        defer { lock.withLock { idle.append(analyzer) } }
        return try body(analyzer)
    }
}
