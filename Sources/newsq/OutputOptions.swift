import ArgumentParser
import Foundation
import NewsqKit

/// `--output FILE` and `--force`, shared by every command that writes results.
struct OutputOptions: ParsableArguments {
    @Option(
        name: [.short, .long],
        help: ArgumentHelp(
            "Write to this file instead of standard output.",
            discussion: "The file appears complete or not at all (written to a temporary file, then renamed).",
            valueName: "file"))
    var output: String?

    @Flag(help: "Replace the --output file if it exists.")
    var force = false

    /// Colors only when writing to a terminal.
    var style: TerminalStyle {
        output == nil ? .detect() : TerminalStyle(colors: false)
    }

    /// Where text output wraps: at the terminal's width on a terminal; nowhere in a pipe or a
    /// file, whose reader (grep, a pager, an editor) is better served by one line per snippet.
    var width: Int? {
        guard output == nil, isatty(STDOUT_FILENO) == 1 else { return nil }
        return TimelineChart.terminalWidth()
    }

    /// Opens the destination now, so a file that cannot be written fails before any work; it
    /// may not be a file of the index at `indexPath`, even with --force.
    func open(protectingIndex indexPath: String? = nil) throws -> OutputSink {
        let protected = indexPath.map(ArchiveDatabase.files(ofIndexAt:)) ?? []
        return try OutputSink(
            file: output.map { path throws(ExportError) in
                try AtomicFileWriter(path: path, replacing: force, protecting: protected)
            })
    }
}

/// Standard output or an atomically written file.
final class OutputSink {
    private let file: AtomicFileWriter?

    init(file: AtomicFileWriter?) {
        self.file = file
    }

    func write(_ text: String) throws {
        guard !text.isEmpty else { return }
        if let file {
            try file.write(text)
        } else {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        }
    }

    /// Moves the file into place; without this, nothing is written (the temporary file is removed).
    func finish() throws {
        try file?.commit()
    }
}
