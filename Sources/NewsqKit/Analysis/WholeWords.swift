extension Analyzer {
    /// Bytes of context segmented on each side of an edge: 16 Chinese characters, longer than
    /// any dictionary word, so the word around the edge is cut as it is in the whole text.
    static let edgeContext = 48

    /// `range` (UTF-8 byte offsets into `text`) widened so that it neither starts nor ends
    /// inside a word. FTS5 cuts a snippet between two tokens, and a Chinese word is several
    /// (one per character): this gives the snippet back its first and last words whole.
    /// Only the context around each edge is segmented.
    func wholeWords(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let lower = edge(range.lowerBound, in: text, movingToStart: true)
        let upper = edge(range.upperBound, in: text, movingToStart: false)
        return lower..<max(lower, upper)
    }

    /// `offset` when no word spans it, else the start (or end) of the word that does.
    private func edge(_ offset: Int, in text: UnsafeBufferPointer<UInt8>, movingToStart: Bool) -> Int {
        guard offset > 0, offset < text.count else { return offset }
        // The window starts and ends on character boundaries (not on UTF-8 continuation bytes).
        var from = max(0, offset - Self.edgeContext)
        while from > 0, text[from] & 0xC0 == 0x80 { from -= 1 }
        var to = min(text.count, offset + Self.edgeContext)
        while to < text.count, text[to] & 0xC0 == 0x80 { to += 1 }
        for segment in segmenter.segments(of: UnsafeBufferPointer(rebasing: text[from..<to])) {
            let start = from + segment.lowerBound
            let end = from + segment.upperBound
            if start >= offset { break }
            if offset < end { return movingToStart ? start : end }
        }
        return offset
    }
}
