import ArgumentParser
import NewsqKit

/// The `--db` option every command that touches an index shares.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The index file.",
            discussion: "Default: $NEWSQ_DB, else $XDG_DATA_HOME/newsq/index.sqlite (~/.local/share/newsq/index.sqlite).",
            valueName: "path"))
    var db: String?

    var path: String { db ?? IndexLocation.defaultPath() }

    /// How a command newsq suggests finds this index: by the same `--db`, or as this one did.
    var suggestedIndex: SuggestedCommand.Index { db.map { .path($0) } ?? .implied }

    /// `newsq` with `arguments`, naming this index as the user did.
    func suggest(_ arguments: String...) -> SuggestedCommand {
        SuggestedCommand(arguments, index: suggestedIndex)
    }
}

/// A command that works on an index, so its errors can suggest commands for that index.
protocol IndexCommandLine {
    var database: DatabaseOption { get }
}
