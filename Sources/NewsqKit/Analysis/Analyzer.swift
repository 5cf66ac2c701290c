/// The text analysis pipeline shared by documents and queries: ICU word segmentation, then
/// folding of each word (see `TokenFolder`). Punctuation and symbols are dropped; numbers kept.
///
/// For example:
///
/// ```swift
/// let analyzer = try Analyzer()
/// analyzer.tokens(in: "China’s AI监管").map(\.text)   // ["china", "ai", "监管"]
/// ```
///
/// Not thread-safe (it owns ICU iterators): create one per thread or per database connection.
public final class Analyzer {
    private let segmenter: WordSegmenter
    private let folder: TokenFolder

    public init() throws(AnalysisError) {
        segmenter = try WordSegmenter()
        folder = try TokenFolder()
    }

    /// Walks the tokens of UTF-8 `text` in order, without allocating per token.
    /// Return `false` from `body` to stop early.
    public func forEachToken(in text: UnsafeBufferPointer<UInt8>, _ body: (TokenView) -> Bool) {
        segmenter.forEachWord(in: text) { start, end, kind in
            let word = UnsafeBufferPointer(rebasing: text[start..<end])
            let folded = folder.fold(word, kind: kind)
            guard !folded.isEmpty else { return true }
            return body(TokenView(folded: folded, start: start, end: end, kind: kind))
        }
    }

    /// The tokens of `text`, with positions and byte offsets into its UTF-8 form.
    public func tokens(in text: String) -> [Token] {
        var text = text
        return text.withUTF8 { utf8 in
            var tokens: [Token] = []
            forEachToken(in: utf8) { view in
                tokens.append(Token(
                    text: String(decoding: view.folded, as: UTF8.self),
                    start: view.start, end: view.end, kind: view.kind, position: tokens.count))
                return true
            }
            return tokens
        }
    }

    /// Whether `text` holds anything searchable at all.
    public func hasTokens(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var found = false
            forEachToken(in: utf8) { _ in
                found = true
                return false
            }
            return found
        }
    }
}
