import Foundation

/// A stored article as a JSON object: the lines of `newsq export --format ndjson`, the source
/// documents of `es-bulk` and `newsq show --format json`. Field names match the Elasticsearch
/// mapping (`ElasticsearchMapping`); fields without a value are left out.
///
/// ```json
/// {"id": "2021/06/30-shenzhen-ai", "title": "...", "excerpt": "...", "body": "...",
///  "topics": ["AI"], "provider": "syncedreview", "provider_domain": "syncedreview.com",
///  "related": "...", "published": "2021-06-30T13:04:00Z", "quality": 59, "quality_rank": 0.43,
///  "heat": 12, "type": "article", "category": "news", "url": "https://...", "language": "en"}
/// ```
public struct ArticleJSON: Encodable, Sendable {
    let id: String
    let title: String
    let excerpt: String
    let body: String
    let topics: [String]
    let provider: String?
    let providerDomain: String?
    let related: String?
    let published: String?
    let quality: Int?
    let qualityRank: Double?
    let heat: Int?
    let type: String?
    let category: String?
    let url: String?
    let language: String

    enum CodingKeys: String, CodingKey {
        case id, title, excerpt, body, topics, provider, related, published, quality, heat, type, category, url, language
        case providerDomain = "provider_domain"
        case qualityRank = "quality_rank"
    }

    public init(_ article: StoredArticle) {
        id = article.id
        title = article.title
        excerpt = article.excerpt
        body = article.body
        topics = article.topics
        provider = article.provider
        providerDomain = article.providerDomain
        related = article.related.isEmpty ? nil : article.related
        published = article.published.map(GregorianDateText.timestamp)
        quality = article.quality
        qualityRank = article.qualityRank.map { ($0 * 1_000_000).rounded() / 1_000_000 }
        heat = article.heat
        type = article.type
        category = article.category
        url = article.url
        language = article.language
    }

    /// The object on one line (`pretty: false`) or indented.
    public func encoded(pretty: Bool = false) throws -> String {
        String(decoding: try SearchResultsJSON.encoder(pretty: pretty).encode(self), as: UTF8.self)
    }
}

/// The formats of `newsq export`: every stored field of every article (or of those a query
/// matches), for another tool or a search cluster.
public enum ArticleExportFormat: String, CaseIterable, Sendable {
    /// One `ArticleJSON` object per line.
    case ndjson
    /// Elasticsearch/OpenSearch `_bulk` requests (`ElasticsearchBulkWriter`).
    case esBulk = "es-bulk"

    /// The lines for one article, each ending in a newline.
    public func lines(for article: StoredArticle, index: String) throws -> String {
        switch self {
        case .ndjson: try ArticleJSON(article).encoded() + "\n"
        case .esBulk: try ElasticsearchBulkWriter(index: index).lines(for: article)
        }
    }
}
