import Foundation

/// One search of a batch file, as read from its line.
public struct BatchQuery: Sendable, Equatable {
    /// The line it was read from, counted from 1, for messages.
    public var line: Int
    public var qid: String
    public var query: String
    /// Per-query overrides of the batch's `--limit`, `--offset` and `--explain`.
    public var limit: Int?
    public var offset: Int?
    public var explain: Bool?
    /// Per-query parts added to the query: `title` becomes `title:"value"`, read as a phrase.
    public var scopes: [Scope]
    /// Per-query overrides of the batch's filters, as written: the keys `since`, `until` (a
    /// date or an age, read against the batch's clock), `topic`, `provider`, `type`,
    /// `minQuality`, `lang`, with the meaning of `newsq search`'s options (`SearchFilters`).
    public var filters = WrittenFilters()
    /// A per-query override of the batch's order.
    public var sort: HitOrder?
    /// A per-query override of whether recency is asked for (`RecencySignal`).
    public var recent: Bool?

    public struct Scope: Sendable, Equatable {
        public var field: SearchField
        public var value: String
    }
}

/// A line of a batch file that cannot be run, and why.
public struct BatchProblem: Sendable, Equatable {
    public var line: Int
    public var reason: String
}

/// Reads a batch file: one search per line, either `qid<TAB>query` or a JSON object with
/// per-query options (JSON Lines), the two freely mixed:
///
/// ```text
/// 301	cocoa prices
/// {"qid": "302", "query": "gold", "limit": 5, "topic": "Gold", "provider": "Reuters"}
/// ```
///
/// Blank lines and lines starting with `#` are skipped. A bad line becomes a `BatchProblem`
/// with its line number, and the other lines are still read. Query ids must be unique and
/// without whitespace (TREC tools split columns on it).
public enum BatchQueryReader {
    /// The keys a JSON line may have.
    public static let keys = [
        "qid", "query", "limit", "offset", "explain", "topic", "provider", "title",
        "since", "until", "lang", "type", "minQuality", "sort", "recent",
    ]

    public static func read(_ text: String) -> (queries: [BatchQuery], problems: [BatchProblem]) {
        var queries: [BatchQuery] = []
        var problems: [BatchProblem] = []
        var firstLineOfQID: [String: Int] = [:]
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // Lines split on the LF byte, one trailing CR dropped: "\r\n" is one Character in Swift,
        // so splitting the String on "\n" would not split CRLF files at all.
        for (index, bytes) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            var line = Substring(String(decoding: bytes, as: UTF8.self))
            if line.utf8.last == UInt8(ascii: "\r") { line = Substring(String(decoding: line.utf8.dropLast(), as: UTF8.self)) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            do {
                let query = trimmed.hasPrefix("{") ? try jsonQuery(trimmed, line: number) : try tabQuery(line, line: number)
                if let first = firstLineOfQID[query.qid] {
                    throw BatchLineError("the qid \(query.qid) is already used on line \(first)")
                }
                firstLineOfQID[query.qid] = number
                queries.append(query)
            } catch let error as BatchLineError {
                problems.append(BatchProblem(line: number, reason: error.reason))
            } catch {
                problems.append(BatchProblem(line: number, reason: "\(error)"))
            }
        }
        return (queries, problems)
    }

    private struct BatchLineError: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private static func tabQuery(_ line: Substring, line number: Int) throws -> BatchQuery {
        guard let tab = line.firstIndex(of: "\t") else {
            throw BatchLineError("expected a query id, a tab, then the query (or a JSON object); found no tab")
        }
        let qid = try validQID(line[..<tab].trimmingCharacters(in: .whitespaces))
        let query = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { throw BatchLineError("the query after the tab is empty") }
        return BatchQuery(line: number, qid: qid, query: query, scopes: [])
    }

    private static func jsonQuery(_ line: String, line number: Int) throws -> BatchQuery {
        let object: [String: JSONValue]
        do {
            object = try JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8))
        } catch {
            throw BatchLineError("not a valid JSON object")
        }
        if let unknown = object.keys.sorted().first(where: { !keys.contains($0) }) {
            throw BatchLineError("unknown key \"\(unknown)\"; the keys are \(keys.joined(separator: ", "))")
        }
        let qid: String
        switch object["qid"] {
        case .string(let text): qid = try validQID(text)
        case .number(let number) where number == number.rounded() && abs(number) < 1e15: qid = String(Int64(number))
        case nil: throw BatchLineError("\"qid\" is missing")
        default: throw BatchLineError("\"qid\" must be a string or an integer")
        }
        guard case .string(let query) = object["query"] else {
            throw BatchLineError(object["query"] == nil ? "\"query\" is missing" : "\"query\" must be a string")
        }
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw BatchLineError("\"query\" is empty") }
        var batchQuery = BatchQuery(line: number, qid: qid, query: query, scopes: [])
        batchQuery.limit = try integer(object, "limit", in: SearchRequest.shownLimits)
        batchQuery.offset = try integer(object, "offset", in: SearchRequest.offsets)
        switch object["explain"] {
        case nil: break
        case .bool(let explain): batchQuery.explain = explain
        default: throw BatchLineError("\"explain\" must be true or false")
        }
        switch object["title"] {
        case nil: break
        case .string(let value): batchQuery.scopes.append(.init(field: .title, value: value))
        default: throw BatchLineError("\"title\" must be a string")
        }
        batchQuery.filters = try filters(object)
        switch object["sort"] {
        case nil: break
        case .string(let text) where HitOrder(rawValue: text) != nil: batchQuery.sort = HitOrder(rawValue: text)
        default:
            throw BatchLineError(
                "\"sort\" must be one of \(HitOrder.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
        }
        switch object["recent"] {
        case nil: break
        case .bool(let recent): batchQuery.recent = recent
        default: throw BatchLineError("\"recent\" must be true or false")
        }
        return batchQuery
    }

    /// The line's filter keys, each checked for its type; dates are read later, against the batch's clock.
    private static func filters(_ object: [String: JSONValue]) throws -> WrittenFilters {
        var filters = WrittenFilters()
        for key in ["since", "until"] {
            switch object[key] {
            case nil: continue
            case .string(let text) where DateBound.parse(text, now: Date()) != nil:
                if key == "since" { filters.since = text } else { filters.until = text }
            default:
                throw BatchLineError(
                    "\"\(key)\" must be a date such as \"2024-03-01\" or an age such as \"30d\", \"6m\" or \"1y\"")
            }
        }
        filters.topics = try string(object, "topic").map { [$0] }
        filters.providers = try string(object, "provider").map { [$0] }
        filters.types = try string(object, "type").map { [$0] }
        switch object["lang"] {
        case nil: break
        case .string(let text) where Language(rawValue: text) != nil: filters.language = Language(rawValue: text)
        default: throw BatchLineError("\"lang\" must be \"zh\" or \"en\"")
        }
        filters.minimumQuality = try integer(object, "minQuality", in: Int(Int32.min)...Int(Int32.max))
        return filters
    }

    private static func string(_ object: [String: JSONValue], _ key: String) throws -> String? {
        switch object[key] {
        case nil: nil
        case .string(let value): value
        default: throw BatchLineError("\"\(key)\" must be a string")
        }
    }

    private static func validQID(_ qid: String) throws -> String {
        guard !qid.isEmpty else { throw BatchLineError("the query id is empty") }
        guard !qid.contains(where: \.isWhitespace) else {
            throw BatchLineError("the query id \"\(qid)\" has a space in it; TREC tools split columns on whitespace")
        }
        return qid
    }

    private static func integer(_ object: [String: JSONValue], _ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = object[key] else { return nil }
        guard case .number(let number) = value, number == number.rounded(), let integer = Int(exactly: number),
            range.contains(integer)
        else {
            throw BatchLineError("\"\(key)\" must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return integer
    }
}

/// Any JSON value, so a batch line's keys can be checked for their types one by one.
private enum JSONValue: Decodable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else {
            self = .other
        }
    }
}
