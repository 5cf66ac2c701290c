/// Why a search found nothing when its query alone finds articles: the filters that left
/// nothing, and how many articles match without any filter.
///
/// For example, `newsq search "AI regulation" --provider Policy` gives
/// `filters: [.providers(["Policy"])], together: false, totalWithoutFilters: 14`, shown as
/// `No articles match "AI regulation" with --provider Policy; 14 match without filters.`
public struct FilteredOut: Sendable, Equatable {
    /// The filters that each leave nothing on their own or, when none does, every filter
    /// given (then `together` is true: only their combination leaves nothing).
    public var filters: [SearchFilters.Part]
    public var together: Bool
    /// The total the search would have without its filters (relaxed matches included when
    /// the search relaxes, as in `SearchResults.total`).
    public var totalWithoutFilters: Int

    public init(filters: [SearchFilters.Part], together: Bool, totalWithoutFilters: Int) {
        self.filters = filters
        self.together = together
        self.totalWithoutFilters = totalWithoutFilters
    }

    /// `with --provider Policy; 14 match without filters`, to follow "No articles match".
    public var reason: String {
        let options = filters.map(\.options)
        let named =
            together
            ? "with " + options.joined(separator: " and ") + " together"
            : options.map { "with " + $0 }.joined(separator: " or ")
        return "\(named); \(totalWithoutFilters) \(totalWithoutFilters == 1 ? "matches" : "match") without filters"
    }
}
