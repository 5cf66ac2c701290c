import ArgumentParser
import Foundation
import NewsqKit

struct EvalCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure the ranking on judged queries: nDCG@10, MAP, Recall@100, MRR@10, P@10.",
        discussion: """
            QUERIES has one `qid<TAB>query` per line; QRELS is a TREC qrels file (`qid 0 id \
            relevance`) whose ids are newsq article ids. Each query runs as `newsq search` would, \
            with the first 100 hits (relaxed matches included). Queries without judgments are skipped.
            """)

    @Argument(help: "The queries file (qid<TAB>query).")
    var queries: String

    @Argument(help: "The TREC qrels file.")
    var qrels: String

    @OptionGroup var database: DatabaseOption

    @OptionGroup(title: "Filters") var filtering: SearchFilterOptions

    @OptionGroup(title: "Ranking") var rankingOptions: RankingOptions

    @Flag(help: "Print the measures of every query too.")
    var perQuery = false

    @OptionGroup var clock: ClockOption

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let queryList = try RelevanceJudgments.queries(try Self.read(queries))
        let judgments = try RelevanceJudgments(qrels: try Self.read(qrels))
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let engine = SearchEngine(database: archive)
        let analyzer = try Analyzer()
        let instant = clock.instant
        let ranking = try rankingOptions.formula(now: instant)
        let filters = try filtering.filters(now: instant)

        var rows: [(id: String, metrics: RankingMetrics)] = []
        for (id, text) in queryList {
            guard let grades = judgments.grades[id] else { continue }
            var ranked: [String] = []
            if let query = try? SearchQuery(text, analyzer: analyzer) {
                let request = SearchRequest(
                    query: query, limit: 100, ranking: ranking, filters: filters,
                    sort: rankingOptions.sort, relax: !rankingOptions.strict)
                ranked = try engine.search(request).hits.map(\.id)
            }
            rows.append((id, RankingMetrics(ranking: ranked, grades: grades)))
        }
        guard !rows.isEmpty else { throw EvaluationError.noJudgedQueries }
        let mean = RankingMetrics.mean(rows.map(\.metrics))
        if json {
            struct Report: Encodable { let queries: Int; let mean: RankingMetrics; let perQuery: [String: RankingMetrics]? }
            let report = Report(
                queries: rows.count, mean: mean,
                perQuery: perQuery ? Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.metrics) }) : nil)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print(
            (["query"] + RankingMetrics.names).map { $0.padding(toLength: 11, withPad: " ", startingAt: 0) }.joined(
                separator: " "))
        if perQuery {
            for row in rows { print(Self.line(row.id, row.metrics)) }
        }
        print(Self.line("all (\(rows.count))", mean))
    }

    private static func line(_ label: String, _ metrics: RankingMetrics) -> String {
        ([label.padding(toLength: 11, withPad: " ", startingAt: 0)] + metrics.values.map { String(format: "%-11.4f", $0) })
            .joined(separator: " ")
    }

    private static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(path): \((error as NSError).localizedDescription)")
        }
    }
}
