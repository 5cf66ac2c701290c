/// Why text analysis cannot run.
public enum AnalysisError: Error, CustomStringConvertible {
    case icuUnavailable(component: String)

    public var description: String {
        switch self {
        case .icuUnavailable(let component):
            "ICU could not create its \(component); check that the ICU libraries (libicu) are installed"
        }
    }
}
