import ArgumentParser
import Foundation
import NewsqKit

struct AnalyzeCommand: QueryWordsCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show how text is split into tokens and folded for search.",
        discussion: """
            Each row is one token: its position, its folded form (w: marks a Chinese dictionary \
            word), + when it shares the position of the token above (colocated), its byte range \
            in the input, the original text and its kind. Documents index every Chinese \
            character, character pair and word; --query shows what a query asks for instead, \
            and the FTS5 expression newsq runs. A word starting with -- must be an option (a \
            mistyped one is an error); text that really starts with -- goes after a lone --.
            """)

    @Argument(help: "The text to analyse.")
    var text: [String] = []

    var markedQueryWords: [String] { text }

    @Flag(help: "Analyse the text as a query.")
    var query = false

    @Flag(help: "Read lines from standard input and print ICU's segmentation of each, words separated by spaces.")
    var segments = false

    func validate() throws {
        if !segments, text.isEmpty {
            throw ValidationError("Give the text to analyse, or --segments to read lines from standard input.")
        }
    }

    func run() throws {
        let analyzer = try Analyzer()
        if segments {
            while let line = readLine() { print(analyzer.segmentation(of: line).joined(separator: " ")) }
            return
        }
        let input = SingleDashWords.unmarked(text).joined(separator: " ")
        let utf8 = Array(input.utf8)
        print("pos  token             col  bytes       original  kind")
        for token in analyzer.tokens(in: input, mode: query ? .query : .document) {
            let original = String(decoding: utf8[token.start..<token.end], as: UTF8.self)
            let columns = [
                String(token.position).padded(4),
                token.displayText.padded(17),
                (token.isColocated ? "+" : "").padded(4),
                "\(token.start)..<\(token.end)".padded(11),
                original.padded(9),
                token.kind.rawValue,
            ]
            print(columns.joined(separator: " "))
        }
        if query {
            let searchQuery = try SearchQuery(input, analyzer: analyzer)
            print("query: \(searchQuery.expression)")
            // The word-query marker is invisible: show it as `w:`, like word tokens above.
            let match = SearchEngine.matchExpression(for: searchQuery, analyzer: analyzer)
            print("fts5:  \(match.replacingOccurrences(of: String(Analyzer.wordQueryMarker), with: "w:"))")
        }
    }
}

private extension String {
    /// Pads to `width` terminal columns, counting CJK characters as two.
    func padded(_ width: Int) -> String {
        let columns = unicodeScalars.reduce(0) { $0 + ($1.properties.isIdeographic || $1.value >= 0xFF00 ? 2 : 1) }
        return columns >= width ? self : self + String(repeating: " ", count: width - columns)
    }
}
