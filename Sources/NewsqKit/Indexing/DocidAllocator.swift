import GRDB

/// Hands out `ChronologicalDocids` to new articles during one index run: the next serial of
/// the article's day (and quality slot, in an index with slots), which it reads from
/// `articles` once per day or slot and then counts itself.
final class DocidAllocator {
    private var nextByRange: [Int64: Int64] = [:]
    /// The raw quality thresholds of the index's quality slots; nil for an index without them.
    var slotThresholds: [Int]?

    init(slotThresholds: [Int]? = nil) {
        self.slotThresholds = slotThresholds
    }

    /// A free docid for an article published at `published` (seconds since 1970) with raw
    /// quality `quality`.
    func docid(published: Double?, quality: Int? = nil, _ db: Database) throws -> Int64 {
        var key = ChronologicalDocids.key(published: published)
        var slot = slotThresholds.map { ChronologicalDocids.slot(quality: quality, thresholds: $0) }
        while true {
            let range = slot.map { ChronologicalDocids.docids(key: key, slot: $0) } ?? ChronologicalDocids.docids(key: key)
            let next: Int64
            if let known = nextByRange[range.lowerBound] {
                next = known
            } else {
                let highest = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT docid FROM articles WHERE docid BETWEEN ? AND ? ORDER BY docid DESC LIMIT 1"),
                    arguments: [range.lowerBound, range.upperBound])
                next = highest.map { $0 + 1 } ?? range.lowerBound
            }
            if next <= range.upperBound {
                nextByRange[range.lowerBound] = next + 1
                return next
            }
            nextByRange[range.lowerBound] = next
            // A full slot goes on in the slot above: a better slot still bounds the article's quality.
            if let current = slot, current + 1 < ChronologicalDocids.slotCount {
                slot = current + 1
                continue
            }
            // The day is full: a later key keeps the order's bound true (see ChronologicalDocids).
            try IndexMeta.set(.docidOverflow, to: "1", in: db)
            key += 1
            slot = slot.map { _ in 0 }
        }
    }

    /// Whether an article may keep `docid` when it is now published at `published` with
    /// quality `quality`: its day is the same, and its slot still bounds its quality.
    func keeps(_ docid: Int64, published: Double?, quality: Int?) -> Bool {
        guard ChronologicalDocids.key(docid: docid) == ChronologicalDocids.key(published: published) else { return false }
        guard let slotThresholds else { return true }
        return ChronologicalDocids.slot(docid: docid) >= ChronologicalDocids.slot(quality: quality, thresholds: slotThresholds)
    }
}
