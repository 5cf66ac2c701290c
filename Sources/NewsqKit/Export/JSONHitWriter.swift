import Foundation

/// The `json` format: one `SearchResultsJSON` document for a search, pretty-printed; for a
/// batch, one document `{"version": 1, "searches": [...]}` with a compact search per line, so
/// it stays one JSON value yet can be read with line tools.
struct JSONHitWriter: HitListWriter {
    let batch: Bool

    func header() -> String {
        batch ? "{\"version\":\(SearchResultsJSON.schemaVersion),\"searches\":[\n" : ""
    }

    func entry(_ search: AnsweredQuery, index: Int) throws -> String {
        let data = try SearchResultsJSON.encode(search.results, qid: search.qid, pretty: !batch)
        let json = String(decoding: data, as: UTF8.self)
        guard batch else { return json + "\n" }
        return (index == 0 ? "" : ",\n") + json
    }

    func footer() -> String {
        batch ? "\n]}\n" : ""
    }
}
