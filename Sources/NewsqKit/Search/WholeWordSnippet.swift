import Foundation

/// FTS5's `snippet()` output with its first and last words made whole.
///
/// FTS5 cuts a snippet between two tokens, and a Chinese word is a token per character (with
/// pairs and the word beside them), so a snippet could start or end in the middle of a word:
/// `…庆香港回归祖国马万祺全国政协[副主席]抓住机遇迎接挑…`. The cut text is found again in the
/// column it came from and widened to word boundaries (`Analyzer.wholeWords`): `…国庆香港…迎接挑战…`.
enum WholeWordSnippet {
    static let ellipsis = "…"

    /// `marked` (a snippet of `column`, with highlight marks and `ellipsis` where it was cut)
    /// with the words at its cuts made whole; unchanged when it was not cut, or cannot be found.
    static func widen(_ marked: String?, in column: String?, analyzer: Analyzer) -> String? {
        guard let marked, var column else { return marked }
        let cutBefore = marked.hasPrefix(ellipsis)
        let cutAfter = marked.hasSuffix(ellipsis) && marked.count > 1
        guard cutBefore || cutAfter else { return marked }
        var inner = Substring(marked)
        if cutBefore { inner = inner.dropFirst() }
        if cutAfter { inner = inner.dropLast() }
        var plain = String(inner.filter { $0 != Character(SearchEngine.openMark) && $0 != Character(SearchEngine.closeMark) })
        guard !plain.isEmpty else { return marked }
        return column.withUTF8 { text -> String in
            guard let start = plain.withUTF8({ firstOffset(of: $0, in: text) }) else { return marked }
            let cut = start..<(start + plain.utf8.count)
            let whole = analyzer.wholeWords(cut, in: text)
            var before = String(decoding: UnsafeBufferPointer(rebasing: text[whole.lowerBound..<cut.lowerBound]), as: UTF8.self)
            var after = String(decoding: UnsafeBufferPointer(rebasing: text[cut.upperBound..<whole.upperBound]), as: UTF8.self)
            var middle = String(inner)
            // A cut inside a matched word: the rest of the word is highlighted with it.
            if !before.isEmpty, middle.hasPrefix(SearchEngine.openMark) {
                middle = SearchEngine.openMark + before + middle.dropFirst()
                before = ""
            }
            if !after.isEmpty, middle.hasSuffix(SearchEngine.closeMark) {
                middle = middle.dropLast() + after + SearchEngine.closeMark
                after = ""
            }
            return (cutBefore && whole.lowerBound > 0 ? ellipsis : "") + before + middle + after
                + (cutAfter && whole.upperBound < text.count ? ellipsis : "")
        }
    }

    /// The byte offset of the first `needle` in `text`: the snippet is a slice of the column's
    /// bytes, so bytes are compared rather than characters (Foundation's `range(of:)`).
    static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, needle.count <= text.count else { return nil }
        var offset = 0
        while offset <= text.count - needle.count {
            guard let next = text[offset...(text.count - needle.count)].firstIndex(of: first) else { return nil }
            if memcmp(text.baseAddress! + next, needle.baseAddress!, needle.count) == 0 { return next }
            offset = next + 1
        }
        return nil
    }
}
