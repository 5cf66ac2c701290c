import Foundation

/// The `csv` and `tsv` formats: a header row, then one row per hit, UTF-8.
///
/// Quoting follows RFC 4180 for both: a field holding the delimiter, a double quote, CR or LF
/// is put in double quotes, with its double quotes doubled; no other field is quoted. CSV rows
/// end in CRLF as the RFC asks; TSV rows end in LF, as line tools expect. Python's `csv` module
/// (`delimiter="\t"` for TSV), spreadsheets and data frame loaders read both back exactly.
///
/// Title and snippet are plain text (no highlight marks: a spreadsheet cell cannot show them);
/// topics are joined with `"; "`. The last column, `relaxed`, is `true` for a hit that matches
/// only some of the query's words (ranked after every full match, its score placed below
/// theirs: `RelaxedScorePlacement`), else `false`. No byte order mark unless asked for: most tools read UTF-8
/// without one and some keep it as part of the first header, while Excel needs it to tell
/// UTF-8 from the local code page (see the README).
struct CSVHitWriter: HitListWriter {
    let delimiter: Character
    let byteOrderMark: Bool

    static let columns = [
        "qid", "query", "rank", "score", "id", "title", "url", "published", "provider",
        "topics", "quality", "type", "language", "snippet", "relaxed",
    ]

    var lineEnd: String { delimiter == "," ? "\r\n" : "\n" }

    func header() -> String {
        (byteOrderMark ? "\u{FEFF}" : "") + row(Self.columns)
    }

    func entry(_ search: AnsweredQuery, index: Int) throws -> String {
        var output = ""
        for hit in search.results.hits {
            let json = SearchResultsJSON.Hit(hit) // the same score rounding and date form as json
            output += row([
                search.qid ?? "", search.results.query, String(hit.rank), String(json.score), hit.id,
                hit.title.plain, hit.url ?? "", json.published ?? "", hit.provider ?? "",
                hit.topics.joined(separator: "; "), hit.quality.map(String.init) ?? "", hit.type ?? "",
                hit.language, hit.snippet.plain, String(hit.isRelaxed),
            ])
        }
        return output
    }

    func row(_ fields: [String]) -> String {
        fields.map { Self.field($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + lineEnd
    }

    /// One field, quoted only when it must be (RFC 4180, section 2).
    static func field(_ text: String, delimiter: Character) -> String {
        let needsQuotes = text.unicodeScalars.contains {
            $0 == "\"" || $0 == "\r" || $0 == "\n" || Character($0) == delimiter
        }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
