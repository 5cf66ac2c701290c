/// One match on a page of results: its docid and score.
struct RankedRow {
    let docid: Int64
    let score: Double
    var isRelaxed = false
}

/// A match that may be on the page.
struct RankedCandidate {
    let docid: Int64
    let published: Double?
    let score: Double

    /// The search order: score, then the newer article, then the later docid.
    static func isBefore(_ a: Self, _ b: Self) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.published != b.published { return (a.published ?? -.infinity) > (b.published ?? -.infinity) }
        return a.docid > b.docid
    }
}

/// The best `size` matches seen so far, kept loosely: sorted and cut down whenever twice as
/// many have gathered.
struct PageCandidates {
    let size: Int
    private var candidates: [RankedCandidate] = []
    private var settled = false
    /// The lowest score of the page at the last trim, once it was full: nothing below it can join.
    private var lowest: Double?

    init(size: Int) { self.size = max(size, 0) }

    /// Whether a match with `score` could join the page. Most cannot: `newsq_rank` gives a
    /// match that cannot reach the page a bound below it instead of its score.
    func accepts(_ score: Double) -> Bool {
        guard size > 0 else { return false }
        guard let lowest else { return true }
        return score >= lowest
    }

    mutating func add(_ candidate: RankedCandidate) {
        guard accepts(candidate.score) else { return }
        candidates.append(candidate)
        settled = false
        if candidates.count >= max(2 * size, 64) { trim() }
    }

    /// The lowest score on the page, once it is full.
    var floor: Double? {
        mutating get {
            trim()
            return candidates.count == size && size > 0 ? candidates.last?.score : nil
        }
    }

    /// The page, in search order.
    mutating func best() -> [RankedRow] {
        trim()
        return candidates.map { RankedRow(docid: $0.docid, score: $0.score) }
    }

    private mutating func trim() {
        guard !settled else { return }
        candidates.sort(by: RankedCandidate.isBefore)
        if candidates.count > size { candidates.removeLast(candidates.count - size) }
        if candidates.count == size { lowest = candidates.last?.score }
        settled = true
    }
}
