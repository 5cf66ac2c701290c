import Testing
@testable import NewsqKit

/// The indexer's workers analyse texts ahead and the tokenizer replays them: a replay must
/// hand SQLite exactly what analysing the text would have.
@Suite struct PreanalysedTextTests {
    let analyzer = try! Analyzer()

    private struct Replayed: Equatable {
        let folded: [UInt8]
        let start: Int
        let end: Int
        let kind: WordKind
        let isColocated: Bool

        init(_ token: TokenView) {
            folded = Array(token.folded)
            start = token.start
            end = token.end
            kind = token.kind
            isColocated = token.isColocated
        }
    }

    @Test(arguments: [
        "",
        "AI regulation in the EU's act, 3.5% growth",
        "人工智能监管政策，經濟增长１０％",
        "重跑gen-itgc后 China’s AI rules 二○○○年",
        "— !!! 🙂 ...",
    ])
    func replayEqualsAnalysis(text: String) {
        var direct: [Replayed] = []
        var bytes = text
        bytes.withUTF8 { utf8 in
            analyzer.forEachToken(in: utf8, mode: .document) {
                direct.append(Replayed($0)); return true
            }
        }
        var replayed: [Replayed] = []
        let prepared = PreanalysedText(text, analyzer: analyzer)
        prepared.forEachToken {
            replayed.append(Replayed($0)); return true
        }
        #expect(replayed == direct)
        #expect(prepared.tokenCount == direct.count)
    }

    @Test(arguments: [
        ("监管政策", "监管政策", true),
        ("监管政策", "监管政", false),
        ("AI rules", "AI rulez", false),
        ("", "", true),
    ])
    func replaysOnlyForTheSameBytes(analysed: String, offered: String, matches: Bool) {
        let prepared = PreanalysedText(analysed, analyzer: analyzer)
        var offered = offered
        #expect(offered.withUTF8 { prepared.isAnalysis(of: $0) } == matches)
    }

    @Test func stopsWhenAsked() {
        let prepared = PreanalysedText("one two three four", analyzer: analyzer)
        var seen = 0
        prepared.forEachToken { _ in
            seen += 1; return seen < 2
        }
        #expect(seen == 2)
    }
}
