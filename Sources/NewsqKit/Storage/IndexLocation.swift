import Foundation

/// Where the index lives when `--db` is not given: `$NEWSQ_DB`, else
/// `$XDG_DATA_HOME/newsq/index.sqlite`, else `~/.local/share/newsq/index.sqlite`.
public enum IndexLocation {
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["NEWSQ_DB"], !path.isEmpty { return path }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/newsq/index.sqlite"
    }
}
