/// The `text` format: `TerminalRenderer`'s page of hits, headed by the query id in a batch.
struct TextHitWriter: HitListWriter {
    let style: TerminalStyle
    let batch: Bool
    let width: Int?

    func entry(_ search: AnsweredQuery, index: Int) throws -> String {
        let page =
            TerminalRenderer(style: style, width: width).render(search.results)
            + FacetText(style: style).render(search.results.facets ?? [])
        guard batch else { return page }
        let heading = style.bold("[\(search.qid ?? String(index + 1))] \(search.results.query)")
        return (index == 0 ? "" : "\n") + heading + "\n" + page
    }
}
