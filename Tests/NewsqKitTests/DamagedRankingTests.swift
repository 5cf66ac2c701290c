import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// A read that fails inside the ranking (`newsq_rank`) keeps its return code, so a damaged
/// full-text index is reported as damaged, with the rebuild hint, rather than as a query newsq
/// did not understand or as a row scored from a length it could not read.
@Suite struct DamagedRankingTests {
    /// The sample corpus indexed, then `damage` done to its FTS5 records behind the index's back.
    static func damagedIndex(_ damage: String) throws -> (TemporaryDirectory, ArchiveDatabase) {
        let directory = TemporaryDirectory()
        let path = directory.path("index.sqlite").path
        do {
            let database = try ArchiveDatabase.openForWriting(path: path)
            _ = try Indexer(database: database).index(root: Repository.corpus)
            try database.pool.write { db in try db.execute(sql: damage) }
        }
        return (directory, try ArchiveDatabase.openForReading(path: path))
    }

    /// FTS5's record of totals (the number of articles, their lengths), which the MATCH does not
    /// read and the ranking reads first (`xRowCount`).
    @Test(arguments: ["chips", "chips export", "\"export controls\"", "title:chips"])
    func aSearchOnADamagedRecordOfTotalsSaysTheIndexIsDamaged(text: String) throws {
        let (directory, database) = try Self.damagedIndex("DELETE FROM article_fts_data WHERE id = 1")
        defer { _ = directory }
        let request = SearchRequest(
            query: try SearchQuery(text, analyzer: try Analyzer()), limit: 10,
            ranking: RankingFormula(now: IndexedCorpus.now))
        let error = #expect(throws: IndexError.self, "\(text)") {
            try SearchEngine(database: database).search(request)
        }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains("is damaged") && message.contains("--rebuild"), "\(text): \(message)")
    }

    /// A row whose length cannot be read (`xColumnSize`) fails the ranking statement with
    /// SQLite's code, instead of being scored as if it were 0 tokens long.
    @Test func aRowWhoseLengthCannotBeReadIsNotScored() throws {
        let (directory, database) = try Self.damagedIndex("UPDATE article_fts_docsize SET sz = x'ff'")
        defer { _ = directory }
        let parameters = RankingFunction.encode(RankingFormula(now: IndexedCorpus.now))
        let error = #expect(throws: DatabaseError.self) {
            try database.pool.read { db in
                try Double.fetchAll(
                    db,
                    sql: """
                        SELECT newsq_rank(article_fts, NULL, NULL, ?, 0, 0, NULL) FROM article_fts WHERE article_fts MATCH 'chips'
                        """, arguments: [parameters])
            }
        }
        #expect(error?.resultCode == .SQLITE_CORRUPT, "\(String(describing: error))")
    }
}
