/// Why a saved search cannot be added, found or run. Each case reads as a sentence for the user.
public enum SavedSearchError: Error, CustomStringConvertible, Equatable {
    case badName(String)
    case duplicate(name: String)
    case unknown(name: String, closest: String?)
    case noneSaved
    case storeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .badName(let name):
            "\(name.debugDescription) cannot name a saved search: use letters, digits, -, _ and . (not starting with -)"
        case .duplicate(let name):
            "a saved search is already named \(name): remove it first (`newsq saved remove \(name)`), or pick another name"
        case .unknown(let name, let closest):
            "there is no saved search named \(name)"
                + (closest.map { "; did you mean \($0)?" } ?? "; `newsq saved list` lists them")
        case .noneSaved:
            "there are no saved searches yet: add one with `newsq saved add NAME QUERY`"
        case .storeFailed(let path, let reason):
            "cannot use the saved searches in \(path): \(reason)"
        }
    }
}
