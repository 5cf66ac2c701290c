import Foundation

/// The `trec` format: a TREC run, the input of trec_eval and ranx. One line per hit:
///
///     qid Q0 docno rank score newsq
///
/// `docno` is the article id. The columns are separated by single spaces and the tools split on
/// any whitespace, so whitespace inside an id or `%` is percent-encoded (`%20`, `%09`, `%25`):
/// ids of files without spaces in their names, the usual case, are written unchanged. A search
/// without a query id is `1`. trec_eval orders by score and breaks ties by docno, not by rank:
/// scores never rise down a list in relevance order (relaxed matches are placed below every
/// full match, `RelaxedScorePlacement`), so it reads newsq's ranking.
struct TRECRunWriter: HitListWriter {
    /// The run tag in the last column.
    static let runTag = "newsq"

    func entry(_ search: AnsweredQuery, index: Int) throws -> String {
        let qid = Self.token(search.qid.flatMap { $0.isEmpty ? nil : $0 } ?? "1")
        return search.results.hits.map { hit in
            "\(qid) Q0 \(Self.token(hit.id)) \(hit.rank) \(String(format: "%.6f", hit.score)) \(Self.runTag)\n"
        }.joined()
    }

    /// `text` with whitespace and `%` percent-encoded, so it is one column.
    static func token(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "%" || $0.properties.isWhitespace }) else { return text }
        var encoded = ""
        for scalar in text.unicodeScalars {
            if scalar == "%" || scalar.properties.isWhitespace {
                for byte in String(scalar).utf8 { encoded += String(format: "%%%02X", byte) }
            } else {
                encoded.unicodeScalars.append(scalar)
            }
        }
        return encoded
    }
}
