import ArgumentParser

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
        subcommands: [IndexCommand.self, SearchCommand.self, AnalyzeCommand.self])
}
