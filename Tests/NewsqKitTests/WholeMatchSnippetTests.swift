import Foundation
import Testing
@testable import NewsqKit

/// A snippet shows every phrase of the query that it holds whole and highlighted: FTS5's
/// window of 24 tokens never leaves half a phrase at its edges (`…中共中央总书记[江]…`), nor a
/// whole match unmarked at its start.
@Suite struct WholeMatchSnippetTests {
    /// A query, the text it matches, and filler words that never hold any of it.
    struct Case: Sendable, CustomStringConvertible {
        let query: String
        let phrase: String
        let filler: [String]
        let separator: String
        var description: String { query }
    }

    static let chineseFiller = ["今", "天", "气", "很", "好", "大", "家", "都", "去", "公", "园", "散", "步", "我", "们", "讨", "论", "政", "策"]
    static let englishFiller = ["the", "market", "closed", "higher", "today", "after", "steady", "trading", "in", "shares"]

    static let cases = [
        // A name, which the query asks for as the pairs 江泽 泽民.
        Case(query: "江泽民", phrase: "江泽民", filler: chineseFiller, separator: ""),
        // A compound of two dictionary words.
        Case(query: "金融危机", phrase: "金融危机", filler: chineseFiller, separator: ""),
        Case(query: "\"interest rates\"", phrase: "interest rates", filler: englishFiller, separator: " "),
    ]

    /// Gaps (in filler tokens) between two matches of a phrase, around FTS5's window of 24
    /// tokens: some put the second match across the window's end, or the first across its start.
    static let gaps = Array(12...28)

    /// Each case's phrase twice in an article's body for every gap, with filler around.
    static let corpus: IndexedCorpus = {
        let directory = TemporaryDirectory()
        for (caseIndex, testCase) in cases.enumerated() {
            for gap in gaps {
                func filler(_ count: Int, from start: Int) -> String {
                    (0..<count).map { testCase.filler[(start + $0) % testCase.filler.count] }.joined(
                        separator: testCase.separator)
                }
                let body = [filler(60, from: 0), testCase.phrase, filler(gap, from: 3), testCase.phrase, filler(60, from: 7)]
                    .joined(separator: testCase.separator)
                let day = String(format: "%02d", gap)
                directory.write(
                    "\(caseIndex)/2024-01-\(day).md",
                    articleFile(title: "Report \(caseIndex) \(gap)", body: body, date: "2024-01-\(day)T00:00:00Z"))
            }
        }
        return try! IndexedCorpus(root: directory.url)
    }()

    @Test(arguments: cases)
    func everyMatchASnippetHoldsIsWholeAndHighlighted(testCase: Case) throws {
        let hits = try Self.corpus.search(testCase.query, limit: 50).hits
        #expect(hits.count == Self.gaps.count)
        for hit in hits {
            let snippet = hit.snippet
            for run in snippet.runs where run.isMatch {
                #expect(
                    run.text.lowercased().contains(testCase.phrase),
                    "a cut match [\(run.text)] in \(snippet.marked(open: "[", close: "]"))")
            }
            // Each character of the snippet, and whether it is highlighted.
            let characters = snippet.runs.flatMap { run in run.text.map { ($0, run.isMatch) } }
            let plain = String(characters.map(\.0)).lowercased()
            var searchStart = plain.startIndex
            while let found = plain.range(of: testCase.phrase, range: searchStart..<plain.endIndex) {
                let first = plain.distance(from: plain.startIndex, to: found.lowerBound)
                let count = testCase.phrase.count
                let isHighlighted = characters[first..<(first + count)].allSatisfy { $0.1 }
                #expect(isHighlighted, "a match not highlighted in \(snippet.marked(open: "[", close: "]"))")
                searchStart = found.upperBound
            }
            #expect(plain.contains(testCase.phrase), "\(snippet.marked(open: "[", close: "]"))")
        }
    }
}
