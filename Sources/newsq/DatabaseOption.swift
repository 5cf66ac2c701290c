import ArgumentParser
import NewsqKit

/// The `--db` option every command that touches an index shares.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The index file.",
        discussion: "Default: $NEWSQ_DB, else $XDG_DATA_HOME/newsq/index.sqlite (~/.local/share/newsq/index.sqlite).",
        valueName: "path"))
    var db: String?

    var path: String { db ?? IndexLocation.defaultPath() }
}
