import CNewsqICU

/// Splits UTF-8 text into words with ICU's word-break rules and dictionaries (Chinese,
/// Japanese, Thai, ...), skipping spaces, punctuation and symbols.
///
/// Not thread-safe: an ICU break iterator keeps its position, so each thread owns a segmenter.
final class WordSegmenter {
    fileprivate let breaker: OpaquePointer

    init() throws(AnalysisError) {
        guard let breaker = nq_word_breaker_create() else {
            throw .icuUnavailable(component: "word break iterator")
        }
        self.breaker = breaker
    }

    deinit { nq_word_breaker_destroy(breaker) }

    /// Calls `body` with the byte range and kind of each word of `text`, in order.
    func forEachWord(
        in text: UnsafeBufferPointer<UInt8>,
        _ body: (_ start: Int, _ end: Int, _ kind: WordKind) -> Bool
    ) {
        guard let base = text.baseAddress, text.count > 0, text.count <= Int(Int32.max) else { return }
        let status = base.withMemoryRebound(to: CChar.self, capacity: text.count) {
            nq_word_breaker_set_text(breaker, $0, Int32(text.count))
        }
        guard status == 0 else { return }
        var start: Int32 = 0, end: Int32 = 0, kind: Int32 = 0
        while nq_word_breaker_next(breaker, &start, &end, &kind) == 1 {
            guard body(Int(start), Int(end), WordKind(icuKind: kind)) else { return }
        }
    }
}

extension WordSegmenter {
    /// Every segment of `text`, punctuation and spaces included, as byte ranges.
    func segments(of text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = text.baseAddress, text.count > 0, text.count <= Int(Int32.max) else { return [] }
        let status = base.withMemoryRebound(to: CChar.self, capacity: text.count) {
            nq_word_breaker_set_text(breaker, $0, Int32(text.count))
        }
        guard status == 0 else { return [] }
        var ranges: [Range<Int>] = []
        var start: Int32 = 0, end: Int32 = 0
        while nq_word_breaker_next_segment(breaker, &start, &end) == 1 {
            ranges.append(Int(start)..<Int(end))
        }
        return ranges
    }
}

extension WordKind {
    init(icuKind: Int32) {
        switch Int(icuKind) {
        case Int(NQ_WORD_NUMBER): self = .number
        case Int(NQ_WORD_KANA): self = .kana
        case Int(NQ_WORD_IDEOGRAPHIC): self = .ideographic
        case Int(NQ_WORD_UNIT): self = .unit
        default: self = .letter
        }
    }
}
