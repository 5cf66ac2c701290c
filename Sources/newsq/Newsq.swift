import ArgumentParser
import Foundation
import NewsqKit

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
            Every command refuses an option it does not know, with the closest one suggested; \
            a query word that starts with -- goes after a lone --.
            """,
        version: "0.1.0",
        subcommands: [
            IndexCommand.self, SearchCommand.self, SimilarCommand.self, BatchCommand.self, ExportCommand.self, ShowCommand.self,
            StatsCommand.self, ServeCommand.self, CheckCommand.self, OptimizeCommand.self, AnalyzeCommand.self,
            EvalCommand.self, SavedCommand.self,
        ])

    /// Runs the command; usage errors exit with 1 (not ArgumentParser's 64), as documented.
    static func main() {
        var parsed: (any ParsableCommand)?
        do {
            let words = try SingleDashWords(
                Array(CommandLine.arguments.dropFirst()),
                commands: configuration.subcommands.compactMap { $0 as? any QueryWordsCommand.Type })
            var command = try parseAsRoot(words.arguments)
            parsed = command
            if let queryCommand = command as? any QueryWordsCommand {
                try words.check(queryWords: queryCommand.markedQueryWords)
            }
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            var message = fullMessage(for: error)
            if let error = error as? IndexError, let command = parsed as? any IndexCommandLine {
                message = "Error: " + error.description(index: command.database.suggestedIndex)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 1 : code.rawValue)
        }
    }
}
