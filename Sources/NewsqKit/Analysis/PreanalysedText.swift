import Foundation

/// A text's document tokens, computed once so that they can be handed out again later without
/// running ICU a second time: the indexer's workers analyse articles on every core while the
/// single writer feeds SQLite, whose tokenizer then replays these tokens.
public struct PreanalysedText: Sendable {
    /// The text the tokens were computed from; a replay is only valid for exactly these bytes.
    public let text: String

    private struct Record: Sendable {
        let foldedEnd: UInt32
        let start: UInt32
        let end: UInt32
        let kind: WordKind
        let isColocated: Bool
    }

    /// Every token's folded bytes, back to back; `records` say where each one ends.
    private var folded: [UInt8] = []
    private var records: [Record] = []

    /// Analyses `text` as a document with `analyzer`.
    public init(_ text: String, analyzer: Analyzer) {
        var text = text
        self.text = text
        var folded: [UInt8] = []
        var records: [Record] = []
        folded.reserveCapacity(text.utf8.count)
        text.withUTF8 { utf8 in
            analyzer.forEachToken(in: utf8, mode: .document) { token in
                folded.append(contentsOf: token.folded)
                records.append(
                    Record(
                        foldedEnd: UInt32(folded.count), start: UInt32(token.start),
                        end: UInt32(token.end), kind: token.kind, isColocated: token.isColocated))
                return true
            }
        }
        self.folded = folded
        self.records = records
    }

    /// Whether these tokens belong to the UTF-8 bytes `bytes`.
    public func isAnalysis(of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { own in
            own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
        }
    }

    /// Walks the tokens exactly as `Analyzer.forEachToken` did in document mode.
    /// Return `false` from `body` to stop early.
    public func forEachToken(_ body: (TokenView) -> Bool) {
        folded.withUnsafeBufferPointer { bytes in
            var foldedStart = 0
            for record in records {
                let end = Int(record.foldedEnd)
                let token = TokenView(
                    folded: UnsafeBufferPointer(rebasing: bytes[foldedStart..<end]),
                    start: Int(record.start), end: Int(record.end), kind: record.kind,
                    isColocated: record.isColocated)
                foldedStart = end
                guard body(token) else { return }
            }
        }
    }

    /// How many tokens the text has.
    public var tokenCount: Int { records.count }
}
