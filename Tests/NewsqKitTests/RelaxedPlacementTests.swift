import Foundation
import Testing
@testable import NewsqKit

/// Relaxed matches are marked in every format and score below every full match, so scores
/// never rise down a list and ordering by score gives newsq's ranking.
@Suite struct RelaxedPlacementTests {
    static let corpus = SampleCorpusSearchTests.sample
    /// On the sample corpus, 14 articles match both words and more match one of them.
    static let query = "AI regulation"
    static let limit = 30

    /// The search's hits as the library gives them, for the values every format must show.
    static func results(offset: Int = 0, limit: Int = limit) throws -> SearchResults {
        try SearchEngine(database: corpus.database).search(
            SearchRequest(
                query: try SearchQuery(query, analyzer: corpus.analyzer), limit: limit, offset: offset,
                ranking: RankingFormula(now: IndexedCorpus.now)))
    }

    @Test func theQueryRelaxes() throws {
        let hits = try Self.results().hits
        #expect(hits.contains { $0.isRelaxed })
        #expect(hits.contains { !$0.isRelaxed })
        #expect(hits.map(\.isRelaxed) == hits.map(\.isRelaxed).sorted { !$0 && $1 }, "every full match comes first")
    }

    /// The (score, relaxed) of each hit, read back from a format's output as a reader would.
    static func scores(_ format: HitListFormat, _ output: String) throws -> [(score: Double, relaxed: Bool?)] {
        switch format {
        case .text:
            // "   2026-11-09 · AI Brief Daily · … · score 0.623"; relaxed ranks are "15.~".
            let lines = output.split(separator: "\n").map(String.init)
            let ranks = lines.compactMap { line -> Bool? in
                let mark = line.drop(while: \.isNumber)
                guard mark.count < line.count else { return nil }
                return mark.hasPrefix(".~ ") ? true : mark.hasPrefix(". ") ? false : nil
            }
            let scores = try lines.compactMap { line -> Double? in
                guard let range = line.range(of: " · score ") ?? (line.hasPrefix("   score ") ? line.range(of: "   score ") : nil)
                else { return nil }
                return try #require(Double(line[range.upperBound...]))
            }
            try #require(ranks.count == scores.count)
            return zip(scores, ranks).map { ($0, $1) }
        case .json:
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let hits = try #require(document["hits"] as? [[String: Any]])
            return try hits.map { (try #require($0["score"] as? Double), $0["relaxed"] as? Bool) }
        case .jsonl:
            return try output.split(separator: "\n").map {
                let hit = try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
                return (try #require(hit["score"] as? Double), hit["relaxed"] as? Bool)
            }
        case .csv, .tsv:
            let records = try RFC4180Reader(delimiter: format == .csv ? "," : "\t").records(output)
            let header = try #require(records.first)
            let score = try #require(header.firstIndex(of: "score"))
            let relaxed = try #require(header.firstIndex(of: "relaxed"), "a relaxed column")
            return try records.dropFirst().map { row in
                (try #require(Double(row[score])), try #require(["true": true, "false": false][row[relaxed]]))
            }
        case .trec:
            return try output.split(separator: "\n").map { line in
                (try #require(Double(line.split(separator: " ")[4])), nil)
            }
        case .markdown:
            return [] // no scores: a digest for people
        }
    }

    @Test(arguments: HitListFormat.allCases.filter { $0 != .markdown })
    func scoresNeverRiseDownTheListInEveryFormat(format: HitListFormat) throws {
        let outcome = try CommandLineTests().run(
            [
                "search", Self.query, "--db", Self.corpus.database.path, "--now", "2026-11-28",
                "--limit", String(Self.limit), "--format", format.rawValue,
            ],
            environment: ["NO_COLOR": "1"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let read = try Self.scores(format, outcome.stdout)
        let expected = try Self.results().hits
        #expect(read.count == expected.count)
        let scores = read.map(\.score)
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 }, "\(scores)")
        if format != .trec {
            #expect(read.map(\.relaxed) == expected.map(\.isRelaxed), "the relaxed hits are marked")
        }
        // Ordering by score, as trec_eval does (ties by id), gives the printed ranking.
        let ids = expected.map(\.id)
        let byScore = zip(ids, expected.map(\.score)).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        #expect(byScore == ids)
    }

    @Test func aBatchPlacesRelaxedScoresTheSameWay() throws {
        let lines = "1\t\(Self.query)\n2\tchips export profits\n"
        var output = ""
        _ = try BatchSearch(
            engine: SearchEngine(database: Self.corpus.database),
            defaults: BatchSearch.Defaults(limit: Self.limit, ranking: RankingFormula(now: IndexedCorpus.now))
        )
        .run(BatchQueryReader.read(lines).queries, writer: HitListFormat.trec.writer(), write: { output += $0 })
        for qid in ["1", "2"] {
            let scores = output.split(separator: "\n").map { $0.split(separator: " ") }.filter { $0[0] == qid }.compactMap {
                Double($0[4])
            }
            #expect(!scores.isEmpty)
            #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 }, "\(qid): \(scores)")
        }
        #expect(
            output.split(separator: "\n").filter { $0.hasPrefix("1 ") }.map { String($0) }
                == (try HitListFormat.trec.writer().document([AnsweredQuery(qid: "1", results: try Self.results())]))
                .split(separator: "\n").map { String($0) })
    }

    /// A hit has the same rank and score on every page: pages of any size put together are
    /// the list of one page.
    @Test(arguments: [1, 3, 4, 7])
    func pagesPutTogetherAreTheWholeList(pageSize: Int) throws {
        let whole = try Self.results().hits
        var paged: [SearchHit] = []
        for offset in stride(from: 0, to: Self.limit, by: pageSize) {
            paged += try Self.results(offset: offset, limit: min(pageSize, Self.limit - offset)).hits
        }
        #expect(paged.map(\.id) == whole.map(\.id))
        #expect(paged.map(\.rank) == whole.map(\.rank))
        #expect(paged.map(\.score) == whole.map(\.score))
        #expect(paged.map(\.isRelaxed) == whole.map(\.isRelaxed))
    }

    @Test func theExplanationShowsThePlacement() throws {
        let results = try SearchEngine(database: Self.corpus.database).search(
            SearchRequest(
                query: try SearchQuery(Self.query, analyzer: Self.corpus.analyzer), limit: Self.limit,
                ranking: RankingFormula(now: IndexedCorpus.now), explain: true))
        let lastFull = try #require(results.hits.last { !$0.isRelaxed })
        let relaxed = try #require(results.hits.first { $0.isRelaxed })
        let explanation = try #require(relaxed.explanation)
        #expect(explanation.value == relaxed.score)
        let own = try #require(explanation.children.first)
        #expect(own.name == "relaxed score")
        #expect(RelaxedScorePlacement(ceiling: lastFull.score).score(own.value) == relaxed.score)
        #expect(results.hits.first { !$0.isRelaxed }?.explanation?.name == "score")
    }

    @Test(arguments: [0.0, 0.1, 0.6, 0.62, 5, 100])
    func aPlacedScoreStaysBelowTheCeilingInOrder(score: Double) {
        let placement = RelaxedScorePlacement(ceiling: 0.62)
        #expect(placement.score(score) < 0.62)
        #expect(placement.score(score) <= placement.score(score + 0.01))
        #expect(placement.score(score) < placement.score(score + 0.01))
        #expect(RelaxedScorePlacement(ceiling: nil).score(score) == score)
    }
}
