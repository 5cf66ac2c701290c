import Foundation
import GRDB

/// Articles like a given one (`newsq similar ID`): a search for the article's most distinctive
/// words, each weighted by how often the article uses it (more in its title) and how rare it is
/// in the archive (tf·idf). For Chinese, its character pairs stand for its words, as the index
/// holds them. The article itself is left out of the hits.
public struct SimilarArticles: Sendable {
    private let database: ArchiveDatabase
    /// How many words the search asks for, at most.
    public static let termCount = 12
    /// How many of the article's most frequent words have their rarity counted.
    static let candidateCount = 60

    public init(database: ArchiveDatabase) {
        self.database = database
    }

    /// The query of the article's distinctive words: any of them, the article's own rarest and
    /// most used first.
    public func query(for article: StoredArticle, parameters: RankingParameters = RankingParameters()) throws -> SearchQuery {
        let analyzer = try Analyzer()
        let weights = Dictionary(uniqueKeysWithValues: zip(SearchableField.allCases, parameters.fieldWeights))
        var frequencies: [String: Double] = [:]
        let texts: [(SearchableField, String)] = [(.title, article.title), (.excerpt, article.excerpt), (.body, article.body)]
        for (field, text) in texts {
            for token in analyzer.tokens(in: text) where Self.isQueryWord(token) {
                frequencies[token.text, default: 0] += weights[field] ?? 1
            }
        }
        let candidates = frequencies.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(Self.candidateCount)
        let (articles, holding) = try documentFrequencies(of: candidates.map(\.key), analyzer: analyzer)
        let chosen =
            candidates.compactMap { word, frequency -> (String, Double)? in
                // A word only this article holds finds nothing; one in most articles finds everything.
                guard let count = holding[word], count > 1, count * 2 <= articles else { return nil }
                return (word, frequency * log(Double(articles) / Double(count)))
            }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(Self.termCount).map(\.0)
        guard !chosen.isEmpty else { throw QueryError.nothingSearchable(query: article.title) }
        let expression: QueryExpression = chosen.count == 1 ? .term(chosen[0]) : .any(chosen.map { .term($0) })
        return SearchQuery(text: chosen.joined(separator: " OR "), expression: expression)
    }

    /// `request`'s page of the articles like the one with `id`, that article left out (the
    /// request's query is `query(for:)`).
    public func search(_ request: SearchRequest, excluding id: String) throws -> SearchResults {
        var widened = request
        widened.offset = 0
        widened.limit = min(request.offset + request.limit + 1, SearchRequest.limits.upperBound)
        var results = try SearchEngine(database: database).search(widened)
        let own = results.hits.contains { $0.id == id }
        let others = results.hits.filter { $0.id != id }
        results.hits = Array(others.dropFirst(request.offset).prefix(request.limit))
        for index in results.hits.indices { results.hits[index].rank = request.offset + index + 1 }
        results.offset = request.offset
        if own { results.total -= 1 }
        return results
    }

    /// Words a reader would type: letters (not numbers), and for Chinese the character pairs.
    private static func isQueryWord(_ token: Token) -> Bool {
        switch token.kind {
        case .letter: token.text.count >= 2 && token.text.utf8.first != HanRun.wordMarker
        case .ideographic: token.text.count == 2 && token.text.utf8.first != HanRun.wordMarker
        default: false
        }
    }

    /// The number of articles, and how many hold each word.
    private func documentFrequencies(of words: [String], analyzer: Analyzer) throws -> (Int, [String: Int]) {
        try database.read { db in
            let articles = try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") ?? 0
            var holding: [String: Int] = [:]
            let statement = try db.makeStatement(sql: "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?")
            for word in words {
                let match = SearchEngine.matchExpression(
                    for: SearchQuery(text: word, expression: .term(word)), analyzer: analyzer)
                holding[word] = try Int.fetchOne(statement, arguments: [match]) ?? 0
            }
            return (articles, holding)
        }
    }
}
