import ArgumentParser
import NewsqKit

struct OptimizeCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Merge the full-text index into one segment and count its common terms, for faster searches.",
        discussion: """
            An index run does both by itself when it changed a large part of the index (the merge \
            after a quarter, the count after a twentieth, since the last). This is for an index \
            that grew by many small runs, or that an older newsq made. It rewrites the whole \
            full-text index: a minute or two for a million articles. Searches may run meanwhile.
            """)

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Wait for an index run on the same index to finish, instead of stopping.")
    var wait = false

    func run() throws {
        let path = database.path
        // Refuses a missing file or one that is not an index, before anything is created.
        _ = try ArchiveDatabase.openForReading(path: path)
        let archive = try ArchiveDatabase.openForWriting(
            path: path, wait: wait,
            onWaiting: { printError("waiting for another newsq process to finish with \(path) ...") })
        try archive.optimizeFullTextIndex()
        try archive.refreshTermStatistics()
        print("Optimized \(path): full-text index merged into one segment, articles per common term counted")
    }
}
