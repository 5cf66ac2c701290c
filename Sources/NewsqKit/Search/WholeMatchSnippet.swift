/// FTS5's `snippet()` output made to show every match it touches whole and highlighted.
///
/// FTS5 chooses a window of tokens and marks the tokens of the query's phrases inside it: a
/// phrase that crosses the window's end is cut (`…中共中央总书记[江]…` for 江泽民,
/// `…domestic [interest]…` for "interest rates"), and one that starts just before its start
/// shows unmarked. Here the window is found again in the column it came from, widened until no
/// match (`MatchSpansFunction`) and no word (`Analyzer.wholeWords`) crosses its edges, and
/// marked from the matches themselves, each phrase from its first token to its last.
enum WholeMatchSnippet {
    /// Bytes past the snippet's end up to which matches are first looked for: a window rarely
    /// grows further, and when it does they are looked for in the whole column.
    static let lookahead = 1_024

    /// `marked` (FTS5's snippet of `column`, with highlight marks and an ellipsis where it was
    /// cut) with its matches whole; `spans` are the row's matches in that column, as token
    /// positions (`MatchSpansFunction`). `WholeWordSnippet.widen` when it cannot be found.
    static func snippet(_ marked: String?, in column: String?, spans: [ClosedRange<Int>], analyzer: Analyzer) -> String? {
        guard let marked, var column else { return marked }
        let ellipsis = WholeWordSnippet.ellipsis
        let cutBefore = marked.hasPrefix(ellipsis)
        let cutAfter = marked.hasSuffix(ellipsis) && marked.count > 1
        var inner = Substring(marked)
        if cutBefore { inner = inner.dropFirst() }
        if cutAfter { inner = inner.dropLast() }
        var plain = String(inner.filter { $0 != Character(SearchEngine.openMark) && $0 != Character(SearchEngine.closeMark) })
        guard !plain.isEmpty else { return marked }
        let shown = column.withUTF8 { text -> String? in
            guard let start = plain.withUTF8({ WholeWordSnippet.firstOffset(of: $0, in: text) }) else { return nil }
            let cut = start..<(start + plain.utf8.count)
            var limit = cut.upperBound + lookahead
            var matches = byteRanges(of: spans, in: text, startingBefore: limit, analyzer: analyzer)
            var window = widened(cut, toWhole: matches, in: text, analyzer: analyzer)
            if window.upperBound >= limit, limit < text.count {
                limit = text.count
                matches = byteRanges(of: spans, in: text, startingBefore: limit, analyzer: analyzer)
                window = widened(cut, toWhole: matches, in: text, analyzer: analyzer)
            }
            return (cutBefore && window.lowerBound > 0 ? ellipsis : "")
                + marking(window, of: text, with: matches)
                + (cutAfter && window.upperBound < text.count ? ellipsis : "")
        }
        return shown ?? WholeWordSnippet.widen(marked, in: column, analyzer: analyzer)
    }

    /// The byte ranges of the `spans` (token positions) that start before byte `limit`. The
    /// analyzer's positions are FTS5's: `NewsqTokenizer` hands FTS5 the same tokens.
    static func byteRanges(
        of spans: [ClosedRange<Int>], in text: UnsafeBufferPointer<UInt8>, startingBefore limit: Int,
        analyzer: Analyzer
    ) -> [Range<Int>] {
        guard let last = spans.map(\.upperBound).max() else { return [] }
        let sorted = spans.sorted { $0.lowerBound < $1.lowerBound }
        var reached = 0
        // The last position of the spans that start at a position already walked.
        var needed = -1
        var positions: [Range<Int>] = []
        analyzer.forEachToken(in: text) { token in
            guard !token.isColocated else { return true }
            let position = positions.count
            // Every span begun is complete, and those not begun start at or after `limit`.
            if position > needed, token.start >= limit { return false }
            positions.append(token.start..<token.end)
            while reached < sorted.count, sorted[reached].lowerBound <= position {
                needed = max(needed, sorted[reached].upperBound)
                reached += 1
            }
            return position < last
        }
        return sorted.compactMap { span in
            span.upperBound < positions.count
                ? positions[span.lowerBound].lowerBound..<positions[span.upperBound].upperBound : nil
        }
    }

    /// `cut` grown until no match and no word crosses its edges.
    static func widened(
        _ cut: Range<Int>, toWhole matches: [Range<Int>], in text: UnsafeBufferPointer<UInt8>,
        analyzer: Analyzer
    ) -> Range<Int> {
        var window = cut
        // Each round only grows the window; a few rounds settle any text seen.
        for _ in 0..<8 {
            var grown = window
            for match in matches where match.overlaps(grown) {
                grown = min(grown.lowerBound, match.lowerBound)..<max(grown.upperBound, match.upperBound)
            }
            grown = analyzer.wholeWords(grown, in: text)
            if grown == window { break }
            window = grown
        }
        return window
    }

    /// The text of `window` with the parts of `matches` inside it between highlight marks,
    /// overlapping matches marked as one.
    static func marking(_ window: Range<Int>, of text: UnsafeBufferPointer<UInt8>, with matches: [Range<Int>]) -> String {
        var marked: [Range<Int>] = []
        for match in matches.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = max(match.lowerBound, window.lowerBound), upper = min(match.upperBound, window.upperBound)
            guard lower < upper else { continue }
            let clipped = lower..<upper
            if let last = marked.last, clipped.lowerBound <= last.upperBound {
                marked[marked.count - 1] = last.lowerBound..<max(last.upperBound, clipped.upperBound)
            } else {
                marked.append(clipped)
            }
        }
        func slice(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
        }
        var result = ""
        var offset = window.lowerBound
        for match in marked {
            result += slice(offset..<match.lowerBound) + SearchEngine.openMark + slice(match) + SearchEngine.closeMark
            offset = match.upperBound
        }
        return result + slice(offset..<window.upperBound)
    }
}
