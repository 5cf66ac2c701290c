import Foundation
import GRDB

/// "Did you mean": for a query's Latin-script words that match no article, the closest word of
/// the index's vocabulary, at most two edits away (one for words of four letters or fewer), the
/// most common one when several are as close. Never for Chinese, where a pair that matches
/// nothing is an answer, not a typo. It only suggests: the search ran as typed.
///
/// The index holds porter stems, so the word is stemmed as the index would (by FTS5's own porter,
/// on an in-memory table), compared with the stems that start with the same letter, and the
/// closest stem is shown as a word the archive really uses: the form of it in a matching
/// article that is closest to what was typed.
public struct SpellingSuggestion: Sendable {
    private let database: ArchiveDatabase

    /// Below this many articles matching every word, a search looks for suggestions.
    public static let fewMatches = 3

    public init(database: ArchiveDatabase) {
        self.database = database
    }

    /// The query's text with each unmatched word replaced by its suggestion; nil when no word
    /// needs one or none is close enough.
    public func suggestion(for query: SearchQuery) throws -> String? {
        let words = Self.latinWords(in: query.expression)
        guard !words.isEmpty else { return nil }
        let analyzer = try Analyzer()
        var replacements: [(String, String)] = []
        try database.read { db in
            let unmatched = try words.filter { try Self.articles(holding: .term($0), db, analyzer) == 0 }
            guard !unmatched.isEmpty else { return }
            try db.execute(
                sql:
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.newsq_suggestion_vocabulary USING fts5vocab(main, 'article_fts', 'row')"
            )
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.newsq_suggestion_vocabulary") }
            let stemmer = try Stemmer()
            for word in unmatched {
                let typed = word.lowercased()
                guard let stem = try stemmer.stem(typed) else { continue }
                var best: (form: String, distance: Int, articles: Int)?
                for (candidate, articles) in try Self.candidateStems(of: typed, stem: stem, db) {
                    guard let form = try Self.closestForm(of: candidate, to: typed, db, analyzer) else { continue }
                    let distance = EditDistance.between(typed, form)
                    guard distance <= Self.allowedEdits(typed) else { continue }
                    if best == nil || (distance, -articles) < (best!.distance, -best!.articles) {
                        best = (form, distance, articles)
                    }
                }
                if let best { replacements.append((word, best.form)) }
            }
        }
        guard !replacements.isEmpty else { return nil }
        var text = query.text
        for (word, form) in replacements {
            text = text.replacingOccurrences(of: word, with: form, options: [.caseInsensitive])
        }
        return text
    }

    /// Words of plain Latin letters, outside exclusions (a typo in `-word` leaves nothing out,
    /// which no suggestion fixes).
    static func latinWords(in expression: QueryExpression) -> [String] {
        switch expression {
        case .term(let text):
            let isLatin =
                text.count >= 3 && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
            return isLatin ? [text] : []
        case .phrase(let text):
            return text.split(separator: " ").flatMap { latinWords(in: .term(String($0))) }
        case .prefix, .excluded: return []
        case .field(_, let inner): return latinWords(in: inner)
        case .all(let parts), .any(let parts), .near(let parts, _): return parts.flatMap(latinWords(in:))
        }
    }

    private static func articles(holding expression: QueryExpression, _ db: Database, _ analyzer: Analyzer) throws -> Int {
        let match = SearchEngine.matchExpression(for: SearchQuery(text: "", expression: expression), analyzer: analyzer)
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", arguments: [match]) ?? 0
    }

    /// The most common stems of the vocabulary that may stand for words close to `typed`
    /// (whose stem is `stem`): stems close to its stem, and stems close to its start (a typo in
    /// a suffix changes the stem more than the word).
    private static func candidateStems(of typed: String, stem: String, _ db: Database) throws -> [(String, Int)] {
        guard let first = stem.unicodeScalars.first, let next = Unicode.Scalar(first.value + 1) else { return [] }
        let allowed = Self.allowedEdits(typed)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT term, doc FROM temp.newsq_suggestion_vocabulary WHERE term >= ? AND term < ?",
            arguments: [String(first), String(next)])
        var candidates: [(term: String, distance: Int, articles: Int)] = []
        while let row = try rows.next() {
            let term: String = row[0]
            guard term != stem, term.count >= 2 else { continue }
            var distance = abs(term.count - stem.count) <= allowed ? EditDistance.between(stem, term) : Int.max
            if term.count < typed.count, typed.count - term.count <= 8 {
                distance = min(distance, EditDistance.between(String(typed.prefix(term.count)), term) + 1)
            }
            guard distance <= allowed else { continue }
            candidates.append((term, distance, row[1]))
        }
        return candidates.sorted { ($0.distance, -$0.articles, $0.term) < ($1.distance, -$1.articles, $1.term) }
            .prefix(8).map { ($0.term, $0.articles) }
    }

    /// Edits a suggestion may be away from the word typed: fewer for short words, where one edit
    /// already makes another common word.
    static func allowedEdits(_ typed: String) -> Int { typed.count <= 4 ? 1 : 2 }

    /// The word an article uses for `stem` that is closest to `typed`, from the fields a word
    /// can match in (title, excerpt, body, topics).
    private static func closestForm(of stem: String, to typed: String, _ db: Database, _ analyzer: Analyzer) throws -> String? {
        let match = SearchEngine.matchExpression(for: SearchQuery(text: "", expression: .prefix(stem)), analyzer: analyzer)
        let rows = try String.fetchAll(
            db,
            sql: """
                SELECT highlight(article_fts, 0, char(1), char(2))
                    || char(10) || highlight(article_fts, 1, char(1), char(2))
                    || char(10) || highlight(article_fts, 2, char(1), char(2))
                    || char(10) || highlight(article_fts, 3, char(1), char(2))
                FROM article_fts WHERE article_fts MATCH ? LIMIT 20
                """, arguments: [match])
        var forms = Set<String>()
        for text in rows {
            for piece in text.split(separator: "\u{1}").dropFirst() {
                if let end = piece.firstIndex(of: "\u{2}") { forms.insert(piece[..<end].lowercased()) }
            }
        }
        return forms.filter { $0.unicodeScalars.allSatisfy { ("a"..."z").contains($0) } }
            .min { (EditDistance.between(typed, $0), $0) < (EditDistance.between(typed, $1), $1) }
    }

    /// FTS5's porter stemmer, on a table of its own in memory.
    private struct Stemmer {
        let queue: DatabaseQueue

        init() throws {
            queue = try DatabaseQueue()
            try queue.write { db in
                try db.execute(sql: "CREATE VIRTUAL TABLE words USING fts5(word, tokenize='porter ascii')")
                try db.execute(sql: "CREATE VIRTUAL TABLE stems USING fts5vocab(words, 'row')")
            }
        }

        func stem(_ word: String) throws -> String? {
            try queue.write { db in
                try db.execute(sql: "DELETE FROM words")
                try db.execute(sql: "INSERT INTO words(word) VALUES (?)", arguments: [word])
                return try String.fetchOne(db, sql: "SELECT term FROM stems")
            }
        }
    }
}

/// The Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
/// substitutions and swaps of two neighbours each count one.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
