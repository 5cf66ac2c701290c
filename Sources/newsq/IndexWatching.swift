import ArgumentParser
import Foundation
import NewsqKit

extension IndexCommand {
    /// `--watch`: after the first run, indexes each batch of changes until a stop is asked,
    /// holding the index's lock all along (through `archive`).
    func keepWatching(_ archive: ArchiveDatabase, interruption: IndexInterruption, reported first: IndexReport) throws {
        let root = URL(fileURLWithPath: directory)
        let indexName = URL(fileURLWithPath: database.path).lastPathComponent
        let watch = IndexWatch(
            indexer: Indexer(database: archive, batchFiles: batchSize), root: root,
            ignoredPrefixes: [indexName])
        var shownProblems = Set(Self.lines(first))
        var articles = first.articleCount
        // The first run's summary must not wait in a pipe's buffer while the watch goes on.
        fflush(nil)
        printError("watching \(directory) for changes; Ctrl-C stops")
        let stopped = try watch.run(
            interruption: interruption,
            onNotice: { reason in
                printError("\(directory): \(reason)")
            },
            onRun: { report in
                // Every run lists every bad file again: only those not shown by the last run are news.
                let problems = Self.lines(report)
                for line in problems where !shownProblems.contains(line) { printError(line) }
                shownProblems = Set(problems)
                articles = report.articleCount
                guard !quiet, report.added + report.updated + report.removed > 0 else { return }
                print(Self.batchLine(report))
                fflush(nil)
            })
        if let stopped { articles = stopped.articleCount }
        printError("stopped watching \(directory); the index is valid and holds \(Plural.count(articles, "article"))")
    }

    /// The failures and warnings of a run, one line each, as a normal run prints them.
    private static func lines(_ report: IndexReport) -> [String] {
        report.failures.map { "\($0.path): \($0.error)" } + report.warnings.map { "warning: \($0.path): \($0.error)" }
    }

    /// One line for a batch: when, what changed, and the index's size.
    private static func batchLine(_ report: IndexReport) -> String {
        let time = ISO8601DateFormatter.string(
            from: Date(), timeZone: .current, formatOptions: [.withTime, .withColonSeparatorInTime])
        return "\(time) \(report.added) added, \(report.updated) updated, \(report.removed) removed, "
            + "\(report.failures.count) failed; \(Plural.count(report.articleCount, "article")) in the index"
    }
}
