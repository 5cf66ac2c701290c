import ArgumentParser
import Foundation

@main
struct Newsq: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsq",
        abstract: "Search a news archive in English and Chinese.",
        discussion: """
            Index a directory of articles (Markdown with a YAML front matter), then search it:
              newsq index corpus/
              newsq search "AI regulation"
              newsq search 人工智能 监管
            """,
        version: "0.1.0",
        subcommands: [IndexCommand.self, SearchCommand.self, BatchCommand.self, ExportCommand.self, ShowCommand.self,
                      StatsCommand.self, CheckCommand.self, OptimizeCommand.self, AnalyzeCommand.self, EvalCommand.self])

    /// Runs the command; usage errors exit with 1 (not ArgumentParser's 64), as documented.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 1 : code.rawValue)
        }
    }
}
