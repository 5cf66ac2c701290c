import ArgumentParser
import Foundation
import NewsqKit

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Index a directory of articles, or bring its index up to date.",
        discussion: """
            Only files that changed since the last run are read again; articles whose files are \
            gone are removed. Bad files are reported (path and reason) and the rest is indexed.
            Exit status: 0 when every file was indexed, 2 when some failed, 1 on a fatal error.
            """)

    @Argument(help: "The corpus directory.", completion: .directory)
    var directory: String

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Empty the index and index every file again.")
    var rebuild = false

    @Flag(name: .shortAndLong, help: "Print nothing but failures.")
    var quiet = false

    func run() throws {
        let started = Date()
        let archive = try ArchiveDatabase.openForWriting(path: database.path)
        let progress = ProgressLine(enabled: !quiet)
        let report = try Indexer(database: archive).index(
            root: URL(fileURLWithPath: directory), rebuild: rebuild, progress: progress.update)
        progress.finish()

        for failure in report.failures {
            printError("\(failure.path): \(failure.error)")
        }
        let seconds = Date().timeIntervalSince(started)
        if !quiet {
            let megabytes = Double(report.bytesRead) / 1_048_576
            let read = report.added + report.updated
            print("""
                Indexed \(directory) into \(database.path)
                  \(report.added) added, \(report.updated) updated, \(report.removed) removed, \
                \(report.unchanged) unchanged, \(report.failures.count) failed
                  \(report.articleCount) articles in the index; \
                \(String(format: "%.1f MB read in %.2f s (%.0f articles/s, %.2f MB/s)", megabytes, seconds, Double(read) / max(seconds, 0.001), megabytes / max(seconds, 0.001)))
                """)
        }
        if !report.failures.isEmpty { throw ExitCode(2) }
    }
}

/// A progress display on standard error: a line rewritten in place on a terminal, nothing otherwise.
final class ProgressLine {
    private let enabled: Bool

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    func update(_ progress: IndexProgress) {
        guard enabled, progress.filesTotal > 0 else { return }
        let percent = 100 * progress.filesDone / progress.filesTotal
        let megabytes = Double(progress.bytesRead) / 1_048_576
        FileHandle.standardError.write(Data(String(format: "\r\u{1B}[2K%d/%d files (%d%%), %.1f MB read",
                                                   progress.filesDone, progress.filesTotal, percent, megabytes).utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
