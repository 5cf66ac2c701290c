import GRDB
import GRDBSQLite

/// `newsq_match_spans(article_fts)`: where the current row holds the query's phrases, as FTS5
/// found them, for snippets that show every match they hold whole (`WholeMatchSnippet`).
///
/// The text lists each instance of a phrase as `column:first-last,`, with `first` and `last`
/// the positions of the phrase's first and last tokens in that column. A phrase of
/// several tokens (an English phrase, a Chinese word asked as its pairs) is one span, so a
/// snippet can keep it together however FTS5 cut its window.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#custom_auxiliary_functions>
enum MatchSpansFunction {
    static let name = "newsq_match_spans"

    /// Registers the function on a connection. Throws SQLite's error when FTS5 refuses it.
    static func register(on db: Database) throws {
        let api = FTS5.api(db)
        let code = api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), name, nil, matchSpans, nil)
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the FTS5 function \(name)")
        }
    }

    /// The spans in `text` (the function's result), by column; positions are inclusive.
    static func spansByColumn(_ text: String?) -> [Int: [ClosedRange<Int>]] {
        var spans: [Int: [ClosedRange<Int>]] = [:]
        for item in (text ?? "").split(separator: ",") {
            let parts = item.split(separator: ":")
            guard parts.count == 2, let column = Int(parts[0]) else { continue }
            let bounds = parts[1].split(separator: "-").compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] <= bounds[1] else { continue }
            spans[column, default: []].append(bounds[0]...bounds[1])
        }
        return spans
    }
}

private let matchSpans: fts5_extension_function = { api, fts, context, count, _ in
    guard let api, let fts, count == 0 else {
        sqlite3_result_error(context, "\(MatchSpansFunction.name)(article_fts) was called wrongly", -1)
        return
    }
    do throws(FTS5CallFailure) {
        var instances: Int32 = 0
        try FTS5CallFailure.check(api.pointee.xInstCount(fts, &instances))
        var text = ""
        for instance in 0..<instances {
            var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
            try FTS5CallFailure.check(api.pointee.xInst(fts, instance, &phrase, &column, &offset))
            let size = api.pointee.xPhraseSize(fts, phrase)
            guard size > 0 else { continue }
            text += "\(column):\(offset)-\(offset + size - 1),"
        }
        sqlite3_result_text(context, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    } catch {
        sqlite3_result_error_code(context, error.code)
    }
}
