/// What kind of word the segmenter found, from ICU's word-break rule status.
public enum WordKind: String, Sendable, Codable, CaseIterable {
    case number
    case letter
    case kana
    case ideographic
}
