import CNewsqICU

/// Folds a word to the form that is indexed and matched, the same for documents and queries:
/// NFKC case folding (`ＡＩ` → `ai`, `Straße` → `strasse`), diacritics removed (`café` → `cafe`),
/// traditional Chinese mapped to simplified (`監管` → `监管`), English possessives dropped
/// (`China’s` → `china`) and apostrophes and dots inside words removed (`U.S.` → `us`).
///
/// ASCII words, most of English text, take a fast path that never calls ICU.
/// Not thread-safe: it owns ICU state and a scratch buffer.
final class TokenFolder {
    /// Words longer than this are cut (at a character boundary): nothing real is that long,
    /// and hostile input must not make the index hold megabyte-sized terms.
    static let maximumTokenBytes = 200

    private let folder: OpaquePointer
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init() throws(AnalysisError) {
        guard let folder = nq_folder_create() else {
            throw .icuUnavailable(component: "Unicode normalizer")
        }
        self.folder = folder
        capacity = 256
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        nq_folder_destroy(folder)
        buffer.deallocate()
    }

    /// Folds `word`; the result is valid until the next call.
    func fold(_ word: UnsafeBufferPointer<UInt8>, kind: WordKind) -> UnsafeBufferPointer<UInt8> {
        var length = word.allSatisfy { $0 < 0x80 } ? foldASCII(word) : foldUnicode(word)
        if kind == .letter { length = removeInnerPunctuation(length) }
        return UnsafeBufferPointer(start: buffer, count: truncated(length))
    }

    /// Folds one Chinese character, handing its folded UTF-8 to `body`. Characters of the
    /// main CJK blocks only need the traditional → simplified table (NFKC leaves them alone),
    /// which spares an ICU call per character.
    func foldHan(_ character: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if character.count == 3 {
            let scalar = UInt32(character[0] & 0x0F) << 12 | UInt32(character[1] & 0x3F) << 6 | UInt32(character[2] & 0x3F)
            if (0x3400...0x9FFF).contains(scalar) || scalar == 0x25CB {
                // ○ (a circle) is how Chinese text often writes 〇, the ideographic zero.
                let mapped = scalar == 0x25CB ? 0x3007 : nq_simplified_han(scalar)
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3) { bytes in
                    bytes[0] = 0xE0 | UInt8(mapped >> 12)
                    bytes[1] = 0x80 | UInt8((mapped >> 6) & 0x3F)
                    bytes[2] = 0x80 | UInt8(mapped & 0x3F)
                    body(UnsafeBufferPointer(bytes))
                }
                return
            }
        }
        body(UnsafeBufferPointer(start: buffer, count: foldUnicode(character)))
    }

    private func foldASCII(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        reserve(word.count)
        for (index, byte) in word.enumerated() {
            buffer[index] = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
        }
        return word.count
    }

    private func foldUnicode(_ word: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = word.baseAddress else { return 0 }
        reserve(word.count * 3 + 8)
        while true {
            let written = base.withMemoryRebound(to: CChar.self, capacity: word.count) { input in
                buffer.withMemoryRebound(to: CChar.self, capacity: capacity) { output in
                    nq_fold(folder, input, Int32(word.count), output, Int32(capacity))
                }
            }
            if written >= 0 { return Int(written) }
            if written == Int32.min { return foldASCII(word) }
            reserve(Int(-written))
        }
    }

    /// Drops a possessive `'s`/`’s`, then apostrophes and dots inside the word, so that
    /// `China’s`, `don't` and `U.S.` match `china`, `dont` and `us` however they are typed.
    private func removeInnerPunctuation(_ length: Int) -> Int {
        var length = length
        if length >= 2, buffer[length - 1] == UInt8(ascii: "s") {
            if buffer[length - 2] == UInt8(ascii: "'") {
                length -= 2
            } else if length >= 4, buffer[length - 4] == 0xE2, buffer[length - 3] == 0x80, buffer[length - 2] == 0x99 {
                length -= 4
            }
        }
        var kept = 0
        var index = 0
        while index < length {
            let byte = buffer[index]
            if byte == UInt8(ascii: "'") || byte == UInt8(ascii: ".") {
                index += 1
                continue
            }
            if byte == 0xE2, index + 2 < length, buffer[index + 1] == 0x80, buffer[index + 2] == 0x99 {
                index += 3
                continue
            }
            buffer[kept] = byte
            kept += 1
            index += 1
        }
        return kept
    }

    private func truncated(_ length: Int) -> Int {
        guard length > Self.maximumTokenBytes else { return length }
        var cut = Self.maximumTokenBytes
        while cut > 0, buffer[cut] & 0xC0 == 0x80 { cut -= 1 }
        return cut
    }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        buffer.deallocate()
        capacity = max(needed, capacity * 2)
        buffer = .allocate(capacity: capacity)
    }
}
