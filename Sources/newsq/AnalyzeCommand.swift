import ArgumentParser
import NewsqKit

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show how text is split into tokens and folded for search.")

    @Argument(help: "The text to analyse.")
    var text: [String]

    @Flag(help: "Also show how the text reads as a query.")
    var query = false

    func run() throws {
        let input = text.joined(separator: " ")
        let analyzer = try Analyzer()
        let utf8 = Array(input.utf8)
        print("pos  token             bytes       original  kind")
        for token in analyzer.tokens(in: input) {
            let original = String(decoding: utf8[token.start..<token.end], as: UTF8.self)
            let columns = [
                String(token.position).padding(4),
                token.text.padding(17),
                "\(token.start)..<\(token.end)".padding(11),
                original.padding(9),
                token.kind.rawValue,
            ]
            print(columns.joined(separator: " "))
        }
        if query {
            print("query: \(try SearchQuery(input, analyzer: analyzer).expression)")
        }
    }
}

private extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
