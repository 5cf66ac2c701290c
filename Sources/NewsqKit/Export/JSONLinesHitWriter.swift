import Foundation

/// The `jsonl` format (JSON Lines): one hit per line, the hit object of `SearchResultsJSON`
/// plus the `query` it answers and its `qid` when there is one, so each line stands alone
/// (`grep`, `jq -c`, a data frame loader). A search without hits writes no line.
struct JSONLinesHitWriter: HitListWriter {
    func entry(_ search: AnsweredQuery, index: Int) throws -> String {
        let encoder = SearchResultsJSON.encoder(pretty: false)
        var output = ""
        for hit in search.results.hits {
            var line = SearchResultsJSON.Hit(hit)
            line.qid = search.qid
            line.query = search.results.query
            output += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
        }
        return output
    }
}
