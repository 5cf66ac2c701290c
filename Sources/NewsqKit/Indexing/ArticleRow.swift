import Foundation
import GRDB

/// An article flattened into the `articles` table's columns, built on a worker thread so that
/// the writer only binds values.
struct ArticleRow {
    /// Values in the order of `ArticleRow.columns`.
    let values: [(any DatabaseValueConvertible)?]
    /// The article's id (the first of `values`).
    let id: String
    /// Seconds since 1970, for the article's docid (see `ChronologicalDocids`).
    let published: Double?
    /// The raw quality, for the docid's quality slot.
    let quality: Int?
    /// The texts `article_fts` indexes, in `SearchableField` order.
    let searchableTexts: [String]

    init(article: Article, file: CorpusFile, contentHash: Int64) {
        let searchable = SearchableField.allCases.map { Self.clean($0.text(of: article)) }
        searchableTexts = searchable
        id = article.id
        published = article.published?.timeIntervalSince1970
        quality = article.quality
        values =
            [article.id, file.size, file.modified, file.changed, file.inode, contentHash] + searchable.map { $0 } + [
                article.provider?.domain,
                article.published?.timeIntervalSince1970,
                article.quality,
                article.heat,
                article.type,
                article.category,
                article.displayURL,
                Language.guess(article.title + "\n" + article.excerpt + "\n" + article.body.prefix(1_000)).rawValue,
            ]
    }

    static let columns = [
        "id", "file_size", "file_mtime", "file_ctime", "file_inode", "content_hash", "title", "excerpt", "body", "topics",
        "provider",
        "related", "provider_domain", "published", "quality", "heat", "type", "category", "url", "language",
    ]

    /// Control characters become spaces: newsq marks highlights with \u{1} and \u{2} inside
    /// stored text, so the text itself must never hold them.
    static func clean(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map {
                    $0.value < 0x20 && $0 != "\n" && $0 != "\t" ? " " : $0
                }))
    }

    /// FNV-1a over the file's bytes: tells a touched-but-identical file from a changed one.
    static func hash(_ data: Data) -> Int64 {
        // Over the raw bytes: `Data`'s iterator costs a call per byte.
        data.withUnsafeBytes { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            return Int64(bitPattern: hash)
        }
    }
}
