import ArgumentParser
import Foundation
import NewsqKit

/// `--now`: the instant ages and relative dates (`--since 30d`) are measured from, shared by the
/// commands that rank. `NEWSQ_NOW` gives a default, so scripts and documentation examples can
/// pin the clock for every command at once.
struct ClockOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Measure ages from this date (ISO 8601) instead of now; default $NEWSQ_NOW, else the clock.",
            valueName: "date"))
    var now: String?

    func validate() throws {
        if let now, ISO8601DateParser.parse(now) == nil {
            throw ValidationError("--now must be an ISO 8601 date such as 2026-11-28 or 2026-11-28T12:00:00Z; got \(now).")
        }
        if now == nil, let pinned = Self.pinned(), ISO8601DateParser.parse(pinned) == nil {
            throw ValidationError("NEWSQ_NOW must be an ISO 8601 date such as 2026-11-28; got \(pinned).")
        }
    }

    /// `--now`, else `NEWSQ_NOW`, else the current time.
    var instant: Date {
        (now ?? Self.pinned()).flatMap(ISO8601DateParser.parse) ?? Date()
    }

    private static func pinned() -> String? {
        guard let value = ProcessInfo.processInfo.environment["NEWSQ_NOW"], !value.isEmpty else { return nil }
        return value
    }
}
