import Foundation
import NewsqKit

/// Index progress on standard error: a bar rewritten in place on a terminal, otherwise a plain
/// line every `plainInterval` seconds (so logs of scheduled runs show a long run moving).
final class ProgressDisplay {
    static let plainInterval: TimeInterval = 10

    private let enabled: Bool
    private let onTerminal: Bool
    private let started = Date()
    private var lastPlainLine = Date()

    init(enabled: Bool) {
        self.enabled = enabled
        onTerminal = isatty(STDERR_FILENO) == 1
    }

    func update(_ progress: IndexProgress) {
        guard enabled, progress.filesTotal > 0 else { return }
        if progress.isMerging || progress.isCountingTerms {
            let line =
                progress.isMerging
                ? "merging the full-text index into one segment, for faster searches ..."
                : "counting the articles that hold each common term, for faster searches ..."
            if onTerminal {
                FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
            } else if Date().timeIntervalSince(started) >= Self.plainInterval {
                printError(line) // a log shows what a long run is doing; a short run's stays quiet
            }
            return
        }
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        if onTerminal {
            let line = ProgressMeter(style: .bar(width: 20)).line(for: progress, elapsed: elapsed)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8))
        } else if now.timeIntervalSince(lastPlainLine) >= Self.plainInterval, progress.filesDone < progress.filesTotal {
            lastPlainLine = now
            printError(ProgressMeter(style: .plain).line(for: progress, elapsed: elapsed))
        }
    }

    /// Clears the bar, so what follows starts on a clean line.
    func finish() {
        guard enabled, onTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
