import Foundation

/// Writes articles as an Elasticsearch/OpenSearch `_bulk` request body (NDJSON): per article an
/// action line, then the source line, each a single-line JSON object ending in a newline, so the
/// whole file ends in one as `_bulk` requires:
///
/// ```text
/// {"index":{"_id":"3f0a…c9","_index":"newsq"}}
/// {"id":"2021/06/30-shenzhen-ai","title":"…",…}
/// ```
///
/// The action is `index` (create or replace), so loading the same export twice leaves one copy.
public struct ElasticsearchBulkWriter: Sendable {
    /// The target index, named in every action line so the file can go to `POST /_bulk`.
    public let index: String

    public init(index: String = "newsq") {
        self.index = index
    }

    /// The document id: the hex SHA-256 of the article's URL, else of its newsq id.
    ///
    /// Derived from the URL so that it is stable across machines, re-indexes and renamed files,
    /// and so that the same story saved twice under two file names is one document in the
    /// cluster (the later one in the export wins). The URL is hashed byte for byte as stored.
    public static func documentID(for article: StoredArticle) -> String {
        SHA256.hex(article.url.flatMap { $0.isEmpty ? nil : $0 } ?? article.id)
    }

    func lines(for article: StoredArticle) throws -> String {
        struct Action: Encodable {
            struct Target: Encodable {
                let _id: String
                let _index: String
            }
            let index: Target
        }
        let action = Action(index: .init(_id: Self.documentID(for: article), _index: index))
        let actionLine = String(decoding: try SearchResultsJSON.encoder(pretty: false).encode(action), as: UTF8.self)
        return actionLine + "\n" + (try ArticleJSON(article).encoded()) + "\n"
    }
}
