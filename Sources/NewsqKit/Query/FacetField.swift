import Foundation

/// A property of articles whose values `--facets` counts over a query's matches.
public enum FacetField: String, CaseIterable, Sendable, Codable {
    case provider, topic, lang, type, year

    /// The fields named in `text`, comma-separated ("provider,topic"), in the order given and
    /// each once; an unknown or empty name is an error naming the fields there are.
    public static func list(_ text: String) throws(FacetError) -> [FacetField] {
        var fields: [FacetField] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let field = FacetField(rawValue: trimmed.lowercased()) else { throw .unknownField(trimmed) }
            if !fields.contains(field) { fields.append(field) }
        }
        return fields
    }
}

/// Why facets cannot be counted as asked. Each case reads as a sentence for the user.
public enum FacetError: Error, Equatable, CustomStringConvertible {
    case unknownField(String)

    public var description: String {
        switch self {
        case .unknownField(let name):
            let known = FacetField.allCases.map(\.rawValue).joined(separator: ", ")
            return name.isEmpty
                ? "--facets takes field names separated by commas, without empty ones; the fields are \(known)"
                : "--facets: there is no field \"\(name)\"; the fields are \(known)"
        }
    }
}
