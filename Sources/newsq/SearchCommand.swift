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

    @OptionGroup(title: "Filters") var filters: SearchFilterOptions

    @OptionGroup(title: "Ranking") var ranking: RankingOptions

    @OptionGroup var synonyms: SynonymOptions

    @OptionGroup var paging: PagingOptions

    @OptionGroup var hits: HitFormatOptions

    @OptionGroup(title: "Facets") var facets: FacetOptions

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The query id in trec, jsonl, csv and tsv output (trec: 1 when not given).", valueName: "id"))
    var qid: String?

    @Flag(
        help:
            "Count every match per period instead of listing hits: a bar chart in text, data in json, jsonl, csv, tsv, markdown.")
    var timeline = false

    @Option(
        help: ArgumentHelp(
            "The timeline's periods: auto, day, week, month or year (auto: the finest with at most 40).", valueName: "period"))
    var by: TimelineGranularity = .auto

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "With --timeline, more queries to count over the same periods, one series each (give the main query first).",
            valueName: "query"))
    var compare: [String] = []

    @Flag(help: "With --timeline, show each period's matches as a share of all articles published in it (same filters).")
    var share = false

    @OptionGroup var clock: ClockOption

    func validate() throws {
        if let qid, qid.isEmpty || qid.contains(where: \.isWhitespace) {
            throw ValidationError("--qid must be one word without spaces (TREC tools split columns on whitespace).")
        }
        if timeline, hits.format == .trec {
            throw ValidationError(ExportError.formatCannotShowTimeline(format: "trec").description + ".")
        }
        if by != .auto, !timeline { throw ValidationError("--by only applies with --timeline.") }
        if !compare.isEmpty, !timeline {
            throw ValidationError("--compare only applies with --timeline: add --timeline to count each query per period.")
        }
        if share, !timeline {
            throw ValidationError("--share only applies with --timeline: add --timeline to see each period's share.")
        }
        if compare.contains(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw ValidationError("--compare needs a query after it, such as --compare \"chips\".")
        }
        if !facets.facets.isEmpty, timeline || (hits.format != .text && hits.format != .json) {
            throw ValidationError("--facets only applies to a list of hits in --format text or json.")
        }
    }

    func run() throws {
        let text = SingleDashWords.unmarked(query).joined(separator: " ")
        let analyzer = try Analyzer()
        let synonymTable = try synonyms.table(analyzer: analyzer)
        let (searchQuery, expansions) = try synonymTable.expanded(try SearchQuery(text, analyzer: analyzer), analyzer: analyzer)
        let instant = clock.instant
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let sink = try output.open(protectingIndex: database.path)
        let request = SearchRequest(
            query: searchQuery, limit: paging.limit, offset: paging.offset,
            ranking: try ranking.formula(now: instant), explain: hits.explain,
            filters: try filters.filters(now: instant), sort: ranking.sort, relax: !ranking.strict)
        var results = try SearchEngine(database: archive).search(request)
        results.synonyms = expansions
        if hits.explain { results.explainSynonyms(analyzer: analyzer) }
        if results.total - results.relaxedTotal < SpellingSuggestion.fewMatches {
            results.didYouMean = try SpellingSuggestion(database: archive).suggestion(for: searchQuery)
        }
        if !facets.facets.isEmpty {
            results.facets = try FacetQuery(database: archive).facets(
                for: searchQuery, filters: request.filters, fields: facets.facets, limit: facets.facetLimit)
        }
        let options = HitListOptions(style: output.style, byteOrderMark: hits.bom, width: output.width)
        let answered = AnsweredQuery(qid: qid, results: results)
        if timeline {
            let counter = TimelineQuery(database: archive)
            let days = try counter.dayCounts(for: searchQuery, filters: request.filters)
            var series = [TimelineComparison.DayCounts(query: results.query, days: days.days, undated: days.undated)]
            for other in compare {
                let (query, _) = try synonymTable.expanded(try SearchQuery(other, analyzer: analyzer), analyzer: analyzer)
                let counts = try counter.dayCounts(for: query, filters: request.filters)
                series.append(TimelineComparison.DayCounts(query: other, days: counts.days, undated: counts.undated))
            }
            let articleDays = share ? try counter.articleDayCounts(filters: request.filters).days : nil
            let comparison = TimelineComparison(queries: series, articleDays: articleDays, by: by)
            let writer = try TimelineWriter(format: hits.format, options: options, width: TimelineChart.terminalWidth())
            if by != .auto, comparison.granularity != by {
                printError(
                    "note: --by \(by.rawValue) would make more than \(Timeline.maximumPeriods) periods; shown by \(comparison.granularity.rawValue) instead"
                )
            }
            try sink.write(writer.render(comparison, for: answered))
        } else {
            try sink.write(hits.format.writer(options).document([answered]))
        }
        try sink.finish()
    }
}

extension TimelineGranularity: ExpressibleByArgument {}
