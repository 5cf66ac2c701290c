import GRDB

/// The keys of the index's `meta` table: one list, so that a key is spelled once.
enum MetaKey: String, CaseIterable {
    /// The corpus folder the index was made from.
    case root
    /// When the last index run finished.
    case indexedAt = "indexed_at"
    /// `running` while an index run writes, `complete` once it finished.
    case runState = "run_state"
    /// Present (as `ChronologicalDocids.metaValue`) when every docid is chronological.
    case docidOrder = "docid_order"
    /// Set once a day's docids overflowed into a later key.
    case docidOverflow = "docid_overflow"
    /// The quality thresholds of the docids' slots within a day.
    case docidQualitySlots = "docid_quality_slots"
    /// The best quality percentile recorded in each slot.
    case docidSlotQualityRanks = "docid_slot_quality_ranks"
    /// The number of articles when the kept term counts were taken.
    case termStatisticsArticles = "term_statistics_articles"
    /// The articles added, changed or removed since the term counts were taken.
    case termStatisticsChanges = "term_statistics_changes"
    /// Set when the full-text index has new segments to merge.
    case fullTextMergeDue = "full_text_merge_due"
}

/// Reads and writes the index's `meta` table.
enum IndexMeta {
    /// The values of `MetaKey.runState`.
    static let running = "running"
    static let complete = "complete"

    /// The value under `key`, nil when there is none.
    static func value(_ key: MetaKey, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key.rawValue])
    }

    /// Whether there is a value under `key`.
    static func contains(_ key: MetaKey, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?)", arguments: [key.rawValue]) ?? false
    }

    /// Sets `key` to `value`, replacing what it held.
    static func set(_ key: MetaKey, to value: String, in db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [key.rawValue, value])
    }

    /// Removes `keys` and their values.
    static func remove(_ keys: [MetaKey], in db: Database) throws {
        guard !keys.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: keys.count).joined(separator: ", ")
        try db.execute(
            sql: "DELETE FROM meta WHERE key IN (\(placeholders))", arguments: StatementArguments(keys.map(\.rawValue)))
    }
}
