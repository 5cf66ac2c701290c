import Foundation

/// Groups of words and phrases that mean the same, across languages, from a user's file: one
/// group a line, forms separated by commas (`AI, artificial intelligence, 人工智能`); blank lines
/// and lines starting with `#` are skipped. A query word or phrase that is one of a group's forms
/// then matches any of them, at search time: nothing is indexed again.
///
/// Forms are compared as the analyser folds them (case, width, traditional and simplified
/// characters), word for word: `ai` and `AI` are one form, `regulation` and `regulations` two.
public struct SynonymTable: Sendable, Equatable {
    /// Each group's forms as written.
    public private(set) var groups: [[String]] = []
    /// A form's folded words, and the group it belongs to.
    private var groupOfForm: [[String]: Int] = [:]
    /// The most words of any form, the longest run of query words worth comparing.
    private var longestForm = 0

    public init() {}

    /// The groups in `text`, read from the file at `path` (named in errors).
    public init(text: String, path: String, analyzer: Analyzer) throws(SynonymError) {
        var lineOfGroup: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let forms = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { analyzer.hasTokens($0) }
            guard forms.count >= 2 else { throw .loneForm(path: path, line: index + 1) }
            let group = groups.count
            for form in forms {
                let key = Self.words(of: form, analyzer: analyzer)
                if let other = groupOfForm[key], other != group {
                    throw .inTwoGroups(path: path, line: index + 1, form: form, firstLine: lineOfGroup[other])
                }
                groupOfForm[key] = group
                longestForm = max(longestForm, key.count)
            }
            groups.append(forms)
            lineOfGroup.append(index + 1)
        }
    }

    /// The table in the file at `path`; an empty table when there is no such file and it is not
    /// `required`.
    public static func load(path: String, required: Bool, analyzer: Analyzer) throws(SynonymError) -> SynonymTable {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw .missing(path: path) }
            return SynonymTable()
        }
        let data: Data
        do {
            data = try ConfigurationFile.contents(of: path, maximumBytes: maximumBytes)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        guard data.count <= maximumBytes else {
            throw .unreadable(path: path, reason: "it is larger than 1 MiB, too large for a synonyms file")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .notText(path: path) }
        return try SynonymTable(text: text, path: path, analyzer: analyzer)
    }

    /// A synonyms file holds groups of words: more than this is not one.
    static let maximumBytes = 1 << 20

    /// The default file: `synonyms.txt` beside the configuration file (`RankingConfiguration`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let configuration = RankingConfiguration.defaultPath(environment: environment)
        return URL(fileURLWithPath: configuration).deletingLastPathComponent().appendingPathComponent("synonyms.txt").path
    }

    /// `query` with each word or phrase that is a form of a group (and each run of words that
    /// spells a form, as `artificial intelligence` unquoted) widened to any form of its group,
    /// and what was widened. The query's text stays as typed.
    public func expanded(_ query: SearchQuery, analyzer: Analyzer) -> (query: SearchQuery, expansions: [SynonymExpansion]) {
        guard !groups.isEmpty else { return (query, []) }
        var expansions: [SynonymExpansion] = []
        let expression = expand(query.expression, analyzer: analyzer, into: &expansions)
        return (expansions.isEmpty ? query : SearchQuery(text: query.text, expression: expression), expansions)
    }

    private func expand(
        _ expression: QueryExpression, analyzer: Analyzer, into expansions: inout [SynonymExpansion]
    ) -> QueryExpression {
        switch expression {
        case .term(let text), .phrase(let text):
            return alternatives(for: text, words: Self.words(of: text, analyzer: analyzer), into: &expansions) ?? expression
        case .prefix, .near:
            return expression
        case .field(let field, let inner):
            return .field(field, expand(inner, analyzer: analyzer, into: &expansions))
        case .excluded(let inner):
            return .excluded(expand(inner, analyzer: analyzer, into: &expansions))
        case .any(let parts):
            return .any(parts.map { expand($0, analyzer: analyzer, into: &expansions) })
        case .all(let parts):
            let widened = expandRuns(parts, analyzer: analyzer, into: &expansions)
            return widened.count == 1 ? widened[0] : .all(widened)
        }
    }

    /// The parts of an AND with runs of plain words that spell a form replaced by its group,
    /// the longest run first.
    private func expandRuns(
        _ parts: [QueryExpression], analyzer: Analyzer, into expansions: inout [SynonymExpansion]
    ) -> [QueryExpression] {
        var result: [QueryExpression] = []
        var index = 0
        next: while index < parts.count {
            for length in stride(from: min(longestForm, parts.count - index), through: 2, by: -1) {
                let run = parts[index..<(index + length)]
                let texts = run.compactMap { part -> String? in if case .term(let text) = part { text } else { nil } }
                guard texts.count == length else { continue }
                let words = texts.flatMap { Self.words(of: $0, analyzer: analyzer) }
                if let widened = alternatives(for: texts.joined(separator: " "), words: words, into: &expansions) {
                    result.append(widened)
                    index += length
                    continue next
                }
            }
            result.append(expand(parts[index], analyzer: analyzer, into: &expansions))
            index += 1
        }
        return result
    }

    private func alternatives(for text: String, words: [String], into expansions: inout [SynonymExpansion]) -> QueryExpression? {
        guard let group = groupOfForm[words] else { return nil }
        let forms = groups[group]
        expansions.append(SynonymExpansion(written: text, forms: forms))
        return .any(forms.map { $0.contains(where: \.isWhitespace) ? .phrase($0) : .term($0) })
    }

    /// The folded words of `text`, one per position (alternative forms at a position left out).
    static func words(of text: String, analyzer: Analyzer) -> [String] {
        analyzer.tokens(in: text, mode: .query).filter { !$0.isColocated }.map(\.text)
    }
}

/// A query word or phrase widened to its synonym group.
public struct SynonymExpansion: Sendable, Equatable, Codable {
    /// The word or phrase as the query has it.
    public var written: String
    /// Every form of its group, as the synonyms file writes them.
    public var forms: [String]
}
