import GRDB

/// The article counts that `TermStatistics` holds for a query's phrases, so that ranking need
/// not count them.
enum KnownPhraseCounts {
    /// Per phrase of the query, in FTS5's order, the count of a phrase that is one common term
    /// in any field; nil for the others (a prefix, a phrase of several terms, a phrase within a
    /// field, a rare term), which ranking counts. For a query of one phrase, only an exact count
    /// (nothing changed since the counts were taken): it is also the query's total, which is
    /// exact (else `ConcurrentPhraseCount` counts it).
    static func lookUp(_ db: Database, phrases: [RenderedPhrase]) throws -> [Relevance.KnownCount?] {
        guard !phrases.isEmpty, try db.tableExists(TermStatistics.tableName) else { return [] }
        // FTS5's own tokenizer chain, so the term is the one the index holds (stemmed).
        let tokenizer = try db.makeTokenizer(FTS5TokenizerDescriptor(components: ["porter", NewsqTokenizer.name]))
        let terms = try phrases.map { phrase -> String? in
            guard !phrase.isPrefix, !phrase.isScoped else { return nil }
            let tokens = try phrase.strings.flatMap { try tokenizer.tokenize(query: $0) }
            return tokens.count == 1 ? tokens[0].token : nil
        }
        guard let statistics = try TermStatistics.lookUp(db, terms: Set(terms.compactMap { $0 })),
            phrases.count >= 2 || statistics.areExact
        else { return [] }
        return terms.map { term in
            term.flatMap { statistics.counts[$0] }.map { Relevance.KnownCount(articles: statistics.articles, holding: $0) }
        }
    }
}
