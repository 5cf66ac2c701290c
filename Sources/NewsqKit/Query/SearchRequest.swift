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

    public init(query: SearchQuery, limit: Int = 10, offset: Int = 0,
                ranking: RankingFormula = RankingFormula(), explain: Bool = false,
                filters: SearchFilters = SearchFilters(), sort: HitOrder = .relevance, relax: Bool = true) {
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
