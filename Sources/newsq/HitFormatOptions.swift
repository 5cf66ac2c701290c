import ArgumentParser
import NewsqKit

/// How a hit list is written: its format, a byte order mark, and the scores explained; shared
/// by every command that writes hits.
struct HitFormatOptions: ParsableArguments {
    @Option(help: "Output format: \(HitListFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: HitListFormat = .text

    @Flag(help: "Start csv or tsv output with a UTF-8 byte order mark (for Excel).")
    var bom = false

    @Flag(help: "Show how each hit's score is made.")
    var explain = false

    func validate() throws {
        if bom, format != .csv, format != .tsv { throw ValidationError("--bom only applies to --format csv or tsv.") }
    }
}

extension HitListFormat: ExpressibleByArgument {}
