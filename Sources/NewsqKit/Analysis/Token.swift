/// A word of the analysed text in its search form, with the bytes of the original it came from.
///
/// `start..<end` are UTF-8 byte offsets into the analysed text and never change through the
/// pipeline, so a highlight of the token marks exactly the original characters.
public struct Token: Sendable, Equatable, CustomStringConvertible {
    /// The folded form that is indexed and matched.
    public var text: String
    public var start: Int
    public var end: Int
    public var kind: WordKind
    /// The token's position: 0 for the first word, +1 for each word after; a colocated token
    /// shares the position of the token before it.
    public var position: Int
    /// Whether the token stands at the same position as the one before (an alternative form).
    public var isColocated: Bool

    public init(text: String, start: Int, end: Int, kind: WordKind, position: Int, isColocated: Bool = false) {
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.position = position
        self.isColocated = isColocated
    }

    /// The token's text for display: the word marker shown as `w:`.
    public var displayText: String {
        text.utf8.first == HanRun.wordMarker ? "w:" + text.dropFirst() : text
    }

    public var description: String { "\(displayText)@\(position)\(isColocated ? "+" : "")[\(start)..<\(end)]" }
}

/// A token as the analyser hands it out while it walks a text: the folded bytes live only
/// for the duration of the callback, which spares an allocation per word on the indexing path.
public struct TokenView {
    public let folded: UnsafeBufferPointer<UInt8>
    public let start: Int
    public let end: Int
    public let kind: WordKind
    public let isColocated: Bool
    /// In a query, a Chinese run's last character after its last pair, which that pair already
    /// implies: the analyser leaves it out when no token follows it (see `HanRun`).
    var isImpliedByPair = false
}
