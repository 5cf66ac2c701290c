import Foundation
import Testing

/// What `newsq index` shows of its progress, on a terminal and into a pipe.
@Suite struct ProgressDisplayTests {
    /// util-linux `script` gives `newsq index` a pseudo-terminal, as a user's shell would.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExternalTool.scriptPath)))
    func aTerminalSeesTheBarAndALogDoesNot() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        let command = "'\(Newsq.executable.path)' index '\(Repository.corpus.path)' --db '\(db)' --batch-size 10"
        let (status, text) = try ExternalTool.onTerminal(command)
        #expect(status == 0, "\(text)")
        #expect(text.contains("10/48 files"), "\(text)")
        #expect(text.contains("files/s"))
        #expect(text.contains("\u{1B}[2K"), "the bar is rewritten in place")

        let piped = try Newsq.run([
            "index", Repository.corpus.path, "--db", directory.path("other.sqlite").path, "--batch-size", "10",
        ])
        #expect(!piped.stderr.contains("files/s"), "short runs print no progress into a pipe: \(piped.stderr)")
    }
}
