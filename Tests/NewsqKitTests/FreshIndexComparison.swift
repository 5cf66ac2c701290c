import Foundation
import GRDB
@testable import NewsqKit

/// What an index holds, compared byte for byte: every article's row (docid aside, which depends
/// on the order articles came in) and the ids each of a few words finds in the full-text index.
///
/// Strings are kept as their UTF-8 bytes: Swift's `==` on `String` takes the NFC and NFD
/// spellings of a name for equal, which is the very difference these comparisons must see.
struct IndexContents: Equatable, CustomStringConvertible {
    var rows: [[[UInt8]]]
    var matches: [String: [[UInt8]]]

    static let probeWords = ["alpha", "bravo", "charlie", "delta", "echo"]

    init(_ database: ArchiveDatabase, words: [String] = IndexContents.probeWords) throws {
        (rows, matches) = try database.pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM articles ORDER BY id").map { row in
                zip(row.columnNames, row.databaseValues).filter { $0.0 != "docid" }.map { _, value in
                    switch value.storage {
                    case .string(let text): Array(text.utf8)
                    default: Array("\(value)".utf8)
                    }
                }
            }
            var matches: [String: [[UInt8]]] = [:]
            for word in words {
                matches[word] = try String.fetchAll(
                    db,
                    sql: """
                        SELECT articles.id FROM article_fts JOIN articles ON articles.docid = article_fts.rowid
                        WHERE article_fts MATCH ? ORDER BY articles.id
                        """, arguments: ["\"\(word)\""]
                ).map { Array($0.utf8) }
            }
            return (rows, matches)
        }
    }

    /// The ids, byte for byte.
    var ids: [[UInt8]] { rows.map { $0[0] } }

    var description: String {
        "\(rows.count) articles: " + rows.map { String(decoding: $0[0], as: UTF8.self).debugDescription }.joined(separator: ", ")
    }

    /// What a fresh index of `root`, made now, holds.
    static func fresh(of root: URL, parser: ArticleParser = ArticleParser(), words: [String] = IndexContents.probeWords)
        throws -> IndexContents
    {
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("fresh.sqlite").path)
        _ = try Indexer(database: database, parser: parser).index(root: root)
        return try IndexContents(database, words: words)
    }
}
