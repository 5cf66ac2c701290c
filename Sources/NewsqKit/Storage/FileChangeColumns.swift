import GRDB

/// The inode change time and inode number of each article's file, beside its size and
/// modification time, so that an index run notices every changed file without reading it.
///
/// Size and modification time miss a file rewritten and given its old time back (`touch -d`,
/// `rsync --times`, `tar x`), and two files of one size swapped with their times. Neither
/// the change time nor the inode number can be set by a program.
///
/// Added by migration `v5: file change time and inode`, which rebuilds `articles` with the two
/// columns among the small ones (see `ArchiveSchema.articleColumnsV2`), keeping every docid so
/// the full-text index stays valid. Rows from before hold 0 for both: the next run reads those
/// files once more, and re-indexes only those whose bytes changed.
enum FileChangeColumns {
    static let migrationName = "v5: file change time and inode"

    /// The columns of `articles` from v5 on.
    static let articleColumns: [(String, String)] = ArchiveSchema.articleColumnsV2.flatMap { column in
        column.0 == "file_mtime"
            ? [column, ("file_ctime", "INTEGER NOT NULL DEFAULT 0"), ("file_inode", "INTEGER NOT NULL DEFAULT 0")]
            : [column]
    }

    static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration(migrationName) { db in
            let kept = ArchiveSchema.articleColumnsV2.map(\.0).joined(separator: ", ")
            try db.execute(
                sql: """
                    CREATE TABLE articles_v5 (\(articleColumns.map { "\($0) \($1)" }.joined(separator: ", ")));
                    INSERT INTO articles_v5(\(kept)) SELECT \(kept) FROM articles ORDER BY docid;
                    DROP TABLE articles;
                    ALTER TABLE articles_v5 RENAME TO articles;
                    CREATE INDEX articles_published ON articles(published);
                    """)
            try db.execute(sql: RankingInputsIndex.createSQL)
        }
    }
}
