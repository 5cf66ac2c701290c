import GRDBSQLite

/// A call of FTS5's extension API that did not return `SQLITE_OK`, holding the code it returned.
///
/// newsq's auxiliary functions hand that code back to SQLite unchanged
/// (`sqlite3_result_error_code`), so the statement fails with it: a damaged page reads as
/// `SQLITE_CORRUPT` and an I/O error as `SQLITE_IOERR`, never as the plain `SQLITE_ERROR`
/// that a search reports as a query it did not understand.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#custom_auxiliary_functions>
struct FTS5CallFailure: Error, Equatable {
    let code: Int32

    /// Throws the code of a call that failed; returns for `SQLITE_OK`.
    static func check(_ code: Int32) throws(FTS5CallFailure) {
        guard code == SQLITE_OK else { throw FTS5CallFailure(code: code) }
    }
}
