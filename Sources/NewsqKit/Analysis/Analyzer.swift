/// The text analysis pipeline shared by documents and queries: ICU word segmentation, folding
/// of each word (see `TokenFolder`), and Chinese characters turned into position-per-character
/// tokens (see `HanRun`). Punctuation and symbols are dropped; numbers kept.
///
/// For example:
///
/// ```swift
/// let analyzer = try Analyzer()
/// analyzer.tokens(in: "China’s AI rules").map(\.text)   // ["china", "ai", "rules"]
/// analyzer.tokens(in: "监管政策", mode: .query).map(\.text)   // ["监管", "管政", "政策"]
/// ```
///
/// Not thread-safe (it owns ICU iterators): create one per thread or per database connection.
public final class Analyzer {
    /// A query string that starts with this character asks for dictionary words rather than
    /// character pairs: `"\u{E000}中国"` matches articles where 中国 was segmented as a word.
    public static let wordQueryMarker: Unicode.Scalar = "\u{E000}"

    let segmenter: WordSegmenter
    private let folder: TokenFolder
    private var han = HanRun()

    public init() throws(AnalysisError) {
        segmenter = try WordSegmenter()
        folder = try TokenFolder()
    }

    /// Walks the tokens of UTF-8 `text` in position order, without allocating per token.
    /// Return `false` from `body` to stop early.
    public func forEachToken(
        in text: UnsafeBufferPointer<UInt8>, mode: AnalysisMode = .document,
        _ body: (TokenView) -> Bool
    ) {
        switch mode {
        case .document: walk(text, mode: .document, body)
        case .query: forEachQueryToken(in: text, body)
        }
    }

    /// The original text of the character that the analysis of query `text` leaves out at its
    /// end, implied by the pair before it (see `HanRun`); nil when it leaves out none. A
    /// highlight must ask for it, or only the pair's first character would be marked.
    public func omittedLastCharacter(ofQuery text: String) -> String? {
        var text = text
        return text.withUTF8 { utf8 in
            forEachQueryToken(in: utf8) { _ in true }.map {
                String(decoding: UnsafeBufferPointer(rebasing: utf8[$0]), as: UTF8.self)
            }
        }
    }

    /// Query tokens, with a character implied by the pair before it held back until another
    /// token follows; returns the byte range of the one left out at the end, if any.
    @discardableResult
    private func forEachQueryToken(in text: UnsafeBufferPointer<UInt8>, _ body: (TokenView) -> Bool) -> Range<Int>? {
        var held: (folded: [UInt8], start: Int, end: Int)?
        var going = true
        walk(text, mode: .query) { token in
            if let character = held {
                held = nil
                going = character.folded.withUnsafeBufferPointer {
                    body(
                        TokenView(folded: $0, start: character.start, end: character.end, kind: .ideographic, isColocated: false))
                }
                guard going else { return false }
            }
            if token.isImpliedByPair {
                held = (Array(token.folded), token.start, token.end)
                return true
            }
            going = body(token)
            return going
        }
        return going ? held.map { $0.start..<$0.end } : nil
    }

    private func walk(_ text: UnsafeBufferPointer<UInt8>, mode: AnalysisMode, _ body: (TokenView) -> Bool) {
        let wordsOnly = mode == .query && Self.startsWithWordQueryMarker(text)
        var going = true
        var numberEnd = -1
        segmenter.forEachWord(in: text) { start, end, kind in
            let word = UnsafeBufferPointer(rebasing: text[start..<end])
            // A unit sign is a token only right after a number: `10%`, not `%` alone.
            if kind == .unit, numberEnd != start { return true }
            numberEnd = kind == .number ? end : -1
            if kind == .ideographic {
                if !han.isEmpty, han.end != start { going = flush(mode: mode, wordsOnly: wordsOnly, body) }
                han.append(word: word, start: start, folder: folder)
                return going
            }
            if !han.isEmpty { going = flush(mode: mode, wordsOnly: wordsOnly, body) }
            guard going else { return false }
            let folded = folder.fold(word, kind: kind)
            guard !folded.isEmpty else { return true }
            going = body(TokenView(folded: folded, start: start, end: end, kind: kind, isColocated: false))
            return going
        }
        if going, !han.isEmpty { _ = flush(mode: mode, wordsOnly: wordsOnly, body) }
        if !han.isEmpty { han = HanRun() }
    }

    private func flush(mode: AnalysisMode, wordsOnly: Bool, _ body: (TokenView) -> Bool) -> Bool {
        wordsOnly ? han.flushWords(body) : han.flush(mode: mode, body)
    }

    private static func startsWithWordQueryMarker(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count >= 3 && text[0] == 0xEE && text[1] == 0x80 && text[2] == 0x80
    }

    /// The tokens of `text`, with positions and byte offsets into its UTF-8 form.
    public func tokens(in text: String, mode: AnalysisMode = .document) -> [Token] {
        var text = text
        return text.withUTF8 { utf8 in
            var tokens: [Token] = []
            var position = -1
            forEachToken(in: utf8, mode: mode) { view in
                if !view.isColocated { position += 1 }
                tokens.append(
                    Token(
                        text: String(decoding: view.folded, as: UTF8.self),
                        start: view.start, end: view.end, kind: view.kind, position: max(position, 0),
                        isColocated: view.isColocated))
                return true
            }
            return tokens
        }
    }

    /// ICU's segmentation of `text` as it is, punctuation included and spaces left out: the
    /// words the dictionary segmenter sees, for measuring it against gold segmentations.
    public func segmentation(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { utf8 in
            segmenter.segments(of: utf8).compactMap { range in
                let segment = String(decoding: UnsafeBufferPointer(rebasing: utf8[range]), as: UTF8.self)
                return segment.allSatisfy(\.isWhitespace) ? nil : segment
            }
        }
    }

    /// Whether `text` holds anything searchable at all.
    public func hasTokens(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var found = false
            forEachToken(in: utf8, mode: .query) { _ in
                found = true
                return false
            }
            return found
        }
    }

    /// Whether `text` is one Chinese dictionary word of two or more characters, which a query
    /// can then also ask for as a word (see `wordQueryMarker`).
    public func isSingleChineseWord(_ text: String) -> Bool {
        let tokens = tokens(in: text, mode: .document)
        let words = tokens.filter { $0.text.utf8.first == HanRun.wordMarker }
        guard words.count == 1, let word = words.first else { return false }
        return word.start == tokens.first?.start && word.end == tokens.last?.end
            && !tokens.contains { $0.kind != .ideographic }
    }
}
