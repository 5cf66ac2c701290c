import Foundation
import GRDB

/// Docids in date order: an article's docid is its publication day followed by a serial
/// number, so FTS5, which lists every word's matches in docid order, lists them by date.
///
/// Ranking relies on it. Recency only lowers a score as an article gets older, so a search
/// can rank the matches newest first and stop once even the most relevant, best-rated
/// article of the day it has reached could no longer reach the page (see `RankingFunction`).
///
/// Layout: `key << serialBits | serial`. Keys below `firstDatedKey` hold articles without a
/// date; a dated article's key is its day since 1970 plus `firstDatedKey + dayOffset`. A day
/// with more than 8,192 articles goes on into the next day's key: a key may be later than its
/// article, never earlier, which is all the bound needs; `overflowMetaKey` then records it.
///
/// The serial is short on purpose: FTS5 stores the gap between two docids of a word as a
/// varint, and a gap of a day (8,192) still fits in 2 bytes. With 20 bits, 100k articles made a
/// 4% larger index and took 14% longer to index; docids in file order are smaller still.
enum ChronologicalDocids {
    static let serialBits: Int64 = 13
    /// Keys from 1 up to this hold undated articles (0 is not used).
    static let firstDatedKey: Int64 = 1 << 18
    /// Days before 1970 that still have a key of their own; older articles share the first.
    static let dayOffset: Int64 = 1 << 20
    /// Days after 1970 that have a key of their own; later articles share the last.
    static let lastDay: Int64 = 1 << 21

    /// The first docid of a dated article: docids below it are undated.
    static let firstDatedDocid = firstDatedKey << serialBits

    /// What `meta` holds under `metaKey` in an index whose docids are all chronological.
    static let metaKey = "docid_order"
    static let metaValue = "day"
    /// Set in `meta` once a day overflowed into a later key.
    static let overflowMetaKey = "docid_overflow"

    /// The key an article published at `published` (seconds since 1970) starts in.
    static func key(published: Double?) -> Int64 {
        guard let published, published.isFinite else { return 1 }
        let day = (published / 86_400).rounded(.down)
        let clamped = Int64(min(max(day, Double(-dayOffset)), Double(lastDay)))
        return firstDatedKey + dayOffset + clamped
    }

    /// The key a docid starts with.
    static func key(docid: Int64) -> Int64 {
        docid >> serialBits
    }

    /// The range of docids with `key`.
    static func docids(key: Int64) -> ClosedRange<Int64> {
        (key << serialBits)...(((key + 1) << serialBits) - 1)
    }

    /// The latest an article with this docid, or any docid below it down to `firstDatedDocid`,
    /// can have been published (seconds since 1970); nil for an undated docid. An article
    /// past the last key could be of any later date: then it is infinity.
    static func latestPublished(docid: Int64) -> Double? {
        let key = key(docid: docid)
        guard key >= firstDatedKey else { return nil }
        let day = key - firstDatedKey - dayOffset
        guard day < lastDay else { return .infinity }
        return Double(day + 1) * 86_400
    }

    /// The lowest docid an article published at or after `instant` can have.
    static func firstDocid(publishedFrom instant: Double) -> Int64 {
        docids(key: key(published: instant)).lowerBound
    }

    /// The highest docid an article published before `instant` can have, unless a day overflowed.
    static func lastDocid(publishedBefore instant: Double) -> Int64 {
        docids(key: key(published: instant)).upperBound
    }
}

extension ChronologicalDocids {
    /// What a search needs to know of an index's docids.
    struct State {
        /// Whether some articles have no date (docids below `firstDatedDocid`).
        let hasUndated: Bool
        /// Whether a day overflowed into later keys (see `overflowMetaKey`).
        let overflowed: Bool
    }

    /// The state of the index's docids, nil when they are not all chronological (an index
    /// made by a newsq before them, until it is rebuilt).
    static func state(_ db: Database) throws -> State? {
        let flags = try String.fetchSet(db, sql: "SELECT key FROM meta WHERE (key = ? AND value = ?) OR key = ?",
                                        arguments: [metaKey, metaValue, overflowMetaKey])
        guard flags.contains(metaKey) else { return nil }
        let hasUndated = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM articles WHERE docid < ?)",
                                           arguments: [firstDatedDocid]) ?? false
        return State(hasUndated: hasUndated, overflowed: flags.contains(overflowMetaKey))
    }
}
