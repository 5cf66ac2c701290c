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

    /// The order by score: score, then the newer article, then the later docid.
    static func isBeforeByScore(_ a: Self, _ b: Self) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.published != b.published { return (a.published ?? -.infinity) > (b.published ?? -.infinity) }
        return a.docid > b.docid
    }

    /// The order by date: the newer article (undated last), then score, then the later docid.
    static func isBeforeByDate(_ a: Self, _ b: Self) -> Bool {
        if a.published != b.published { return (a.published ?? -.infinity) > (b.published ?? -.infinity) }
        if a.score != b.score { return a.score > b.score }
        return a.docid > b.docid
    }
}

/// The best `size` matches seen so far, kept loosely: sorted and cut down whenever twice as
/// many have gathered.
struct PageCandidates {
    let size: Int
    let byDate: Bool
    let isBefore: (RankedCandidate, RankedCandidate) -> Bool
    private var candidates: [RankedCandidate] = []
    private var settled = false
    /// The page's last match at the last trim, once it was full: nothing after it can join.
    private var last: RankedCandidate?

    init(size: Int, byDate: Bool = false) {
        self.size = max(size, 0)
        self.byDate = byDate
        if byDate {
            isBefore = { RankedCandidate.isBeforeByDate($0, $1) }
        } else {
            isBefore = { RankedCandidate.isBeforeByScore($0, $1) }
        }
    }

    /// Whether a match with `score` could join a page by score. Most cannot: `newsq_rank` gives
    /// a match that cannot reach the page a bound below it instead of its score.
    func accepts(score: Double) -> Bool {
        guard size > 0 else { return false }
        guard let last else { return true }
        return score >= last.score
    }

    func accepts(_ candidate: RankedCandidate) -> Bool {
        guard size > 0 else { return false }
        guard let last else { return true }
        return !isBefore(last, candidate)
    }

    mutating func add(_ candidate: RankedCandidate) {
        guard accepts(candidate) else { return }
        candidates.append(candidate)
        settled = false
        if candidates.count >= max(2 * size, 64) { trim() }
    }

    /// The page's last match, once the page is full.
    var lastOfFullPage: RankedCandidate? {
        mutating get {
            trim()
            return candidates.count == size && size > 0 ? candidates.last : nil
        }
    }

    /// The lowest score on a page by score, once it is full.
    var floor: Double? {
        mutating get { lastOfFullPage?.score }
    }

    /// The page, in search order.
    mutating func best() -> [RankedRow] {
        trim()
        return candidates.map { RankedRow(docid: $0.docid, score: $0.score) }
    }

    private mutating func trim() {
        guard !settled else { return }
        candidates.sort(by: isBefore)
        if candidates.count > size { candidates.removeLast(candidates.count - size) }
        if candidates.count == size { last = candidates.last }
        settled = true
    }
}
