import ArgumentParser
import Foundation
import NewsqKit
import NewsqServer
import Synchronization

struct ServeCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the index to a browser: a search page and a JSON API.",
        discussion: """
            Opens the index read-only for every request, so what a later `newsq index` run adds \
            shows without a restart. Listens on 127.0.0.1 unless --host says otherwise: the \
            archive is then reachable from this machine only. Stop it with Ctrl-C.
            The API: /api/search (the JSON of `newsq search --format json`, the options as \
            parameters), /api/search.csv, .tsv, .jsonl, .md, .trec, /api/articles/ID, \
            /api/stats, described in /api/openapi.json.
            """)

    @OptionGroup var database: DatabaseOption

    @Option(help: ArgumentHelp("The address to listen on; 0.0.0.0 lets other machines in.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("The port to listen on; 0 picks a free one.", valueName: "number"))
    var port = 8080

    @Option(help: ArgumentHelp("Stop a search that runs longer than this many seconds.", valueName: "seconds"))
    var searchTimeout = 10.0

    @Option(
        help: ArgumentHelp(
            "A JSON file of ranking knobs; default $NEWSQ_CONFIG, else ~/.config/newsq/config.json when it exists.",
            valueName: "file"))
    var config: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535.") }
        guard searchTimeout > 0 else { throw ValidationError("--search-timeout must be more than 0.") }
    }

    func run() throws {
        // Fails now, with the command line's sentence, when there is no index to serve.
        _ = try ArchiveDatabase.openForReading(path: database.path)
        let parameters = try RankingConfiguration.load(
            path: config ?? RankingConfiguration.defaultPath(), required: config != nil)
        let server = NewsqServer(
            databasePath: database.path, host: host, port: port,
            parameters: parameters, searchSeconds: searchTimeout)
        let path = database.path
        let outcome = ServeOutcome()
        let finished = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { address in
                    FileHandle.standardOutput.write(Data("Serving \(path) at \(address)\n".utf8))
                }
            } catch {
                outcome.record(error)
            }
            finished.signal()
        }
        finished.wait()
        if let error = outcome.error { throw error }
    }
}

/// How the server task ended, read by the thread that waits for it.
private final class ServeOutcome: Sendable {
    private let stored = Mutex<(any Error)?>(nil)
    func record(_ error: any Error) { stored.withLock { $0 = error } }
    var error: (any Error)? { stored.withLock { $0 } }
}
