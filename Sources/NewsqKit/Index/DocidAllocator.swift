import GRDB

/// Hands out `ChronologicalDocids` to new articles during one index run: the next serial of
/// the article's day, which it reads from `articles` once per day and then counts itself.
final class DocidAllocator {
    private var nextByKey: [Int64: Int64] = [:]

    /// A free docid for an article published at `published` (seconds since 1970).
    func docid(published: Double?, _ db: Database) throws -> Int64 {
        var key = ChronologicalDocids.key(published: published)
        while true {
            let range = ChronologicalDocids.docids(key: key)
            let next: Int64
            if let known = nextByKey[key] {
                next = known
            } else {
                let highest = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT docid FROM articles WHERE docid BETWEEN ? AND ? ORDER BY docid DESC LIMIT 1"),
                    arguments: [range.lowerBound, range.upperBound])
                next = highest.map { $0 + 1 } ?? range.lowerBound
            }
            if next <= range.upperBound {
                nextByKey[key] = next + 1
                return next
            }
            // The day is full: a later key keeps the order's bound true (see ChronologicalDocids).
            nextByKey[key] = next
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, '1')",
                           arguments: [ChronologicalDocids.overflowMetaKey])
            key += 1
        }
    }
}
