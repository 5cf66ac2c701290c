/// Why a query cannot be run. Each case reads as a sentence for the user.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case empty
    case nothingSearchable(query: String)
    case onlyExclusions
    case tooLong(terms: Int, limit: Int)
    case notUnderstood(query: String)
    /// A `since` or `until` that is neither a date nor an age.
    case badDate(String)
    /// `since` (as written, with its date) not earlier than `until`: no article can match.
    case emptyDateRange(since: String, until: String)

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
        case .badDate(let text):
            "\(text) is neither a date such as 2024-03-01 nor an age such as 30d, 6m or 1y"
        case .emptyDateRange(let since, let until):
            "since \(since) is not earlier than until \(until), so no article can match: since must be the earlier date"
        }
    }
}
