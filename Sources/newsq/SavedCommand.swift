import ArgumentParser
import Foundation
import NewsqKit

struct SavedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saved",
        abstract: "Keep searches by name, and show what is new for them.",
        discussion: """
            `newsq saved run` shows, for each saved search, only the articles it matches for the \
            first time since its last run (new articles, and articles changed to match), newest \
            first, so that a cron job can mail them. Saved searches are kept beside the index, \
            in INDEX.saved.
            """,
        subcommands: [SavedAddCommand.self, SavedListCommand.self, SavedRemoveCommand.self, SavedRunCommand.self])
}

struct SavedAddCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Save a search under a name (the filters of `newsq search` apply).")

    @Argument(help: "The name: letters, digits, -, _ and .")
    var name: String

    @Argument(help: "The query, as for `newsq search` (put a lone -- before a word that starts with -).")
    var query: [String]

    @OptionGroup var database: DatabaseOption

    @OptionGroup(title: "Filters") var refine: SearchFilterOptions

    func run() throws {
        let text = query.joined(separator: " ")
        // Checked now, so a search that cannot run is refused when saved rather than at each run.
        _ = try SearchQuery(text, analyzer: try Analyzer())
        let filters = try refine.writtenFilters(now: Date())
        _ = try refine.filters(now: Date())
        try SavedSearchStore(indexPath: database.path, create: true)
            .add(SavedSearch(name: name, query: text, filters: filters))
    }
}

struct SavedListCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the saved searches.")

    @OptionGroup var database: DatabaseOption

    func run() throws {
        let saved: [SavedSearch]
        do {
            saved = try SavedSearchStore(indexPath: database.path, create: false).all()
        } catch .noneSaved {
            saved = []
        }
        for search in saved {
            print(([search.name, search.query.debugDescription] + Self.options(search.filters)).joined(separator: " "))
        }
    }

    /// The filters as the options that would give them again.
    private static func options(_ filters: WrittenFilters) -> [String] {
        func option(_ name: String, _ values: [String]?) -> [String] {
            (values ?? []).map { "--\(name) " + ($0.contains(where: \.isWhitespace) || $0.isEmpty ? $0.debugDescription : $0) }
        }
        return option("since", filters.since.map { [$0] }) + option("until", filters.until.map { [$0] })
            + option("topic", filters.topics) + option("provider", filters.providers) + option("type", filters.types)
            + option("min-quality", filters.minimumQuality.map { [String($0)] })
            + option("lang", filters.language.map { [$0.rawValue] })
    }
}

struct SavedRemoveCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a saved search.")

    @Argument(help: "Its name.")
    var name: String

    @OptionGroup var database: DatabaseOption

    func run() throws {
        try SavedSearchStore(indexPath: database.path, create: false).remove(name: name)
    }
}

struct SavedRunCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Show what is new for saved searches since their last run.",
        discussion: """
            Each article is shown once per saved search: the next run shows it again only if it \
            stopped matching and matches again. What a run showed is kept only once its output is \
            written, so a run killed halfway shows again what it may not have shown, and loses nothing.
            """)

    @Argument(help: "The saved searches to run (default: all).")
    var names: [String] = []

    @OptionGroup var database: DatabaseOption

    @Option(help: "Output format: \(HitListFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: HitListFormat = .text

    func run() throws {
        let store = try SavedSearchStore(indexPath: database.path, create: false)
        let searches = names.isEmpty ? try store.all() : try store.named(names)
        guard !searches.isEmpty else { throw SavedSearchError.noneSaved }
        let runner = SavedSearchRunner(store: store, archive: try ArchiveDatabase.openForReading(path: database.path))
        let writer = format.writer(HitListOptions(style: TerminalStyle(colors: false), batch: true))
        try Self.write(writer.header())
        var written = 0
        for search in searches {
            try runner.run(search) { news in
                guard !news.results.hits.isEmpty else { return }
                // Written straight to the descriptor, unbuffered: once this returns, the
                // output is out, and the run may keep these articles as shown.
                try Self.write(try writer.entry(news, index: written))
                written += 1
            }
        }
        try Self.write(writer.footer())
    }

    private static func write(_ text: String) throws {
        guard !text.isEmpty else { return }
        try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }
}
