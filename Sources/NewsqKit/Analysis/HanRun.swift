import CNewsqICU

/// A run of adjacent Chinese characters, turned into tokens that make Chinese search find
/// every occurrence of a query, however the dictionary segmenter happened to cut the text.
///
/// Each character has its own position. A document gets, at character `i`:
/// - the character itself (the main token, so highlights cover exactly the matched characters),
/// - the pair `c[i] c[i+1]`, colocated,
/// - each dictionary word of two or more characters that starts at `i`, colocated and prefixed
///   with `wordMarker`, so articles where the query is a real word can rank higher.
///
/// A query run `c[0] … c[n-1]` asks for the pairs at positions 0…n−2 and the character `c[n-1]`
/// at n−1 (a single character asks for itself). That phrase matches exactly where the characters
/// stand together in the text: ICU's segmentation (`人工智能` → 人工 + 智能, `发展中国家`) no
/// longer decides what is found. The last character is implied by the last pair (a document
/// holds it right after every pair that ends with it), so when no token follows it in the query
/// the analyser leaves it out (`TokenView.isImpliedByPair`): a single character is in far more
/// articles than any pair, and matching it was most of the work of a Chinese query.
struct HanRun {
    /// Starts word tokens, which no pair or character can ever equal.
    static let wordMarker: UInt8 = 0x01

    private struct Character {
        var start: Int
        var end: Int
        var foldedOffset: Int
        var foldedLength: Int
    }

    private var characters: [Character] = []
    private var folded: [UInt8] = []
    /// Dictionary words of two or more characters, as character index ranges.
    private var words: [Range<Int>] = []
    private var scratch: [UInt8] = []
    /// The byte just past the run, to tell whether the next ideographic word continues it.
    private(set) var end = -1

    var isEmpty: Bool { characters.isEmpty }

    /// Adds a dictionary word found by the segmenter, with each of its characters folded.
    mutating func append(word: UnsafeBufferPointer<UInt8>, start: Int, folder: TokenFolder) {
        let first = characters.count
        var offset = 0
        while offset < word.count {
            let length = Self.scalarLength(word[offset])
            let character = UnsafeBufferPointer(rebasing: word[offset..<min(offset + length, word.count)])
            let foldedOffset = folded.count
            folder.foldHan(character) { folded.append(contentsOf: $0) }
            characters.append(
                Character(
                    start: start + offset, end: start + offset + character.count,
                    foldedOffset: foldedOffset, foldedLength: folded.count - foldedOffset))
            offset += length
        }
        if characters.count - first >= 2 { words.append(first..<characters.count) }
        end = start + word.count
    }

    /// Hands out the run's tokens in position order, then empties the run.
    mutating func flush(mode: AnalysisMode, _ body: (TokenView) -> Bool) -> Bool {
        defer { reset() }
        switch mode {
        case .document: return emitDocument(body)
        case .query: return emitQuery(body)
        }
    }

    private mutating func emitDocument(_ body: (TokenView) -> Bool) -> Bool {
        var nextWord = 0
        for index in characters.indices {
            guard emit(index..<index + 1, colocated: false, body) else { return false }
            if index + 1 < characters.count {
                guard emit(index..<index + 2, colocated: true, body) else { return false }
            }
            while nextWord < words.count, words[nextWord].lowerBound == index {
                guard emit(words[nextWord], colocated: true, marked: true, body) else { return false }
                nextWord += 1
            }
        }
        return true
    }

    private mutating func emitQuery(_ body: (TokenView) -> Bool) -> Bool {
        let count = characters.count
        if count >= 2 {
            for index in 0..<(count - 1) {
                guard emit(index..<index + 2, colocated: false, body) else { return false }
            }
        }
        return emit((count - 1)..<count, colocated: false, impliedByPair: count >= 2, body)
    }

    /// Emits the dictionary words of the run as word tokens (for queries that ask for a real word).
    mutating func flushWords(_ body: (TokenView) -> Bool) -> Bool {
        defer { reset() }
        for word in words {
            guard emit(word, colocated: false, marked: true, body) else { return false }
        }
        return true
    }

    private mutating func reset() {
        characters.removeAll(keepingCapacity: true)
        folded.removeAll(keepingCapacity: true)
        words.removeAll(keepingCapacity: true)
        end = -1
    }

    private mutating func emit(
        _ range: Range<Int>, colocated: Bool, marked: Bool = false, impliedByPair: Bool = false,
        _ body: (TokenView) -> Bool
    ) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        if marked { scratch.append(Self.wordMarker) }
        for index in range {
            let character = characters[index]
            scratch.append(contentsOf: folded[character.foldedOffset..<character.foldedOffset + character.foldedLength])
        }
        let start = characters[range.lowerBound].start
        let end = characters[range.upperBound - 1].end
        return scratch.withUnsafeBufferPointer { bytes in
            body(
                TokenView(
                    folded: bytes, start: start, end: end, kind: .ideographic, isColocated: colocated,
                    isImpliedByPair: impliedByPair))
        }
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
