import GRDB

extension ArchiveDatabase {
    /// Stops the statements running on this object's connections as soon as SQLite checks:
    /// a search cut off this way fails. Safe to call from any thread; other `ArchiveDatabase`
    /// objects, even on the same file, are not affected.
    public func interrupt() {
        pool.interrupt()
    }
}
