import ArgumentParser
import Foundation
import NewsqKit

struct IndexCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index a directory of articles, or bring its index up to date.",
        discussion: """
            Only files that changed since the last run are read again; articles whose files are \
            gone or now bad are removed. Bad files are reported (path and reason) and the rest is indexed.
            Work is committed in batches: a run that is killed loses at most its current batch, \
            and the next run completes the index. Ctrl-C (or SIGTERM) stops after the current batch \
            (or stops the final merge or term count).
            Exit status: 0 when every file was indexed, 2 when some failed, 1 on a fatal error, \
            130 after Ctrl-C (143 after SIGTERM).
            With --watch, the run then stays and indexes what changes in the directory, a batch \
            at a time, until Ctrl-C (or SIGTERM) stops it after the current batch.
            """)

    @Argument(help: "The corpus directory.", completion: .directory)
    var directory: String

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Empty the index and index every file again (also replaces a damaged index).")
    var rebuild = false

    @Flag(help: "Wait for another index run or check on the same index to finish, instead of stopping.")
    var wait = false

    @Option(
        parsing: .unconditional,
        help:
            "Files per committed batch: fewer lose less work when a run is killed, more run faster. (default: \(Indexer.defaultBatchFiles))",
        transform: WholeNumberOption.batchSize.parse)
    var batchSize = Indexer.defaultBatchFiles

    @Flag(name: .shortAndLong, help: "Print nothing but failures.")
    var quiet = false

    @Flag(help: "Then keep running and index files as they are added, changed, renamed or removed.")
    var watch = false

    func run() throws {
        let started = Date()
        try CorpusWalker(root: URL(fileURLWithPath: directory)).checkRoot()
        let interruption = IndexInterruption()
        let trap = SignalTrap { signal in
            if interruption.request() == 1 {
                printError(
                    "\nstopping after the current batch; press Ctrl-C again to stop at once (the index stays valid either way)")
            } else {
                printError("stopped at once; the index holds every batch committed before")
                _exit(SignalTrap.exitStatus(for: signal))
            }
        }
        defer { withExtendedLifetime(trap) {} }
        let path = database.path
        let opened = Result { () throws(IndexError) in
            try ArchiveDatabase.openForWriting(
                path: path, wait: wait, interruption: interruption, replacingDamaged: rebuild,
                onWaiting: { printError("waiting for another newsq process to finish with \(path) ...") })
        }
        let archive: ArchiveDatabase
        switch opened {
        case .success(let opened):
            archive = opened
        case .failure(.stoppedWhileWaiting(let path)):
            printError(IndexError.stoppedWhileWaiting(path: path).description)
            throw ExitCode(SignalTrap.exitStatus(for: trap.firstSignal ?? SIGINT))
        case .failure(let error):
            throw error
        }
        if let reason = archive.replacedDamagedIndex {
            printError("the index \(path) was damaged (\(reason)); it was replaced by a new one")
        }
        let progress = ProgressDisplay(enabled: !quiet)
        let report = try Indexer(database: archive, batchFiles: batchSize).index(
            root: URL(fileURLWithPath: directory), rebuild: rebuild, interruption: interruption,
            progress: progress.update)
        progress.finish()

        for failure in report.failures {
            printError("\(failure.path): \(failure.error)")
        }
        for warning in report.warnings {
            printError("warning: \(warning.path): \(warning.error)")
        }
        if !quiet { printSummary(report, seconds: Date().timeIntervalSince(started)) }
        if let stop = report.stop {
            printError(stoppedMessage(stop, report))
            throw ExitCode(SignalTrap.exitStatus(for: trap.firstSignal ?? SIGINT))
        }
        if watch {
            try keepWatching(archive, interruption: interruption, reported: report)
            throw ExitCode(SignalTrap.exitStatus(for: trap.firstSignal ?? SIGINT))
        }
        if !report.failures.isEmpty { throw ExitCode(2) }
    }

    private func stoppedMessage(_ stop: IndexReport.Stop, _ report: IndexReport) -> String {
        let valid = "the index is valid and holds \(Plural.count(report.articleCount, "article"))"
        switch stop {
        case .beforeEveryFile:
            return
                "interrupted after \(report.filesDone) of \(Plural.count(report.filesTotal, "file")); \(valid): run `\(database.suggest("index", directory))` again to finish"
        case .beforeMerging:
            return
                "interrupted before the full-text index was merged; every file was indexed and \(valid): the next `\(database.suggest("index", directory))` merges it"
        case .beforeCountingTerms:
            return
                "interrupted before the articles per common term were counted; every file was indexed and \(valid): searches count them meanwhile"
        case .atTheEnd:
            return "interrupted as the run ended; every file was indexed and \(valid)"
        }
    }

    private func printSummary(_ report: IndexReport, seconds: Double) {
        let megabytes = Double(report.bytesRead) / 1_048_576
        let read = report.added + report.updated
        let heading =
            report.stop == .beforeEveryFile
            ? "Interrupted indexing \(directory) into \(database.path) after \(report.filesDone) of \(Plural.count(report.filesTotal, "file"))"
            : "Indexed \(directory) into \(database.path)"
        print(
            """
            \(heading)
              \(report.added) added, \(report.updated) updated, \(report.removed) removed\
            \(report.removedBadFiles > 0 ? " (\(report.removedBadFiles) of them because their files are now bad)" : ""), \
            \(report.unchanged) unchanged, \(report.failures.count) failed
              \(Plural.count(report.articleCount, "article")) in the index; \
            \(String(format: "%.1f MB read in %.2f s (%.0f articles/s, %.2f MB/s)", megabytes, seconds, Double(read) / max(seconds, 0.001), megabytes / max(seconds, 0.001)))
            """ + (report.mergedFullTextIndex ? "\n  full-text index merged into one segment (most of the index changed)" : "")
                + (report.countedTerms ? "\n  articles per common term counted again (for ranking)" : ""))
    }
}
