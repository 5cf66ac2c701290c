import ArgumentParser
import Foundation
import NewsqKit

struct SimilarCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Articles like this one, best first.",
        discussion: """
            Searches for the article's most distinctive words (used often in it, above all in its \
            title, and rare in the archive; for Chinese, its character pairs), with the filters, \
            ranking, formats and --explain of newsq search. The article itself is left out; the \
            words searched for are shown as the query.
            """)

    @Argument(help: "The article id, such as 2021/06/30-shenzhen-ai-regulation.")
    var id: String

    @OptionGroup var database: DatabaseOption

    @OptionGroup(title: "Filters") var filters: SearchFilterOptions

    @OptionGroup(title: "Ranking") var ranking: RankingOptions

    @OptionGroup var paging: PagingOptions

    @OptionGroup var hits: HitFormatOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var clock: ClockOption

    func run() throws {
        let instant = clock.instant
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let article = try ArticleStore(database: archive).article(named: id)
        let sink = try output.open(protectingIndex: database.path)
        let parameters = try ranking.parameters()
        let similar = SimilarArticles(database: archive)
        let request = SearchRequest(
            query: try similar.query(for: article, parameters: parameters), limit: paging.limit, offset: paging.offset,
            ranking: try ranking.formula(now: instant), explain: hits.explain,
            filters: try filters.filters(now: instant), sort: ranking.sort, relax: false)
        let results = try similar.search(request, excluding: article.id)
        let options = HitListOptions(style: output.style, byteOrderMark: hits.bom, width: output.width)
        try sink.write(hits.format.writer(options).document([AnsweredQuery(qid: nil, results: results)]))
        try sink.finish()
    }
}
