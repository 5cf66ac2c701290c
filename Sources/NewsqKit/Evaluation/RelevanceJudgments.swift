/// Judged queries for measuring a ranking: which articles are relevant to which query.
///
/// Reads the TREC qrels format, one judgment per line: `qid iteration docid relevance`
/// (the iteration column is ignored; relevance 0 or less means not relevant), and query files
/// of `qid<TAB>query` lines.
public struct RelevanceJudgments: Sendable {
    /// Relevance grade per query id and article id; only grades above 0 are kept.
    public private(set) var grades: [String: [String: Int]] = [:]

    public init(grades: [String: [String: Int]] = [:]) { self.grades = grades }

    /// Parses qrels text; a malformed line throws with its line number.
    public init(qrels text: String) throws(EvaluationError) {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: \.isWhitespace)
            if fields.isEmpty { continue }
            guard fields.count == 4, let grade = Int(fields[3]) else {
                throw .malformedLine(file: "qrels", line: index + 1, expected: "qid iteration docid relevance")
            }
            if grade > 0 { grades[String(fields[0]), default: [:]][String(fields[2])] = grade }
        }
    }

    /// Parses `qid<TAB>query` lines; a malformed line throws with its line number.
    public static func queries(_ text: String) throws(EvaluationError) -> [(id: String, query: String)] {
        var queries: [(id: String, query: String)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, !fields[0].isEmpty else {
                throw .malformedLine(file: "queries", line: index + 1, expected: "qid<TAB>query")
            }
            queries.append((String(fields[0]), String(fields[1])))
        }
        return queries
    }
}

/// Why an evaluation cannot run. Each case reads as a sentence.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case malformedLine(file: String, line: Int, expected: String)
    case noJudgedQueries

    public var description: String {
        switch self {
        case .malformedLine(let file, let line, let expected):
            "line \(line) of the \(file) file is not `\(expected)`"
        case .noJudgedQueries:
            "none of the queries has a relevance judgment in the qrels file"
        }
    }
}
