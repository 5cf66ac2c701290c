import Foundation

/// One search: the query, which page of hits, and how to rank them.
public struct SearchRequest: Sendable {
    public var query: SearchQuery
    public var limit: Int
    public var offset: Int
    public var ranking: RankingFormula
    /// Whether each hit carries its score's explanation.
    public var explain: Bool
    public var filters: SearchFilters
    public var sort: HitOrder
    /// When fewer articles than asked for match every word, add articles that match some of
    /// them, ranked after every full match (see `QueryExpression.relaxed`).
    public var relax: Bool

    /// The hits one page may show; a page of 0 only counts the matches.
    public static let limits = 0...10_000
    /// The hits a page of the command line and of a batch line may show.
    public static let shownLimits = 1...limits.upperBound
    /// The hits a page may skip: the ranking keeps offset + limit candidates, so paging stops
    /// far below where that would overflow.
    public static let offsets = 0...1_000_000_000

    public init(
        query: SearchQuery, limit: Int = 10, offset: Int = 0,
        ranking: RankingFormula = RankingFormula(), explain: Bool = false,
        filters: SearchFilters = SearchFilters(), sort: HitOrder = .relevance, relax: Bool = true
    ) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.ranking = ranking
        self.explain = explain
        self.filters = filters
        self.sort = sort
        self.relax = relax
    }
}

/// Why a search request cannot run. Each case reads as a sentence for the user.
public enum SearchRequestError: Error, Equatable, CustomStringConvertible {
    case limitOutOfRange(Int)
    case offsetOutOfRange(Int)

    public var description: String {
        switch self {
        case .limitOutOfRange(let limit):
            "the limit must be a whole number from \(SearchRequest.limits.lowerBound) to \(SearchRequest.limits.upperBound); got \(limit)"
        case .offsetOutOfRange(let offset):
            "the offset must be a whole number from \(SearchRequest.offsets.lowerBound) to \(SearchRequest.offsets.upperBound); got \(offset)"
        }
    }
}

extension SearchRequest {
    /// Throws when the page is out of `limits` or `offsets`.
    func checkPage() throws(SearchRequestError) {
        guard Self.limits.contains(limit) else { throw .limitOutOfRange(limit) }
        guard Self.offsets.contains(offset) else { throw .offsetOutOfRange(offset) }
    }
}
