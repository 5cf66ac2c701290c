import Testing
@testable import NewsqKit

@Suite struct AnalyzerTests {
    let analyzer = try! Analyzer()

    /// Folding, in query mode (where a Chinese run reads as its character pairs, then its last
    /// character when a token follows it: at the end, the last pair implies it).
    @Test(arguments: [
        ("AI regulation", ["ai", "regulation"]),
        ("China’s AI rules", ["china", "ai", "rules"]),
        ("the EU's act", ["the", "eu", "act"]),
        ("Straße", ["strasse"]),
        ("Café Thierry Breton", ["cafe", "thierry", "breton"]),
        ("ＡＩ监管", ["ai", "监管"]),
        ("AI监管", ["ai", "监管"]),
        ("監管", ["监管"]),
        ("經濟", ["经济"]),
        // ICU's transform also maps some characters that are already simplified; documents and
        // queries share the table, so matching is unaffected.
        ("著作", ["着作"]),
        ("１９９８年", ["1998", "年"]),
        ("1998年", ["1998", "年"]),
        ("2021年6月30日", ["2021", "年", "6", "月", "30", "日"]),
        ("重跑gen-itgc后", ["重跑", "跑", "gen", "itgc", "后"]),
        ("U.S. don't", ["us", "dont"]),
        ("3.5% growth, 2021", ["3.5", "%", "growth", "2021"]),
        ("增长１０％，% 符号", ["增长", "长", "10", "%", "符号"]),
        ("二○○○年", ["二〇", "〇〇", "〇〇", "〇年"]),
        ("— !!! 🙂 ...", []),
        ("人工智能", ["人工", "工智", "智能"]),
        ("「监管」，《规定》", ["监管", "管", "规定"]),
    ])
    func queryTokensAreFolded(text: String, expected: [String]) {
        #expect(analyzer.tokens(in: text, mode: .query).map(\.text) == expected)
    }

    /// The character a query leaves out at its end, for highlights to ask for again.
    @Test(
        arguments: [
            ("领导", "导"), ("AI监管", "管"), ("人工智能", "能"), ("「监管」，《规定》", "定"), ("經濟", "濟"),
            ("领导 said", nil), ("年", nil), ("AI", nil), ("监管 AI", nil), ("1998年", nil),
        ] as [(String, String?)])
    func omittedLastCharacter(text: String, expected: String?) {
        #expect(analyzer.omittedLastCharacter(ofQuery: text) == expected)
    }

    /// Documents index each Chinese character, each pair (colocated) and each dictionary word
    /// of two or more characters (colocated, marked `w:`), one position per character.
    @Test(arguments: [
        ("监管", ["监@0", "监管@0+", "w:监管@0+", "管@1"]),
        ("AI监管", ["ai@0", "监@1", "监管@1+", "w:监管@1+", "管@2"]),
        ("年", ["年@0"]),
        ("發展中國家", ["发@0", "发展@0+", "w:发展中国家@0+", "展@1", "展中@1+", "中@2", "中国@2+", "国@3", "国家@3+", "家@4"]),
    ])
    func documentTokensOfChinese(text: String, expected: [String]) {
        let tokens = analyzer.tokens(in: text, mode: .document)
        #expect(tokens.map { "\($0.displayText)@\($0.position)\($0.isColocated ? "+" : "")" } == expected)
    }

    @Test(arguments: [("中国", true), ("人工智能", false), ("监管 政策", false), ("AI监管", false), ("年", false)])
    func singleChineseWordsAreRecognised(text: String, expected: Bool) {
        #expect(analyzer.isSingleChineseWord(text) == expected)
    }

    @Test(arguments: [
        "China’s AI监管 政策, 2021年6月30日 — ＡＩ & Straße!",
        "人工智慧監管條例在臺灣通過。",
        "🙂🙂 emoji 👩‍👩‍👧 and combining e\u{301}",
        String(repeating: "长文本测试", count: 5),
    ])
    func offsetsLieInTheInputInOrderOnCharacterBoundaries(text: String) {
        for mode in [AnalysisMode.document, .query] {
            let utf8 = Array(text.utf8)
            let tokens = analyzer.tokens(in: text, mode: mode)
            var previousStart = 0
            for token in tokens {
                #expect(token.start >= previousStart)
                #expect(token.end > token.start && token.end <= utf8.count)
                #expect(String(validating: utf8[token.start..<token.end], as: UTF8.self) != nil)
                previousStart = token.start
            }
            let main = tokens.filter { !$0.isColocated }
            #expect(main.map(\.position) == Array(0..<main.count))
            // A document's main tokens never overlap: a highlight of consecutive positions is one
            // clean run of characters. (A query's character pairs overlap by design.)
            if mode == .document {
                for (before, after) in zip(main, main.dropFirst()) { #expect(before.end <= after.start) }
            }
        }
    }
}
