import Foundation

/// Conditions on stored fields that every hit must meet, besides matching the query.
public struct SearchFilters: Sendable, Equatable {
    /// Published at or after this instant.
    public var since: Date?
    /// Published before this instant.
    public var until: Date?
    /// At least one of these topics (case-insensitive, whole topic).
    public var topics: [String] = []
    /// One of these providers, by name or domain (case-insensitive).
    public var providers: [String] = []
    /// One of these types (`article`, `video`, ...).
    public var types: [String] = []
    public var minimumQuality: Int?
    public var language: Language?

    public init() {}

    public var isEmpty: Bool { self == SearchFilters() }
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
