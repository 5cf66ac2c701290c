import GRDB
import GRDBSQLite

/// The `newsq` FTS5 tokenizer: hands SQLite the tokens of the analysis pipeline, so documents
/// and queries are analysed exactly alike and `highlight()`/`snippet()` mark original bytes.
///
/// Tables use it under FTS5's `porter` stemmer: `tokenize='porter newsq'`. It is registered
/// through FTS5's C API rather than GRDB's, because a writer connection hands it that
/// connection's `TokenReplay` as user data.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#custom_tokenizers>
final class NewsqTokenizer {
    static let name = "newsq"

    /// SQLite creates one tokenizer per table and connection and uses it from that
    /// connection's thread only, which is what the analyzer's ICU state requires.
    private let analyzer: Analyzer
    /// The rows the connection's indexer analysed ahead; nil on connections that never write.
    private let replay: TokenReplay?

    private init(replay: TokenReplay?) throws {
        analyzer = try Analyzer()
        self.replay = replay
    }

    /// Registers the tokenizer on a connection, with the replay of the rows that connection
    /// writes (nil for a connection that only reads). Throws SQLite's error when FTS5 refuses it.
    static func register(on db: Database, replay: TokenReplay?) throws {
        let api = FTS5.api(db)
        // FTS5 keeps the reference while the tokenizer is registered and drops it with the
        // connection, through the destructor; on failure it has already called the destructor.
        let userData = Unmanaged.passRetained(UserData(replay: replay)).toOpaque()
        var methods = fts5_tokenizer(xCreate: createTokenizer, xDelete: deleteTokenizer, xTokenize: tokenizeText)
        let code = withUnsafeMutablePointer(to: &methods) { methods in
            api.pointee.xCreateTokenizer(UnsafeMutablePointer(mutating: api), name, userData, methods) { userData in
                if let userData { Unmanaged<UserData>.fromOpaque(userData).release() }
            }
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register the FTS5 tokenizer \(name)")
        }
    }

    /// What every tokenizer FTS5 creates on the connection shares.
    fileprivate final class UserData {
        let replay: TokenReplay?
        init(replay: TokenReplay?) { self.replay = replay }
    }

    fileprivate static func make(_ userData: UnsafeMutableRawPointer?) -> NewsqTokenizer? {
        guard let userData else { return nil }
        return try? NewsqTokenizer(replay: Unmanaged<UserData>.fromOpaque(userData).takeUnretainedValue().replay)
    }

    fileprivate func tokenize(
        context: UnsafeMutableRawPointer?,
        flags: CInt,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return SQLITE_OK }
        let tokenization = FTS5Tokenization(rawValue: flags)
        // Highlights and snippets (aux) re-tokenize documents, so they must see document tokens.
        let mode: AnalysisMode = tokenization.contains(.query) || tokenization.contains(.prefix) ? .query : .document
        var status: CInt = SQLITE_OK
        let emit = { (token: TokenView) -> Bool in
            let flags = token.isColocated ? FTS5TokenFlags.colocated.rawValue : 0
            token.folded.withMemoryRebound(to: CChar.self) { folded in
                status = tokenCallback(
                    context, flags, folded.baseAddress, CInt(folded.count), CInt(token.start), CInt(token.end))
            }
            return status == SQLITE_OK
        }
        pText.withMemoryRebound(to: UInt8.self, capacity: Int(nText)) { base in
            let text = UnsafeBufferPointer(start: base, count: Int(nText))
            // Rows the indexer writes were analysed ahead on its worker threads.
            if tokenization.contains(.document), let prepared = replay?.analysis(of: text) {
                prepared.forEachToken(emit)
            } else {
                analyzer.forEachToken(in: text, mode: mode, emit)
            }
        }
        return status
    }
}

private func createTokenizer(
    userData: UnsafeMutableRawPointer?, arguments: UnsafeMutablePointer<UnsafePointer<CChar>?>?, count: CInt,
    tokenizer: UnsafeMutablePointer<OpaquePointer?>?
) -> CInt {
    guard let tokenizer, let made = NewsqTokenizer.make(userData) else { return SQLITE_ERROR }
    // FTS5 owns the tokenizer until it calls `deleteTokenizer`.
    tokenizer.pointee = OpaquePointer(Unmanaged.passRetained(made).toOpaque())
    return SQLITE_OK
}

private func deleteTokenizer(_ tokenizer: OpaquePointer?) {
    guard let tokenizer else { return }
    Unmanaged<NewsqTokenizer>.fromOpaque(UnsafeMutableRawPointer(tokenizer)).release()
}

private func tokenizeText(
    tokenizer: OpaquePointer?, context: UnsafeMutableRawPointer?, flags: CInt, pText: UnsafePointer<CChar>?, nText: CInt,
    tokenCallback: (@convention(c) (UnsafeMutableRawPointer?, CInt, UnsafePointer<CChar>?, CInt, CInt, CInt) -> CInt)?
) -> CInt {
    guard let tokenizer, let tokenCallback else { return SQLITE_ERROR }
    let newsq = Unmanaged<NewsqTokenizer>.fromOpaque(UnsafeMutableRawPointer(tokenizer)).takeUnretainedValue()
    return newsq.tokenize(context: context, flags: flags, pText: pText, nText: nText, tokenCallback: tokenCallback)
}
