import ArgumentParser
import Foundation
import NewsqKit

struct SearchCommand: QueryWordsCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index; the best articles come first.",
        discussion: """
            Words must all match. "quoted phrases" match words together; OR between two words \
            matches either; -word leaves out articles with the word; word* matches a prefix; \
            title:, topic: and provider: limit a word to a field; parentheses group.
            Every word starting with -- must be an option of this command: a mistyped one is an \
            error, with the closest option suggested; so is an option's name after one dash \
            (-limit). A query word that really starts with -- (or is -limit) goes after a lone \
            --, as in `newsq search oil -- --literal`.
            Hits are ranked by relevance × recency × quality (see --explain and the README).
            """)

    @Argument(help: "The query: words, \"phrases\", OR, -exclusions.")
    var query: [String]

    var markedQueryWords: [String] { query }

    @OptionGroup var database: DatabaseOption

    @OptionGroup(title: "Filters and ranking") var refine: SearchFilterOptions
    @OptionGroup(title: "Filters and ranking") var recency: RecencySignalOption

    @Option(parsing: .unconditional, help: "How many hits to show. (default: 10)", transform: WholeNumberOption.limit.parse)
    var limit = 10

    @Option(
        parsing: .unconditional, help: "How many hits to skip (for paging). (default: 0)",
        transform: WholeNumberOption.offset.parse)
    var offset = 0

    @Option(help: "Output format: \(HitListFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: HitListFormat = .text

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The query id in trec, jsonl, csv and tsv output (trec: 1 when not given).", valueName: "id"))
    var qid: String?

    @Flag(help: "Start csv or tsv output with a UTF-8 byte order mark (for Excel).")
    var bom = false

    @Flag(help: "Show how each hit's score is made.")
    var explain = false

    @Flag(
        help:
            "Count every match per period instead of listing hits: a bar chart in text, data in json, jsonl, csv, tsv, markdown.")
    var timeline = false

    @Option(
        help: ArgumentHelp(
            "The timeline's periods: auto, day, week, month or year (auto: the finest with at most 40).", valueName: "period"))
    var by: TimelineGranularity = .auto

    @OptionGroup var clock: ClockOption

    func validate() throws {
        if let qid, qid.isEmpty || qid.contains(where: \.isWhitespace) {
            throw ValidationError("--qid must be one word without spaces (TREC tools split columns on whitespace).")
        }
        if bom, format != .csv, format != .tsv { throw ValidationError("--bom only applies to --format csv or tsv.") }
        if timeline, format == .trec {
            throw ValidationError(ExportError.formatCannotShowTimeline(format: "trec").description + ".")
        }
        if by != .auto, !timeline { throw ValidationError("--by only applies with --timeline.") }
    }

    func run() throws {
        let text = SingleDashWords.unmarked(query).joined(separator: " ")
        let searchQuery = try SearchQuery(text, analyzer: try Analyzer())
        let instant = clock.instant
        let filters = try refine.filters(now: instant)
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let sink = try output.open(protectingIndex: database.path)
        let ranking = recency.applied(to: RankingFormula(parameters: try refine.parameters(), now: instant))
        let request = SearchRequest(
            query: searchQuery, limit: limit, offset: offset, ranking: ranking, explain: explain,
            filters: filters, sort: refine.sort, relax: !refine.strict)
        let results = try SearchEngine(database: archive).search(request)
        let options = HitListOptions(style: output.style, byteOrderMark: bom, width: output.width)
        let answered = AnsweredQuery(qid: qid, results: results)
        if timeline {
            let days = try TimelineQuery(database: archive).dayCounts(for: searchQuery, filters: request.filters)
            let writer = try TimelineWriter(format: format, options: options, width: TimelineChart.terminalWidth())
            let chart = Timeline(dayCounts: days.days, undated: days.undated, by: by)
            if by != .auto, chart.granularity != by {
                printError(
                    "note: --by \(by.rawValue) would make more than \(Timeline.maximumPeriods) periods; shown by \(chart.granularity.rawValue) instead"
                )
            }
            try sink.write(writer.render(chart, for: answered))
        } else {
            try sink.write(format.writer(options).document([answered]))
        }
        try sink.finish()
    }
}

extension HitListFormat: ExpressibleByArgument {}
extension TimelineGranularity: ExpressibleByArgument {}
