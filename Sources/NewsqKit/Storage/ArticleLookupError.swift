/// Why `newsq show` found no article. Reads as a sentence for the user.
public enum ArticleLookupError: Error, Equatable, CustomStringConvertible {
    case notFound(id: String, suggestions: [String])

    public var description: String {
        switch self {
        case .notFound(let id, let suggestions) where suggestions.isEmpty:
            "no article has the id \(id); ids are paths relative to the corpus without the extension, as search results show them"
        case .notFound(let id, let suggestions):
            "no article has the id \(id); did you mean \(suggestions.joined(separator: ", "))?"
        }
    }
}

extension ArticleStore {
    /// The article with `id`, also when it is given as a file path (`corpus/2021/x.md` finds
    /// `2021/x` when that is an id); otherwise an error that suggests ids containing it.
    public func article(named id: String) throws -> StoredArticle {
        for candidate in Self.candidates(for: id) {
            if let article = try article(id: candidate) { return article }
        }
        let fragment = (Self.withoutExtension(id) as String).split(separator: "/").last.map(String.init) ?? id
        throw ArticleLookupError.notFound(id: id, suggestions: try ids(containing: fragment))
    }

    /// `id` as given, then without an article file extension, then with leading folders dropped
    /// one at a time (a path given from outside the corpus directory).
    static func candidates(for id: String) -> [String] {
        var candidates = [id]
        var path = withoutExtension(id)
        while path.hasPrefix("./") { path.removeFirst(2) }
        candidates.append(path)
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        while parts.count > 1 {
            parts.removeFirst()
            candidates.append(parts.joined(separator: "/"))
        }
        var seen = Set<String>()
        return candidates.filter { seen.insert($0).inserted }
    }

    private static func withoutExtension(_ id: String) -> String {
        for suffix in [".md", ".markdown", ".txt"] where id.hasSuffix(suffix) {
            return String(id.dropLast(suffix.count))
        }
        return id
    }
}
