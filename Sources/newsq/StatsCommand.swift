import ArgumentParser
import NewsqKit

struct StatsCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the index's articles per provider, topic, language and year, and show its size.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @OptionGroup var database: DatabaseOption

    @Option(help: "Output format: text or json (json lists every provider and topic).")
    var format: Format = .text

    @Option(
        parsing: .unconditional, help: "How many providers and topics to list in text; 0 lists all. (default: 10)",
        transform: WholeNumberOption.top.parse)
    var top = 10

    func run() throws {
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let statistics = try IndexStatistics.gather(archive)
        switch format {
        case .text: print(StatisticsRenderer(style: .detect(), top: top).render(statistics), terminator: "")
        case .json: print(try StatisticsRenderer.json(statistics), terminator: "")
        }
    }
}
