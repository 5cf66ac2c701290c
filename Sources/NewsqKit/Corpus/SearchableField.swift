/// The fields of an article that search reads, in the order of the full-text index's columns:
/// the one list the schema, the indexer, the ranking's weights and `--explain` follow.
public enum SearchableField: String, CaseIterable, Sendable {
    case title, excerpt, body, topics, provider, related

    /// The field's text in `article`, as the index holds it: several topics or related items
    /// one a line.
    func text(of article: Article) -> String {
        switch self {
        case .title: article.title
        case .excerpt: article.excerpt
        case .body: article.body
        case .topics: article.topics.joined(separator: "\n")
        case .provider: article.provider?.name ?? ""
        case .related: article.related.flatMap { [$0.title, $0.excerpt] }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }
}
