extension SearchResults {
    /// Adds to each explained hit which forms of the query's synonym groups it matched, read
    /// from its highlighted words: a part of the explanation that changes no score (×1).
    public mutating func explainSynonyms(analyzer: Analyzer) {
        guard !synonyms.isEmpty else { return }
        for index in hits.indices {
            guard var explanation = hits[index].explanation else { continue }
            let matched = Set(
                (hits[index].title.runs + hits[index].snippet.runs).filter(\.isMatch)
                    .flatMap { SynonymTable.words(of: $0.text, analyzer: analyzer) })
            for expansion in synonyms {
                let forms = expansion.forms.filter { form in
                    let words = SynonymTable.words(of: form, analyzer: analyzer)
                    return !words.isEmpty && words.allSatisfy(matched.contains)
                }
                let detail =
                    forms.isEmpty
                    ? "\"\(expansion.written)\": no form of its synonym group in the title or snippet"
                    : "\"\(expansion.written)\" matched as " + forms.map { "\"\($0)\"" }.joined(separator: ", ")
                explanation.children.append(ScoreExplanation(name: "synonyms", value: 1, detail: detail))
            }
            hits[index].explanation = explanation
        }
    }
}
