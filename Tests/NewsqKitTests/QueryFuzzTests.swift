import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// Feeds the query parser and the search engine random and adversarial queries: FTS5 and SQL
/// syntax, unbalanced quotes and parentheses, column filters, control characters, noncharacters,
/// text decoded from invalid UTF-8, and queries up to 100 KB. None may crash, none may fail with
/// anything but a `QueryError` sentence, no message may carry the engine's words, and no
/// statement SQLite runs may contain the user's text (it travels as a bound parameter only).
///
/// Short by default; `scripts/fuzz-queries` runs it long with `NEWSQ_FUZZ_INPUTS` and `NEWSQ_SEED`.
@Suite(.serialized) struct QueryFuzzTests {
    static let inputs = environmentInt("NEWSQ_FUZZ_INPUTS", default: 3_000)
    /// Put in some queries: if SQL were built from user text, a statement would contain it.
    static let marker = "zqxwvmarker"

    /// Words SQLite, FTS5 or GRDB would put in an error, which users must never read.
    static let engineWords = ["fts5", "sqlite", "syntax error", "malformed", "no such", "unterminated", "unrecognized", "SQL"]

    /// SQL texts that connections ran, from GRDB's trace, without bound values.
    final class StatementLog: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: Set<String> = []
        func add(_ sql: String) { lock.withLock { _ = texts.insert(sql) } }
        var all: Set<String> { lock.withLock { texts } }
    }

    /// What came of each input.
    struct Tally {
        var searched = 0, refused = 0, notUnderstood = 0, failures: [String] = []
        var notUnderstoodExamples: [String] = []
        /// Inputs with a NUL that FTS5 failed on (see the known issue below).
        var nulInPhrase: [String] = []
    }

    @Test func hostileQueriesNeverCrashNorLeakEngineErrorsNorReachTheSQL() throws {
        let corpus = try IndexedCorpus(root: Repository.corpus)
        let log = StatementLog()
        let database = try ArchiveDatabase.openForReading(
            path: corpus.database.path,
            prepare: { db in
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { log.add(statement.sql) }
                }
            })
        let engine = SearchEngine(database: database)
        let analyzer = try Analyzer()
        let seed = testSeed(default: 100)
        var fuzzer = HostileQueries(seed: seed)
        var tally = Tally()
        let started = Date()
        for index in 0..<Self.inputs {
            let query = fuzzer.next(index)
            Self.run(query, engine: engine, analyzer: analyzer, into: &tally)
        }
        let seconds = Date().timeIntervalSince(started)

        // A NUL inside a quoted phrase used to end FTS5's expression early ("unterminated
        // string"); FTS5QueryRenderer.quoted now makes it a space, scalar by scalar (a NUL or a
        // quote before a combining mark is one Character, which String replacing misses).
        let nulInPhrase = tally.nulInPhrase
        let failures = tally.failures
        #expect(nulInPhrase.isEmpty, "\(nulInPhrase.count) inputs, e.g. \(nulInPhrase.prefix(2))")
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let leaked = log.all.filter { $0.contains(Self.marker) }
        #expect(leaked.isEmpty, "user text inside SQL: \(leaked.prefix(3))")
        #expect(tally.searched > Self.inputs / 4, "most inputs should reach the engine: \(tally)")
        print(
            """
            query fuzzer: \(Self.inputs) inputs (seed \(seed)) in \(String(format: "%.1f", seconds)) s: 0 crashes, \
            \(failures.count) failures, \(nulInPhrase.count) known (NUL in a phrase), \(tally.searched) searched, \(tally.refused) refused with a sentence, \
            \(tally.notUnderstood) not understood by FTS5 (\(tally.notUnderstoodExamples.prefix(3))), \
            \(log.all.count) distinct SQL statements, none with user text
            """)
    }

    private static func run(_ query: String, engine: SearchEngine, analyzer: Analyzer, into tally: inout Tally) {
        let shown = String(
            query.unicodeScalars.prefix(80).map { $0.value < 0x20 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined())
        do {
            let parsed = try SearchQuery(query, analyzer: analyzer)
            let results = try engine.search(
                SearchRequest(query: parsed, limit: 5, ranking: RankingFormula(now: IndexedCorpus.now)))
            tally.searched += 1
            if results.hits.count > 5 || results.total < results.hits.count {
                tally.failures.append("\(shown): \(results.hits.count) hits of \(results.total)")
            }
        } catch let error as QueryError {
            if case .notUnderstood = error {
                tally.notUnderstood += 1
                if tally.notUnderstoodExamples.count < 5 { tally.notUnderstoodExamples.append(shown) }
            } else {
                tally.refused += 1
            }
            let sentence = error.description
            if let word = engineWords.first(where: { sentence.range(of: $0, options: .caseInsensitive) != nil }) {
                tally.failures.append("\(shown): the message shows `\(word)`: \(sentence)")
            }
        } catch let error as IndexError
            where query.unicodeScalars.contains("\u{0}")
            && error.description.contains("unterminated string")
        {
            tally.nulInPhrase.append(shown)
        } catch {
            tally.failures.append("\(shown): \(type(of: error)): \(error)")
        }
    }

    /// Bytes that are not UTF-8 reach `newsq search` through the shell: the process must
    /// answer with a hit list or a sentence, never a crash.
    @Test(arguments: [#"\377\376"#, #"ai \300\200 regulation"#, #"\355\240\200"#, #"\"\377"#, #"title:\366("#])
    func invalidUTF8ArgumentsAreReadWithoutCrashing(bytes: String) throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", Repository.corpus.path, "--db", db, "--quiet"]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" search \"$(printf '\(bytes)')\" --db \"$1\"", Newsq.executable.path, db]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0 || process.terminationStatus == 1, "\(message)")
        #expect(Self.engineWords.allSatisfy { !message.contains($0) }, "\(message)")
    }
}

/// Random and adversarial queries, reproducible from a seed.
struct HostileQueries {
    private var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    static let fragments: [String] = [
        // FTS5 query syntax and column filters
        "AND", "OR", "NOT", "NEAR", "NEAR(", "NEAR(a b, 2)", "^", "*", "+", "-", ":", "\"", "'", "(", ")", "{", "}",
        "title:", "topic:", "provider:", "body:", "excerpt:", "rank:", "rowid:", "article_fts:", "{title body}:",
        "- title:", "-(", "\"\"", "\"a\" \"", "()", "(((", ")))", "* *", "a*b", "*ai", "ai**", "OR OR", "AND NOT",
        "NOT NOT", "NEAR/3", "title:(", "title:\"", "\"title:ai\"", "-\"", "--", "\\", "\\\"", "''",
        // SQL
        "'; DROP TABLE articles; --", "\" OR 1=1 --", "%", "_", "/*", "*/", ";", "NULL", "' OR ''='", "char(0)",
        "highlight(article_fts, 0, '[', ']')", "bm25(article_fts)", "MATCH", "SELECT * FROM articles",
        QueryFuzzTests.marker, QueryFuzzTests.marker + "*", "title:" + QueryFuzzTests.marker,
        // words the sample corpus holds, so some queries match
        "ai", "regulation", "chips", "export", "controls", "rates", "EU", "china", "semiconductor", "regul*",
        "人工智能", "监管", "監管", "芯片", "数据安全", "人工智能监管", "２０２３年", "ＡＩ", "café", "China’s",
        // control characters, odd spaces, marks, joiners, bidi, noncharacters, replacement
        "\u{0}", "\u{1}", "\u{2}", "\u{7}", "\u{8}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}",
        "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{202E}", "\u{2066}", "\u{301}", "a\u{301}\u{301}\u{301}", "\u{FFFD}",
        "\u{0}\u{301}", "\"\u{301}", "\u{FFFE}", "\u{FFFF}", "\u{E000}", "\u{10FFFF}", "\u{1F600}", "👨‍👩‍👧‍👦", "🇨🇳", "ﷺ", "ǅ", "ß", "İ",
        "ﬁ",
        "\u{3000}", "（", "）", "“", "”", "「", "」", "：", "－",
    ]

    static let separators = ["", " ", " ", " ", "  ", "\t", "\n", "\u{3000}"]

    mutating func next(_ index: Int) -> String {
        switch index % 25 {
        case 0: return long()
        case 1: return randomScalars(Int.random(in: 1...60, using: &random))
        case 2: return decodedGarbage(Int.random(in: 1...80, using: &random))
        default: return mixed(Int.random(in: 1...30, using: &random))
        }
    }

    /// Fragments one after another with random separators.
    private mutating func mixed(_ count: Int) -> String {
        var text = ""
        for _ in 0..<count {
            text += Self.fragments.randomElement(using: &random)!
            text += Self.separators.randomElement(using: &random)!
        }
        return text
    }

    /// 10 to 100 KB: fragments, one endless word, or endless parentheses or quotes.
    private mutating func long() -> String {
        let bytes = Int.random(in: 10_000...100_000, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            var text = ""
            while text.utf8.count < bytes { text += mixed(20) }
            return text
        case 1: return String(repeating: "a", count: bytes)
        case 2: return String(repeating: "(", count: bytes / 2) + "ai" + String(repeating: "\"", count: bytes / 2)
        default: return String(repeating: "监管", count: bytes / 6)
        }
    }

    /// Any Unicode scalars, weighted towards the troublesome ranges.
    private mutating func randomScalars(_ count: Int) -> String {
        let ranges: [ClosedRange<UInt32>] = [
            0...0x7F, 0x80...0x7FF, 0x2000...0x2BFF, 0x3000...0x9FFF,
            0xE000...0xF8FF, 0xFFF0...0xFFFF, 0x10000...0x10FFFF,
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count {
            let range = ranges.randomElement(using: &random)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// What a program gets from bytes that are not UTF-8: U+FFFD where they break.
    private mutating func decodedGarbage(_ count: Int) -> String {
        String(decoding: (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }, as: UTF8.self)
    }
}
