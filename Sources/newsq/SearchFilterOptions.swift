import ArgumentParser
import Foundation
import NewsqKit

/// The filters of `newsq search`, shared by every command that searches.
struct SearchFilterOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Only articles published on or after this date (2024-03-01) or within this age (30d, 6m, 1y).", valueName: "date|age")
    )
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Only articles published before this date or age; it must be later than --since.", valueName: "date|age"))
    var until: String?

    @Option(
        name: .customLong("topic"),
        help: ArgumentHelp("Only articles with this whole topic, ignoring case (repeat for any of several).", valueName: "topic"))
    var topics: [String] = []

    @Option(
        name: .customLong("provider"),
        help: ArgumentHelp(
            "Only articles from this provider: its whole name or domain, ignoring case (repeatable).", valueName: "name"))
    var providers: [String] = []

    @Option(
        name: .customLong("type"),
        help: ArgumentHelp("Only articles of this type: article, video, ... (repeatable).", valueName: "type"))
    var types: [String] = []

    @Option(
        parsing: .unconditional, help: "Only articles with at least this quality.",
        transform: WholeNumberOption.minQuality.parse)
    var minQuality: Int?

    @Option(help: ArgumentHelp("Only articles in this language.", valueName: "zh|en"))
    var lang: Language?

    /// The filters, read as a batch line's are (`WrittenFilters`).
    func filters(now: Date) throws -> SearchFilters {
        let written = try writtenFilters(now: now)
        do {
            return try written.applied(to: SearchFilters(), now: now)
        } catch let QueryError.emptyDateRange(since, until) {
            throw ValidationError(
                "--since \(since) is not earlier than --until \(until), so no article can match: --since must be the earlier date."
            )
        }
    }

    /// The filters as written, their dates checked against `now`.
    func writtenFilters(now: Date) throws -> WrittenFilters {
        var written = WrittenFilters()
        written.since = try since.map { try Self.checkedDate($0, option: "--since", now: now) }
        written.until = try until.map { try Self.checkedDate($0, option: "--until", now: now) }
        written.topics = topics
        written.providers = providers
        written.types = types
        written.minimumQuality = minQuality
        written.language = lang
        return written
    }

    private static func checkedDate(_ text: String, option: String, now: Date) throws -> String {
        guard DateBound.parse(text, now: now) != nil else {
            throw ValidationError(
                "\(option) takes a date such as 2024-03-01 or an age such as 30d, 6m or 1y (at most 10000y); got \(text).")
        }
        return text
    }
}

extension Language: ExpressibleByArgument {}
