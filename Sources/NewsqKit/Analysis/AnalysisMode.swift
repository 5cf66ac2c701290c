/// Whether text is analysed as a document to index or as a query to match.
///
/// Chinese text gives different tokens in each: a document indexes every character, every
/// character pair and every dictionary word; a query asks for the pairs of what was typed (and a
/// last character that a token follows), which match wherever the characters stand together
/// (see `HanRun`).
public enum AnalysisMode: Sendable {
    case document
    case query
}
