/// Why a synonyms file cannot be used. Each case reads as a sentence for the user.
public enum SynonymError: Error, Equatable, CustomStringConvertible {
    case missing(path: String)
    case unreadable(path: String, reason: String)
    case notText(path: String)
    /// A line whose group has fewer than two searchable forms.
    case loneForm(path: String, line: Int)
    /// A form that is already in another group: a word expands to one group only.
    case inTwoGroups(path: String, line: Int, form: String, firstLine: Int)

    public var description: String {
        switch self {
        case .missing(let path): "there is no synonyms file at \(path)"
        case .unreadable(let path, let reason): "cannot read the synonyms file \(path): \(reason)"
        case .notText(let path): "the synonyms file \(path) is not UTF-8 text"
        case .loneForm(let path, let line):
            "\(path):\(line): a synonym group needs at least two forms separated by commas, such as: AI, artificial intelligence, 人工智能"
        case .inTwoGroups(let path, let line, let form, let firstLine):
            "\(path):\(line): \(form) is already in the group of line \(firstLine); a form can be in one group only"
        }
    }
}
