import Testing
@testable import NewsqKit

@Suite struct AnalyzerTests {
    let analyzer = try! Analyzer()

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
        ("U.S. don't", ["us", "dont"]),
        ("3.5% growth, 2021", ["3.5", "growth", "2021"]),
        ("— !!! 🙂 ...", []),
        ("人工智能监管", ["人工", "智能", "监管"]),
    ])
    func segmentsAndFolds(text: String, expected: [String]) {
        #expect(analyzer.tokens(in: text).map(\.text) == expected)
    }

    @Test(arguments: [
        "China’s AI监管 政策, 2021年6月30日 — ＡＩ & Straße!",
        "人工智慧監管條例在臺灣通過。",
        "🙂🙂 emoji 👩‍👩‍👧 and combining e\u{301}",
        String(repeating: "长文本测试", count: 5),
    ])
    func offsetsLieInTheInputInOrderOnCharacterBoundaries(text: String) {
        let utf8 = Array(text.utf8)
        let tokens = analyzer.tokens(in: text)
        var previousEnd = 0
        for token in tokens {
            #expect(token.start >= previousEnd)
            #expect(token.end > token.start && token.end <= utf8.count)
            #expect(String(validating: utf8[token.start..<token.end], as: UTF8.self) != nil)
            previousEnd = token.end
        }
        #expect(tokens.map(\.position) == Array(0..<tokens.count))
    }
}
