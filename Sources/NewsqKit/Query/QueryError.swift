/// Why a query cannot be run. Each case reads as a sentence for the user.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case empty
    case nothingSearchable(query: String)
    case onlyExclusions
    case tooLong(terms: Int, limit: Int)
    case notUnderstood(query: String)

    public var description: String {
        switch self {
        case .empty:
            "the query is empty: give at least one word to search for"
        case .nothingSearchable(let query):
            "the query \"\(query)\" has nothing searchable in it (only punctuation or symbols): use words or numbers"
        case .onlyExclusions:
            "the query only excludes words: add at least one word to search for"
        case .tooLong(let terms, let limit):
            "the query has \(terms) words; at most \(limit) are allowed"
        case .notUnderstood(let query):
            "the query \"\(query)\" could not be understood; try it without special characters"
        }
    }
}
