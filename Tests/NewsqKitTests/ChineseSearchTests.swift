import Foundation
import Testing
@testable import NewsqKit

/// Chinese search finds every article that contains the query, whatever the segmentation,
/// and nothing else; variants of a query find the same articles.
@Suite struct ChineseSearchTests {
    static let corpus: IndexedCorpus = {
        let directory = TemporaryDirectory()
        let articles: [(String, String, String)] = [
            ("word", "中国经济持续增长", "中国经济在2021年6月30日公布的数据中表现稳定，增长１０％。"),
            ("boundary", "发展中国家的机遇", "许多发展中国家正在寻找新的增长点。"),
            ("traditional", "人工智慧監管條例通過", "臺灣立法院通過人工智慧監管條例，經濟部表示歡迎。"),
            ("glued", "AI监管进入新阶段", "各地AI监管政策陆续出台，重跑gen-itgc后结果一致。"),
            ("fullwidth", "ＡＩ芯片出口管制", "２０２３年１０月，美国宣布新的ＡＩ芯片出口管制措施。"),
            ("punctuation", "「数据安全法」正式施行", "《数据安全法》自2021年9月1日起施行，明确了数据分类分级保护制度。"),
            ("english", "Chip export controls", "The United States tightened export controls on AI chips."),
        ]
        for (id, title, body) in articles {
            directory.write(id + ".md", articleFile(title: title, body: body))
        }
        let indexed = try! IndexedCorpus(root: directory.url)
        return indexed
    }()

    @Test(arguments: [
        ("中国", ["boundary", "word"]),
        ("国家", ["boundary"]),
        ("人工智能", []),
        ("人工智慧", ["traditional"]),
        ("监管", ["glued", "traditional"]),
        ("監管", ["glued", "traditional"]),
        ("AI监管", ["glued"]),
        ("ai監管", ["glued"]),
        ("ＡＩ芯片", ["fullwidth"]),
        ("AI芯片", ["fullwidth"]),
        ("2023年10月", ["fullwidth"]),
        ("２０２３年１０月", ["fullwidth"]),
        ("10％", ["word"]),
        ("10%", ["word"]),
        ("2021年6月30日", ["word"]),
        ("2021年", ["punctuation", "word"]),
        ("gen-itgc", ["glued"]),
        ("重跑", ["glued"]),
        ("数据安全法", ["punctuation"]),
        ("「数据安全法」", ["punctuation"]),
        ("經濟", ["traditional", "word"]),
        ("经济", ["traditional", "word"]),
        ("export controls", ["english"]),
        ("展中国", ["boundary"]),
        ("国经", ["word"]),
    ])
    func findsExactlyTheArticlesThatContainTheQuery(query: String, expected: [String]) throws {
        #expect(try Self.corpus.ids(query, limit: 50).sorted() == expected)
    }

    @Test func aRealWordRanksAboveCharactersThatTouchAcrossAWordBoundary() throws {
        let hits = try Self.corpus.search("中国").hits
        #expect(hits.map(\.id) == ["word", "boundary"])
        #expect(hits[0].score > hits[1].score)
    }

    @Test(arguments: [("人工智慧", "人工智慧"), ("条例", "條例"), ("AI监管", "AI监管"), ("2021年6月30日", "2021年6月30日")])
    func matchedCharactersAreHighlightedAsOneRun(query: String, highlighted: String) throws {
        let hit = try #require(try Self.corpus.search(query).hits.first)
        let runs = (hit.title.runs + hit.snippet.runs).filter(\.isMatch).map(\.text)
        #expect(runs.contains(highlighted), "\(runs)")
        for run in runs { #expect(run.count <= highlighted.count, "over-long highlight \(run)") }
    }

    @Test func snippetsStartNearTheMatch() throws {
        let directory = TemporaryDirectory()
        let filler = String(repeating: "今天天气很好，大家都去公园散步。", count: 40)
        directory.write("long.md", articleFile(title: "天气", body: filler + "央行宣布降准。" + filler))
        let indexed = try IndexedCorpus(root: directory.url)
        let snippet = try #require(try indexed.search("降准").hits.first).snippet
        let plain = snippet.plain
        let matchOffset = try #require(plain.range(of: "降准")).lowerBound
        #expect(plain.distance(from: plain.startIndex, to: matchOffset) < 40)
        #expect(snippet.runs.filter(\.isMatch).map(\.text) == ["降准"])
    }

    /// FTS5 cuts a snippet between two characters; the snippet shows the words at its cuts whole.
    @Test func snippetsStartAndEndOnWholeWords() throws {
        let directory = TemporaryDirectory()
        let words = ["我们", "今天", "讨论", "经济", "政策", "，"]
        var seed: UInt64 = 7
        let filler = (0..<120).map { _ -> String in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return words[Int((seed >> 33) % UInt64(words.count))]
        }
        directory.write("long.md", articleFile(title: "天气", body: filler.joined() + "央行宣布降准" + filler.reversed().joined()))
        let indexed = try IndexedCorpus(root: directory.url)
        let snippet = try #require(try indexed.search("降准").hits.first).snippet
        var plain = snippet.plain
        #expect(plain.hasPrefix("…") && plain.hasSuffix("…"), "\(plain)")
        plain = String(plain.dropFirst().dropLast())
        // What is left is whole words of the filler around the whole words of the match.
        let whole = try Regex("^(我们|今天|讨论|经济|政策|，)*央行宣布降准(我们|今天|讨论|经济|政策|，)*$")
        #expect(plain.wholeMatch(of: whole) != nil, "\(plain)")
        #expect(plain.count > 10)
    }

    @Test(arguments: [
        ("我们今天讨论政策", "天讨", "今天讨论"),
        ("我们今天讨论政策", "们今天讨论政", "我们今天讨论政策"),
        ("我们今天讨论政策", "今天", "今天"),
        ("我们今天讨论政策", "我", "我们"),
        ("export controls on chips", "port contr", "export controls"),
        ("export controls on chips", "controls on", "controls on"),
    ])
    func aCutRangeWidensToTheWordsItCuts(text: String, cut: String, whole: String) throws {
        let analyzer = try Analyzer()
        var text = text
        let start = text.utf8.distance(from: text.startIndex, to: try #require(text.range(of: cut)).lowerBound)
        let widened = text.withUTF8 { analyzer.wholeWords(start..<(start + cut.utf8.count), in: $0) }
        let bytes = Array(text.utf8)[widened]
        #expect(String(decoding: bytes, as: UTF8.self) == whole)
    }

    /// FTS5's snippet (marks as `[` `]` here), the column it was cut from, and the snippet shown.
    @Test(arguments: [
        ("…今年以来AI[监]…", "开展今年以来AI监管工作", "…今年以来AI[监管]…"),
        ("…[管]工作…", "AI监管工作开展顺利", "…[监管]工作…"),
        ("我们[今天]讨…", "我们今天讨论政策", "我们[今天]讨论…"),
        ("…们[今天]讨论政策", "我们今天讨论政策", "我们[今天]讨论政策"),
        ("AI[监管]工作", "AI监管工作", "AI[监管]工作"),
        ("…not in the column…", "AI监管工作", "…not in the column…"),
    ])
    func aSnippetCutInsideAWordShowsItWhole(snippet: String, column: String, shown: String) throws {
        let marks = { (text: String) in
            text.replacingOccurrences(of: "[", with: SearchEngine.openMark).replacingOccurrences(
                of: "]", with: SearchEngine.closeMark)
        }
        let widened = WholeWordSnippet.widen(marks(snippet), in: column, analyzer: try Analyzer())
        #expect(widened == marks(shown))
    }
}
