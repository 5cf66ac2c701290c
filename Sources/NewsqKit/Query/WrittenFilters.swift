import Foundation

/// Filters as the user wrote them, `newsq search`'s options or a batch line's keys, before
/// dates and ages are read against a clock: the one way both become `SearchFilters`, so a
/// filter means the same wherever it is given.
///
/// A filter left nil is not given: `applied(to:now:)` keeps the base's value for it.
///
/// For example:
///
/// ```swift
/// var written = WrittenFilters()
/// written.since = "30d"
/// written.providers = ["Policy Desk"]
/// let filters = try written.applied(to: SearchFilters(), now: Date())
/// ```
public struct WrittenFilters: Sendable, Equatable, Codable {
    /// A date (`2024-03-01`) or an age (`30d`), as `DateBound` reads them.
    public var since: String?
    public var until: String?
    public var topics: [String]?
    public var providers: [String]?
    public var types: [String]?
    public var minimumQuality: Int?
    public var language: Language?

    public init() {}

    /// A saved search keeps its filters as JSON under a batch line's keys.
    private enum CodingKeys: String, CodingKey {
        case since, until, topics, providers, types
        case minimumQuality = "minQuality"
        case language = "lang"
    }

    /// `base` with each filter given here in place of its own; ages are measured back from `now`.
    /// Throws when a date cannot be read, or when the dates leave no time between them.
    public func applied(to base: SearchFilters, now: Date) throws(QueryError) -> SearchFilters {
        var filters = base
        if let since { filters.since = try Self.date(since, now: now) }
        if let until { filters.until = try Self.date(until, now: now) }
        if let topics { filters.topics = topics }
        if let providers { filters.providers = providers }
        if let types { filters.types = types }
        if let minimumQuality { filters.minimumQuality = minimumQuality }
        if let language { filters.language = language }
        // Until is exclusive: a range that does not start before it ends holds no instant, and
        // an empty answer would look like a query that found nothing.
        if let start = filters.since, let end = filters.until, start >= end {
            throw .emptyDateRange(since: Self.shown(since, start), until: Self.shown(until, end))
        }
        return filters
    }

    private static func date(_ text: String, now: Date) throws(QueryError) -> Date {
        guard let date = DateBound.parse(text, now: now) else { throw .badDate(text) }
        return date
    }

    /// A bound for a message: as written, with the date it stands for when that is not plain.
    private static func shown(_ written: String?, _ date: Date) -> String {
        let day = SearchFilters.Part.dateText(date)
        guard let written, written != day else { return day }
        return "\(written) (\(day))"
    }
}
