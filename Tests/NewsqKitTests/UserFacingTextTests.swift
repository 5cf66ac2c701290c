import Foundation
import Testing
@testable import NewsqKit

/// Counts agree with their nouns, queries are echoed once quoted, text fits the terminal, and a
/// missing corpus directory leaves no index behind.
@Suite struct UserFacingTextTests {
    static func results(query: String, total: Int, relaxed: Int = 0, hits: Int = 1) -> SearchResults {
        SearchResults(
            query: query, total: total, relaxedTotal: relaxed, offset: 0,
            hits: Array(ExportFixture.handMade.hits.prefix(hits)))
    }

    @Test(arguments: [
        (1, 0, "1 article matches \"chips\""),
        (2, 0, "2 articles match \"chips\""),
        (2, 1, "1 article matches every word of \"chips\"; 1 more matches some"),
        (3, 2, "1 article matches every word of \"chips\"; 2 more match some"),
    ])
    func countsAgreeWithTheirNouns(total: Int, relaxed: Int, sentence: String) {
        let page = TerminalRenderer(style: TerminalStyle(colors: false)).render(
            Self.results(query: "chips", total: total, relaxed: relaxed))
        #expect(page.contains(sentence), "\(page)")
    }

    @Test func anEmptyPageCountsInTheSingularToo() {
        let page = TerminalRenderer(style: TerminalStyle(colors: false)).render(Self.results(query: "chips", total: 1, hits: 0))
        #expect(page.contains("1 article matches \"chips\""), "\(page)")
    }

    @Test(arguments: [
        ("\"AI regulation\"", "No articles match \"AI regulation\"."),
        ("AI regulation", "No articles match \"AI regulation\"."),
        ("\"AI regulation\" Shenzhen", "No articles match \"AI regulation\" Shenzhen."),
    ])
    func aQueryIsEchoedQuotedOnce(query: String, sentence: String) {
        let page = TerminalRenderer(style: TerminalStyle(colors: false)).render(Self.results(query: query, total: 0, hits: 0))
        #expect(page == sentence + "\n")
    }

    @Test func aTimelineEchoesAPhraseOnce() {
        let chart = TimelineChart(style: TerminalStyle(colors: false)).render(
            Timeline(dayCounts: [:], undated: 1, by: .year), query: "\"AI regulation\"")
        #expect(chart.hasPrefix("\"AI regulation\": 1 match per"), "\(chart)")
    }

    /// Every wrapped line fits, no word is cut, and the words come back in order.
    @Test(arguments: [30, 40, 57, 80])
    func snippetsWrapAtWordsWithinTheWidth(width: Int) throws {
        for colors in [false, true] {
            let page = TerminalRenderer(style: TerminalStyle(colors: colors), width: width).render(try ExportFixture.results())
            let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map { Self.plain(String($0)) }
            for line in lines where !line.hasPrefix("   https://") && !line.hasPrefix("   id: ") {
                #expect(TextWrapper.columns(of: line) <= width, "\(line)")
            }
            let unwrapped = TerminalRenderer(style: TerminalStyle(colors: colors)).render(try ExportFixture.results())
            #expect(Self.words(page) == Self.words(unwrapped))
        }
    }

    @Test(arguments: [
        ("The quick brown fox jumps over the lazy dog", 16, ["The quick brown", "   fox jumps", "   over the lazy", "   dog"]),
        ("据了解，近期多地网信部门对辖区内生成式人工智能服务", 20, ["据了解，近期多地网信", "   部门对辖区内生成", "   式人工智能服务"]),
        ("多地网信部门，开展检查", 10, ["多地网信部", "   门，开", "   展检查"]),
        ("Supercalifragilistic words", 10, ["Supercalif", "   ragilis", "   tic", "   words"]),
    ])
    func textBreaksAtSpacesOrBetweenWideCharacters(text: String, width: Int, lines: [String]) {
        let wrapped = TextWrapper(width: width).lines(
            [TextWrapper.Run(text: text, style: { $0 })], firstIndent: "", indent: "   ")
        #expect(wrapped == lines)
    }

    /// A pipe gets one line per snippet; a terminal gets lines that fit it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: ExternalTool.scriptPath)))
    func theTerminalWrapsAndAPipeDoesNot() throws {
        let db = ExportFixture.corpus.database.path
        let arguments = ["search", "chips OR 芯片", "--db", db]
        let piped = try Newsq.run(arguments, environment: ["COLUMNS": "30", "NO_COLOR": "1"])
        #expect(piped.status == 0)
        #expect(
            piped.stdout.split(separator: "\n").contains { TextWrapper.columns(of: String($0)) > 40 },
            "a pipe keeps every line whole")
        let command =
            "COLUMNS=30 NO_COLOR=1 " + ([Newsq.executable.path] + arguments).map(SuggestedCommand.quoted).joined(separator: " ")
        let (status, text) = try ExternalTool.onTerminal(command)
        #expect(status == 0, "\(text)")
        let lines = text.replacingOccurrences(of: "\r", with: "").split(separator: "\n").map { Self.plain(String($0)) }
        #expect(lines.count > piped.stdout.split(separator: "\n").count)
        for line in lines where !line.hasPrefix("   https://") && !line.hasPrefix("   id: ") {
            #expect(TextWrapper.columns(of: line) <= 30, "\(line)")
        }
    }

    @Test(arguments: ["missing", "a file.md"])
    func indexingAMissingDirectoryCreatesNothing(corpus: String) throws {
        let directory = TemporaryDirectory()
        directory.write("a file.md", "not a directory")
        let db = directory.path("sub/x.sqlite").path
        let outcome = try Newsq.run(["index", directory.path(corpus).path, "--db", db])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains(corpus), "\(outcome.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["a file.md"])
        let besideDB = try Newsq.run(["index", directory.path(corpus).path, "--db", directory.path("x.sqlite").path])
        #expect(besideDB.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["a file.md"])
    }

    private static func plain(_ line: String) -> String {
        line.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    private static func words(_ page: String) -> [String] {
        plain(page).split(whereSeparator: \.isWhitespace).map(String.init).joined().map(String.init)
    }
}
