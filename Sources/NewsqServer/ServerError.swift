/// Why the server refuses a request. Each case reads as a sentence for the user; `status` is
/// the HTTP status it is sent with.
public enum ServerError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case methodNotAllowed(method: String)
    case queryStringTooLong(bytes: Int, limit: Int)
    case unknownParameter(String, known: [String])
    case repeatedParameter(String)
    case badNumber(parameter: String, value: String, range: ClosedRange<Int>)
    case badChoice(parameter: String, value: String, choices: [String])
    case searchTooLong(seconds: Double)
    case articleNotFound(id: String)
    case busy(running: Int, waiting: Int)

    /// The HTTP status code of the answer.
    public var status: Int {
        switch self {
        case .notFound, .articleNotFound: 404
        case .methodNotAllowed: 405
        case .queryStringTooLong: 414
        case .searchTooLong, .busy: 503
        case .unknownParameter, .repeatedParameter, .badNumber, .badChoice: 400
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path):
            "nothing is served at \(path); the search page is at / and the API under /api/ (see /api/openapi.json)"
        case .methodNotAllowed(let method):
            "the server only answers GET requests, not \(method): it never changes the index"
        case .queryStringTooLong(let bytes, let limit):
            "the query string has \(bytes) bytes; at most \(limit) are allowed"
        case .unknownParameter(let name, let known):
            "unknown parameter \(name); parameters are \(known.joined(separator: ", "))"
        case .repeatedParameter(let name):
            "the parameter \(name) is given more than once; it takes one value"
        case .badNumber(let parameter, let value, let range):
            "\(parameter) must be a whole number from \(range.lowerBound) to \(range.upperBound); got \(value)"
        case .badChoice(let parameter, let value, let choices):
            "\(parameter) must be one of \(choices.joined(separator: ", ")); got \(value)"
        case .searchTooLong(let seconds):
            "the search took longer than \(Self.seconds(seconds)) and was stopped; narrow it with more words, a phrase or filters"
        case .articleNotFound(let id):
            "no article has the id \(id)"
        case .busy(let running, let waiting):
            "the server is busy: \(running) searches are running and \(waiting) more are waiting; try again in a moment"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) seconds" : "\(value) seconds"
    }
}
