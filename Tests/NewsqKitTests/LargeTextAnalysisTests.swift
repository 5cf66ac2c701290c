import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// Texts above `preanalysisBytes` are not analysed ahead by the workers but by the writer's
/// tokenizer as SQLite asks for them: the full-text index must be the same byte for byte
/// whichever path each text takes.
@Suite struct LargeTextAnalysisTests {
    /// Every row of FTS5's own tables, so that terms, positions and offsets are all compared.
    private static func fullTextTables(_ database: ArchiveDatabase) throws -> [[[UInt8]]] {
        try database.pool.read { db in
            try ["article_fts_data", "article_fts_idx", "article_fts_docsize"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { row in
                    row.databaseValues.map { value in
                        switch value.storage {
                        case .blob(let data): Array(data)
                        case .string(let text): Array(text.utf8)
                        default: Array("\(value)".utf8)
                        }
                    }
                }
            }
        }
    }

    private static func index(_ root: URL, preanalysisBytes: Int) throws -> (IndexContents, [[[UInt8]]]) {
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        _ = try Indexer(database: database, preanalysisBytes: preanalysisBytes).index(root: root)
        return (try IndexContents(database, words: ["人民", "经济", "alpha", "regulat"]), try fullTextTables(database))
    }

    @Test(arguments: [0, 40, 200])
    func sameIndexWithoutPreanalysis(preanalysisBytes: Int) throws {
        let corpus = TemporaryDirectory()
        let chinese = String(repeating: "人民日报报道，经济增长１０％，人工智能监管政策出台。", count: 20)
        corpus.write("zh.md", articleFile(title: "经济新闻", excerpt: "人民日报", body: chinese))
        corpus.write(
            "en.md",
            articleFile(
                title: "Alpha regulation", excerpt: "AI rules",
                body: String(repeating: "Alpha regulators met in the EU's capital. ", count: 30)))
        corpus.write("mixed.md", articleFile(title: "重跑gen-itgc后", body: "China’s AI rules 二○○○年 alpha 经济"))
        let replayed = try Self.index(corpus.url, preanalysisBytes: .max)
        let analysedByWriter = try Self.index(corpus.url, preanalysisBytes: preanalysisBytes)
        #expect(analysedByWriter.0 == replayed.0)
        #expect(analysedByWriter.1 == replayed.1)
        #expect(!replayed.1.isEmpty)
    }
}
