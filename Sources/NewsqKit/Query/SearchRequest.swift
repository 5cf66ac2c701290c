import Foundation

/// One search: the query, which page of hits, and how to rank them.
public struct SearchRequest: Sendable {
    public var query: SearchQuery
    public var limit: Int
    public var offset: Int
    public var ranking: RankingFormula
    /// Whether each hit carries its score's explanation.
    public var explain: Bool

    public init(query: SearchQuery, limit: Int = 10, offset: Int = 0,
                ranking: RankingFormula = RankingFormula(), explain: Bool = false) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.ranking = ranking
        self.explain = explain
    }
}
