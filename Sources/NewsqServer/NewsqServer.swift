import Foundation
import Hummingbird
import NewsqKit

/// `newsq serve`: the index's search page and JSON API over HTTP.
public struct NewsqServer: Sendable {
    public let databasePath: String
    public let host: String
    public let port: Int
    let reader: ArchiveReader

    /// A server for the index at `databasePath`, ranking with `parameters`; a search longer
    /// than `searchSeconds` is stopped. Reads run on `searchThreads` threads of their own (one
    /// per core unless told), with up to `queueLength` more waiting; a request beyond that is
    /// refused with 503.
    public init(
        databasePath: String, host: String = "127.0.0.1", port: Int = 8080,
        parameters: RankingParameters = RankingParameters(), searchSeconds: Double = 10,
        searchThreads: Int = ProcessInfo.processInfo.activeProcessorCount, queueLength: Int = 256
    ) {
        self.databasePath = databasePath
        self.host = host
        self.port = port
        reader = ArchiveReader(
            path: databasePath, parameters: parameters, searchSeconds: searchSeconds,
            workers: SearchWorkers(threads: max(1, searchThreads), queueLength: max(0, queueLength)))
    }

    /// Serves until the process is asked to stop (SIGINT, SIGTERM); `onRunning` gets the
    /// address to open once the socket listens (with the real port when `port` is 0).
    public func run(onRunning: @escaping @Sendable (String) -> Void) async throws {
        let host = self.host
        let app = Application(
            router: Routes(reader: reader).router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "newsq"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                onRunning("http://\(shownHost):\(port)/")
            })
        try await app.runService()
    }
}
