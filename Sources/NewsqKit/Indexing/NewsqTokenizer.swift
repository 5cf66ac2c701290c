import GRDB

/// The `newsq` FTS5 tokenizer: hands SQLite the tokens of the analysis pipeline, so documents
/// and queries are analysed exactly alike and `highlight()`/`snippet()` mark original bytes.
///
/// Tables use it under FTS5's `porter` stemmer: `tokenize='porter newsq'`.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#custom_tokenizers>
final class NewsqTokenizer: FTS5CustomTokenizer {
    static let name = "newsq"

    /// SQLite creates one tokenizer per table and connection and uses it from that
    /// connection's thread only, which is what the analyzer's ICU state requires.
    private let analyzer: Analyzer

    init(db: Database, arguments: [String]) throws {
        analyzer = try Analyzer()
    }

    func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }
        // Highlights and snippets (aux) re-tokenize documents, so they must see document tokens.
        let mode: AnalysisMode = tokenization.contains(.query) || tokenization.contains(.prefix) ? .query : .document
        var status: CInt = 0  // SQLITE_OK
        let emit = { (token: TokenView) -> Bool in
            let flags = token.isColocated ? FTS5TokenFlags.colocated.rawValue : 0
            token.folded.withMemoryRebound(to: CChar.self) { folded in
                status = tokenCallback(
                    context, flags, folded.baseAddress, CInt(folded.count), CInt(token.start), CInt(token.end))
            }
            return status == 0
        }
        pText.withMemoryRebound(to: UInt8.self, capacity: Int(nText)) { base in
            let text = UnsafeBufferPointer(start: base, count: Int(nText))
            // Rows the indexer writes were analysed ahead on its worker threads.
            if tokenization.contains(.document), let prepared = TokenReplay.shared.analysis(of: text) {
                prepared.forEachToken(emit)
            } else {
                analyzer.forEachToken(in: text, mode: mode, emit)
            }
        }
        return status
    }
}
