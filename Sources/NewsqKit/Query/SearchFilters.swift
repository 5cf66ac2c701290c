import Foundation

/// Conditions on stored fields that every hit must meet, besides matching the query. They
/// only keep or leave out articles: they never change a hit's score.
///
/// `newsq search`'s options and a batch line's keys become this value the same way
/// (`WrittenFilters`), so a filter means the same in both.
public struct SearchFilters: Sendable, Equatable {
    /// Published at or after this instant.
    public var since: Date?
    /// Published before this instant.
    public var until: Date?
    /// At least one of these topics: a whole topic, ignoring case (`ai act` finds `AI Act`,
    /// `Act` does not).
    public var topics: [String] = []
    /// One of these providers: a whole name or domain, ignoring case (`policy desk` or
    /// `policydesk.example.org` find Policy Desk, `Policy` does not).
    public var providers: [String] = []
    /// One of these types (`article`, `video`, ...), ignoring case.
    public var types: [String] = []
    public var minimumQuality: Int?
    public var language: Language?

    public init() {}

    public var isEmpty: Bool { self == SearchFilters() }

    /// One filter of a `SearchFilters` value, to name it when it leaves nothing.
    public enum Part: Sendable, Equatable {
        case since(Date)
        case until(Date)
        case topics([String])
        case providers([String])
        case types([String])
        case minimumQuality(Int)
        case language(Language)

        /// Its name as a batch line's key and in JSON: `since`, `topic`, `minQuality`, ...
        public var name: String {
            switch self {
            case .since: "since"
            case .until: "until"
            case .topics: "topic"
            case .providers: "provider"
            case .types: "type"
            case .minimumQuality: "minQuality"
            case .language: "lang"
            }
        }

        /// Its `newsq search` options, such as `--provider "Policy Desk"`.
        public var options: String {
            let option =
                switch self {
                case .minimumQuality: "--min-quality"
                default: "--" + name
                }
            return values.map { "\(option) \(Self.quoted($0))" }.joined(separator: " ")
        }

        private var values: [String] {
            switch self {
            case .since(let date), .until(let date): [Self.dateText(date)]
            case .topics(let values), .providers(let values), .types(let values): values
            case .minimumQuality(let minimum): [String(minimum)]
            case .language(let language): [language.rawValue]
            }
        }

        /// The filters with only this one.
        public var alone: SearchFilters {
            var filters = SearchFilters()
            switch self {
            case .since(let date): filters.since = date
            case .until(let date): filters.until = date
            case .topics(let topics): filters.topics = topics
            case .providers(let providers): filters.providers = providers
            case .types(let types): filters.types = types
            case .minimumQuality(let minimum): filters.minimumQuality = minimum
            case .language(let language): filters.language = language
            }
            return filters
        }

        /// A date as a day when it starts one (UTC), else in full.
        static func dateText(_ date: Date) -> String {
            let full = date.formatted(.iso8601)
            let day = date.formatted(.iso8601.year().month().day())
            return full == day + "T00:00:00Z" ? day : full
        }

        /// In double quotes when it holds a space or a quote, as a reader would type it.
        private static func quoted(_ value: String) -> String {
            guard value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "'" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
    }

    /// The filters given, each on its own.
    public var parts: [Part] {
        var parts: [Part] = []
        if let since { parts.append(.since(since)) }
        if let until { parts.append(.until(until)) }
        if !topics.isEmpty { parts.append(.topics(topics)) }
        if !providers.isEmpty { parts.append(.providers(providers)) }
        if !types.isEmpty { parts.append(.types(types)) }
        if let minimumQuality { parts.append(.minimumQuality(minimumQuality)) }
        if let language { parts.append(.language(language)) }
        return parts
    }
}

/// How hits are ordered.
public enum HitOrder: String, Sendable, CaseIterable {
    /// By the ranking formula (relevance × recency × quality).
    case relevance
    /// Newest first.
    case date
    /// Highest quality first.
    case quality
}
