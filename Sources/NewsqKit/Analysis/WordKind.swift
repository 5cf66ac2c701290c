/// What kind of word the segmenter found, from ICU's word-break rule status.
public enum WordKind: String, Sendable, Codable, CaseIterable {
    case number
    case letter
    case kana
    case ideographic
    /// A unit sign right after a number (`10%`), kept so `10%` does not match a bare 10.
    case unit
}
