import ArgumentParser

@main
struct Newsq: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsq",
        abstract: "Search a news archive in English and Chinese.",
        subcommands: [])
}
