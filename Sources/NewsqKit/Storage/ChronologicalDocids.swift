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
/// Within a day, an index made since quality slots (`qualitySlotsMetaKey`) orders its articles
/// by quality: the serial's top `slotBits` are a slot of the article's raw quality, from the
/// thresholds that the index's first articles set, and the remaining `slotSerialBits` count
/// the articles of the slot; a full slot goes on into the next one up (then into the next day).
/// Read newest first, a day's matches then come best first, and a search can leave the rest of
/// a day once its slot's best quality could not reach the page (see `NewestFirstRanking`).
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

    /// The serial's top bits: a slot of the article's quality within its day.
    static let slotBits: Int64 = 4
    static let slotSerialBits = serialBits - slotBits
    static let slotCount = 1 << Int(slotBits)

    /// The first docid of a dated article: docids below it are undated.
    static let firstDatedDocid = firstDatedKey << serialBits

    /// What `meta` holds under `metaKey` in an index whose docids are all chronological.
    static let metaKey = MetaKey.docidOrder.rawValue
    static let metaValue = "day"
    /// Set in `meta` once a day overflowed into a later key.
    static let overflowMetaKey = MetaKey.docidOverflow.rawValue
    /// In `meta`, the raw quality thresholds of the slots (a JSON array, ascending), in an
    /// index whose docids have quality slots.
    static let qualitySlotsMetaKey = MetaKey.docidQualitySlots.rawValue
    /// In `meta`, per slot, the highest quality percentile of its articles or of any slot
    /// below it (a JSON array), as of the last index run's end.
    static let slotQualityRanksMetaKey = MetaKey.docidSlotQualityRanks.rawValue

    /// The slot of an article with raw quality `quality`, for `thresholds` (`slotThresholds`).
    /// An article without a quality ranks as the median, so it takes the median's slot.
    static func slot(quality: Int?, thresholds: [Int]) -> Int {
        guard let quality else { return min(thresholds.count / 2 + 1, slotCount - 1) }
        return min(thresholds.count { $0 <= quality }, slotCount - 1)
    }

    /// Thresholds that cut `qualities` into `slotCount` slots of about as many articles each.
    static func slotThresholds(_ qualities: [Int]) -> [Int] {
        let sorted = qualities.sorted()
        guard !sorted.isEmpty else { return [] }
        return (1..<slotCount).map { sorted[min(sorted.count - 1, $0 * sorted.count / slotCount)] }
    }

    /// The slot of a docid (meaningful in an index with quality slots).
    static func slot(docid: Int64) -> Int {
        Int((docid >> slotSerialBits) & Int64(slotCount - 1))
    }

    /// The range of docids of `slot` within `key`.
    static func docids(key: Int64, slot: Int) -> ClosedRange<Int64> {
        let first = key << serialBits | Int64(slot) << slotSerialBits
        return first...(first + (1 << slotSerialBits) - 1)
    }

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
        /// Per quality slot, the highest quality percentile at or below it
        /// (`slotQualityRanksMetaKey`); nil when the docids have no quality slots.
        var slotQualityRanks: [Double]? = nil
    }

    /// The state of the index's docids, nil when they are not all chronological (an index
    /// made by a newsq before them, until it is rebuilt).
    static func state(_ db: Database) throws -> State? {
        let flags = try Dictionary(
            uniqueKeysWithValues: Row.fetchAll(
                db, sql: "SELECT key, value FROM meta WHERE (key = ? AND value = ?) OR key IN (?, ?)",
                arguments: [metaKey, metaValue, overflowMetaKey, slotQualityRanksMetaKey]
            ).map { ($0[0] as String, $0[1] as String) })
        guard flags[metaKey] != nil else { return nil }
        let hasUndated =
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM articles WHERE docid < ?)",
                arguments: [firstDatedDocid]) ?? false
        let ranks = flags[slotQualityRanksMetaKey].flatMap { try? JSONDecoder().decode([Double].self, from: Data($0.utf8)) }
        return State(
            hasUndated: hasUndated, overflowed: flags[overflowMetaKey] != nil,
            slotQualityRanks: ranks?.count == slotCount ? ranks : nil)
    }

    /// The quality thresholds of the index's slots; nil when its docids have none.
    static func slotThresholds(_ db: Database) throws -> [Int]? {
        try IndexMeta.value(.docidQualitySlots, in: db)
            .flatMap { try? JSONDecoder().decode([Int].self, from: Data($0.utf8)) }
    }

    /// Notes per slot the highest quality percentile at or below it, for searches to bound a
    /// slot's matches by (`slotQualityRanksMetaKey`). An article without a quality, or not yet
    /// ranked (an index run in progress), ranks as the median: every slot counts 0.5 at least.
    /// Call where the percentiles change, in the same transaction.
    static func recordSlotQualityRanks(_ db: Database) throws {
        guard try slotThresholds(db) != nil else { return }
        var highest = [Double](repeating: 0.5, count: slotCount)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT (docid >> ?) & ? AS slot, max(quality_rank) FROM articles WHERE docid >= ? GROUP BY slot
                """, arguments: [slotSerialBits, slotCount - 1, firstDatedDocid])
        for row in rows {
            let slot: Int = row[0]
            if let rank = row[1] as Double? { highest[slot] = max(highest[slot], rank) }
        }
        for slot in highest.indices.dropFirst() { highest[slot] = max(highest[slot], highest[slot - 1]) }
        let text = String(decoding: try JSONEncoder().encode(highest), as: UTF8.self)
        try IndexMeta.set(.docidSlotQualityRanks, to: text, in: db)
    }
}
