import Foundation

/// The parameters of a URL's query string, decoded as browsers encode forms (`+` is a space).
struct QueryString: Sendable {
    /// The longest query string read; a longer one is refused before it is parsed.
    static let byteLimit = 4096

    private(set) var pairs: [(name: String, value: String)] = []

    init(_ query: String?) throws(ServerError) {
        guard let query, !query.isEmpty else { return }
        guard query.utf8.count <= Self.byteLimit else {
            throw .queryStringTooLong(bytes: query.utf8.count, limit: Self.byteLimit)
        }
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decoded(halves[0])
            let value = halves.count > 1 ? Self.decoded(halves[1]) : ""
            pairs.append((name, value))
        }
    }

    /// Every value of `name`, in order; empty values are left out (an empty form field).
    func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name && !$0.value.isEmpty }.map(\.value)
    }

    /// The one value of `name`, nil when it is not given.
    func value(_ name: String) throws(ServerError) -> String? {
        let found = values(name)
        guard found.count <= 1 else { throw .repeatedParameter(name) }
        return found.first
    }

    /// Refuses a parameter that is not in `known`, as the command line refuses an unknown option.
    func check(known: [String]) throws(ServerError) {
        for pair in pairs where !known.contains(pair.name) {
            throw .unknownParameter(pair.name, known: known)
        }
    }

    private static func decoded(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
