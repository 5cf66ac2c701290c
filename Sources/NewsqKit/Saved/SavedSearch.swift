import Foundation

/// A search kept under a name, so that `newsq saved run` can tell what is new for it: the
/// query as the user wrote it, and its filters as written (an age such as `30d` is measured
/// from each run's time, not from the day it was saved).
public struct SavedSearch: Sendable, Equatable {
    public var name: String
    public var query: String
    public var filters: WrittenFilters

    public init(name: String, query: String, filters: WrittenFilters = WrittenFilters()) {
        self.name = name
        self.query = query
        self.filters = filters
    }

    /// Throws when `name` cannot name a saved search: it must be a word that a shell passes
    /// as is (letters, digits, `-`, `_`, `.`), not starting with `-`.
    public static func check(name: String) throws(SavedSearchError) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard !name.isEmpty, !name.hasPrefix("-"), name.count <= 100,
            name.unicodeScalars.allSatisfy(allowed.contains)
        else {
            throw .badName(name)
        }
    }
}
