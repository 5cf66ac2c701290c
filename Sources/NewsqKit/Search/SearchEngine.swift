import Foundation
import GRDB

/// Runs searches on an index: matches with FTS5, ranks inside SQLite with the ranking formula,
/// and fetches stored fields, highlights and snippets for the requested page only.
public final class SearchEngine: Sendable {
    let database: ArchiveDatabase
    /// See `NewestFirstRanking.countingBudget` and `Relevance.rareLimit`; tests vary them.
    private let countingBudget: Int
    private let rarePhraseLimit: Int

    public convenience init(database: ArchiveDatabase) {
        self.init(database: database, countingBudget: NewestFirstRanking.countingBudget)
    }

    init(database: ArchiveDatabase, countingBudget: Int, rarePhraseLimit: Int = Relevance.rareLimit) {
        self.database = database
        self.countingBudget = countingBudget
        self.rarePhraseLimit = rarePhraseLimit
    }

    /// Highlight marks inside FTS5 output; stored text never holds them (see `ArticleRow.clean`).
    static let openMark = "\u{1}"
    static let closeMark = "\u{2}"

    /// The FTS5 MATCH expression a query runs as (for `newsq analyze --query`).
    public static func matchExpression(for query: SearchQuery, analyzer: Analyzer) -> String {
        FTS5QueryRenderer(analyzer: analyzer).render(query.expression)
    }

    public func search(_ request: SearchRequest) throws -> SearchResults {
        let started = DispatchTime.now().uptimeNanoseconds
        var results = try untimedSearch(request)
        results.searchSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return results
    }

    private func untimedSearch(_ request: SearchRequest) throws -> SearchResults {
        try request.checkPage()
        let analyzer = try Analyzer()
        let renderer = FTS5QueryRenderer(analyzer: analyzer)
        let (strict, strictPhrases) = renderer.renderWithPhrases(request.query.expression)
        let relaxedExpression = request.relax ? request.query.expression.relaxed : nil
        let relaxed = relaxedExpression.map(renderer.renderWithPhrases)
        // The page's highlights ask for every character the matching leaves out (`FTS5QueryRenderer`).
        let highlighter = FTS5QueryRenderer(analyzer: analyzer, highlighting: true)
        let strictHighlights = highlighter.renderWithPhrases(request.query.expression)
        let formula = request.ranking
        let filters = SearchFilterSQL(request.filters)
        let isOnePhrase = ConcurrentPhraseCount.isOnePhrase(request.query.expression, analyzer: analyzer)
        do {
            return try database.read { db in
                // Read once a search: the strict and the relaxed ranking both need it.
                let layout = try ChronologicalDocids.state(db)
                // The counts the index keeps spare counting the phrases (`TermStatistics`).
                let known = try KnownPhraseCounts.lookUp(db, phrases: strictPhrases)
                let parameters = RankingFunction.encode(formula, rarePhraseLimit: self.rarePhraseLimit, knownCounts: known)
                // A query of one phrase whose count is not known can be ranked before it is
                // counted (`ConcurrentPhraseCount`).
                let relativeParameters =
                    isOnePhrase && known.first.flatMap({ $0 }) == nil
                    ? RankingFunction.encode(formula, rarePhraseLimit: self.rarePhraseLimit, relativeForOnePhrase: true) : nil
                let strictPage = try self.rank(
                    db, match: strict, excluding: nil, request: request, layout: layout, parameters: parameters,
                    filters: filters, limit: request.limit, offset: request.offset,
                    isOnePhrase: isOnePhrase, relativeParameters: relativeParameters)
                var ranked = strictPage.rows
                let strictTotal = strictPage.total
                var relaxedTotal = 0
                var totalIsEstimate = strictPage.totalIsEstimate
                var relaxedParameters = parameters
                // Fewer full matches than the page's end: all of them were ranked, so the
                // lowest is known on every page (`RelaxedScorePlacement`).
                let placement = RelaxedScorePlacement(ceiling: strictTotal > 0 ? strictPage.lowestScore : nil)
                if let relaxed, strictTotal < request.offset + request.limit {
                    // Relaxed matches leave out the full matches, so no article is listed twice
                    // (and, the full matches being a subset of the relaxed ones, the relaxed
                    // total is the relaxed matches less the full ones).
                    relaxedParameters = RankingFunction.encode(
                        formula, rarePhraseLimit: self.rarePhraseLimit,
                        knownCounts: try KnownPhraseCounts.lookUp(db, phrases: relaxed.phrases))
                    let relaxedPage = try self.rank(
                        db, match: relaxed.match, excluding: strict, request: request, layout: layout,
                        parameters: relaxedParameters,
                        filters: filters, limit: request.limit - ranked.count,
                        offset: max(0, request.offset - strictTotal))
                    relaxedTotal = relaxedPage.total
                    totalIsEstimate = totalIsEstimate || relaxedPage.totalIsEstimate
                    ranked += relaxedPage.rows.map {
                        RankedRow(docid: $0.docid, score: placement.score($0.score), isRelaxed: true)
                    }
                }
                let strictDetails = try self.details(
                    db, highlighting: strictHighlights, parameters: parameters, explain: request.explain, analyzer: analyzer,
                    docids: ranked.filter { !$0.isRelaxed }.map(\.docid))
                let relaxedDetails = try relaxedExpression.map(highlighter.renderWithPhrases).map {
                    try self.details(
                        db, highlighting: $0, parameters: relaxedParameters, explain: request.explain, analyzer: analyzer,
                        docids: ranked.filter(\.isRelaxed).map(\.docid))
                }
                let hits = ranked.enumerated().compactMap { index, row -> SearchHit? in
                    let details = row.isRelaxed ? relaxedDetails : strictDetails
                    guard var hit = details?[row.docid] else { return nil }
                    hit.rank = request.offset + index + 1
                    hit.score = row.score
                    hit.isRelaxed = row.isRelaxed
                    if request.explain, let fields = details?.fields[row.docid] {
                        let explanation = formula.explain(
                            relevance: fields.reduce(0, +), fields: fields, published: hit.published?.timeIntervalSince1970,
                            quality: hit.quality, qualityRank: details?.qualityRanks[row.docid] ?? nil)
                        hit.explanation = row.isRelaxed ? placement.explain(explanation) : explanation
                    }
                    return hit
                }
                var results = SearchResults(
                    query: request.query.text, total: strictTotal + relaxedTotal, relaxedTotal: relaxedTotal,
                    totalIsEstimate: totalIsEstimate, offset: request.offset, hits: hits)
                if results.total == 0 {
                    results.filteredOut = try FilteredOutCount(
                        strict: strict, relaxed: relaxed?.match, pageEnd: request.offset + request.limit
                    )
                    .diagnose(db, filters: request.filters)
                }
                return results
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // Plain SQLITE_ERROR during a search comes from FTS5 reading the expression: never
            // show its text, which speaks of FTS5 syntax the user did not write.
            throw QueryError.notUnderstood(query: request.query.text)
        } catch let error as DatabaseError {
            throw IndexError.searchFailed(reason: ArchiveDatabase.reason(error))
        }
    }

    /// The number of matches, for a page of no rows (which has no ranking pass to count them).
    static func count(_ db: Database, match: String, excluding excluded: String?, filters: SearchFilterSQL) throws -> Int {
        let exclusion = excluded == nil ? "" : Self.exclusionClause
        return try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM article_fts JOIN articles a ON a.docid = article_fts.rowid
                WHERE article_fts MATCH ?\(exclusion)\(filters.andClause)
                """, arguments: [match] + StatementArguments(excluded.map { [$0] } ?? []) + filters.arguments) ?? 0
    }

    /// Leaves out the matches of a second MATCH expression (the full matches, from relaxed ones).
    private static let exclusionClause = " AND article_fts.rowid NOT IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)"

    /// One page of matches in the requested order, scored inside SQLite by `newsq_rank`, and
    /// the number of matches in all, counted by `newsq_rank` as it scores each one.
    private func rank(
        _ db: Database, match: String, excluding excluded: String?, request: SearchRequest, layout: ChronologicalDocids.State?,
        parameters: String, filters: SearchFilterSQL, limit: Int, offset: Int,
        isOnePhrase: Bool = false, relativeParameters: String? = nil
    ) throws -> NewestFirstRanking.Outcome {
        guard limit > 0 else {
            return .init(
                rows: [], total: try Self.count(db, match: match, excluding: excluded, filters: filters), totalIsEstimate: false)
        }
        let exclusion = excluded == nil ? "" : Self.exclusionClause
        var parameters = parameters
        var relativeParameters = relativeParameters
        // A one-phrase query without filters may leave the rest of a day (quality slots): it
        // does not need to count every match, since its phrase's count is its total.
        if request.sort == .relevance, let ranks = layout?.slotQualityRanks, isOnePhrase, excluded == nil,
            filters.conditions.isEmpty
        {
            parameters = RankingFunction.addingQualitySlots(ranks, to: parameters)
            relativeParameters = relativeParameters.map { RankingFunction.addingQualitySlots(ranks, to: $0) }
        }
        if request.sort != .quality, let layout {
            let ranking = NewestFirstRanking(
                source: try Self.matchesWithArticles(db, filters: filters), match: match,
                exclusion: (exclusion, StatementArguments(excluded.map { [$0] } ?? [])), filters: filters,
                parameters: parameters, pageEnd: offset + limit, countingBudget: countingBudget,
                since: request.filters.since?.timeIntervalSince1970, until: request.filters.until?.timeIntervalSince1970)
            if let relativeParameters,
                let outcome = try ranking.runCountingConcurrently(
                    db, pool: database.pool, layout: layout, byDate: request.sort == .date,
                    relativeParameters: relativeParameters)
            {
                return outcome.page(from: offset)
            }
            let outcome = request.sort == .date ? try ranking.runByDate(db, layout: layout) : try ranking.run(db, layout: layout)
            return outcome.page(from: offset)
        }
        // A statement that failed part-way on this connection may have left rows in the tally.
        _ = try RankingConnectionState.take(db)
        let order =
            switch request.sort {
            case .relevance: "score DESC, a.published DESC"
            case .date: "a.published IS NULL, a.published DESC, score DESC"
            case .quality: "a.quality IS NULL, a.quality DESC, score DESC"
            }
        // Sorted by score, the page ends at offset + limit: newsq_rank skips the exact score of
        // matches that cannot reach it. Other orders need every score.
        let pageEnd = request.sort == .relevance ? offset + limit : 0
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT a.docid, newsq_rank(article_fts, a.published, a.quality_rank, ?, ?, 0, NULL) AS score
                FROM \(try Self.matchesWithArticles(db, filters: filters))
                WHERE article_fts MATCH ?\(exclusion)\(filters.andClause)
                ORDER BY \(order)
                LIMIT ?
                """,
            arguments: [parameters, pageEnd, match] + StatementArguments(excluded.map { [$0] } ?? []) + filters.arguments + [
                offset + limit
            ])
        // Every match passing the filters goes through the sort, so newsq_rank scored each once.
        let total = try RankingConnectionState.take(db)
        // The rows before the page are fetched too, for the lowest score of those ranked.
        return NewestFirstRanking.Outcome(
            rows: rows.map { RankedRow(docid: $0["docid"], score: $0["score"]) }, total: total,
            totalIsEstimate: false
        ).page(from: offset)
    }

    /// The FROM clause that gives each match its `articles` columns as `a`. When the index
    /// has `RankingInputsIndex` and the filters read nothing else, they come from that small
    /// index, matches first in rowid order (a seek a match, on pages that stay cached), rather
    /// than from the article rows, which hold the text.
    private static func matchesWithArticles(_ db: Database, filters: SearchFilterSQL) throws -> String {
        guard filters.readsOnlyRankingInputs, try RankingInputsIndex.exists(db) else {
            return "article_fts JOIN articles a ON a.docid = article_fts.rowid"
        }
        return "article_fts CROSS JOIN articles a INDEXED BY \(RankingInputsIndex.name) ON a.docid = article_fts.rowid"
    }

    private struct Details {
        var hits: [Int64: SearchHit] = [:]
        var qualityRanks: [Int64: Double?] = [:]
        var fields: [Int64: [Double]] = [:]
        subscript(docid: Int64) -> SearchHit? { hits[docid] }
    }

    /// The stored fields, highlights and snippets of the rows `docids`, which `highlighting` (a
    /// MATCH expression and its phrases) matches.
    private func details(
        _ db: Database, highlighting: (match: String, phrases: [RenderedPhrase]), parameters: String,
        explain: Bool, analyzer: Analyzer, docids: [Int64]
    ) throws -> Details {
        var details = Details()
        guard !docids.isEmpty else { return details }
        let placeholders = docids.map { _ in "?" }.joined(separator: ", ")
        let arguments = StatementArguments([parameters, highlighting.match]) + StatementArguments(docids)
        let fieldsColumn = explain ? "newsq_fields(article_fts, ?1)" : "NULL"
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT a.docid, a.id, a.url, a.published, a.provider, a.topics, a.quality, a.quality_rank, a.type, a.language,
                       highlight(article_fts, 0, char(1), char(2)) AS title,
                       snippet(article_fts, 1, char(1), char(2), '…', 24) AS excerpt_snippet,
                       snippet(article_fts, 2, char(1), char(2), '…', 24) AS body_snippet, a.excerpt, a.body,
                       \(MatchSpansFunction.name)(article_fts) AS spans,
                       \(fieldsColumn) AS fields
                FROM \(Self.pageRows(placeholders: placeholders, readingMatchesOnce: highlighting.phrases.contains(where: \.isPrefix)))
                """, arguments: arguments)
        while let row = try rows.next() {
            let docid: Int64 = row["docid"]
            let topics: String = row["topics"]
            details.hits[docid] = SearchHit(
                rank: 0, score: 0, id: row["id"],
                title: Self.highlighted(row["title"]),
                snippet: Self.bestSnippet(
                    excerpt: (row["excerpt_snippet"], row["excerpt"]),
                    body: (row["body_snippet"], row["body"]),
                    spans: MatchSpansFunction.spansByColumn(row["spans"]), analyzer: analyzer),
                url: row["url"],
                published: (row["published"] as Double?).map { Date(timeIntervalSince1970: $0) },
                provider: (row["provider"] as String?).flatMap { $0.isEmpty ? nil : $0 },
                topics: topics.isEmpty ? [] : topics.components(separatedBy: "\n"),
                quality: row["quality"], type: row["type"], language: row["language"], explanation: nil)
            details.qualityRanks[docid] = row["quality_rank"] as Double?
            if let fields = row["fields"] as String? {
                details.fields[docid] = fields.split(separator: ",").map { Double($0) ?? 0 }
            }
        }
        return details
    }

    /// The FROM and WHERE clauses of the page's rows: the articles whose docids are bound to
    /// `placeholders`, among the matches of the expression bound to `?2`.
    ///
    /// FTS5 looks each docid up on its own, and each look-up gathers the matches of every
    /// phrase anew: cheap for a word, but a prefix's are those of every term that starts with
    /// it (`a*`: thousands), gathered once a row. `readingMatchesOnce` reads the matches in one
    /// pass instead, and keeps the page's rows as they pass (`+` keeps the docids from FTS5).
    private static func pageRows(placeholders: String, readingMatchesOnce: Bool) -> String {
        readingMatchesOnce
            ? "article_fts CROSS JOIN articles a ON a.docid = article_fts.rowid WHERE article_fts MATCH ?2 AND +article_fts.rowid IN (\(placeholders))"
            : "article_fts JOIN articles a ON a.docid = article_fts.rowid WHERE article_fts MATCH ?2 AND article_fts.rowid IN (\(placeholders))"
    }

    /// The snippet with more matched words, the excerpt on a tie (it is the article's own
    /// summary), with the matches and words at its cuts made whole (`WholeMatchSnippet`). Each
    /// side is FTS5's snippet and the column it was cut from; `spans` are the row's matches by
    /// FTS5 column (`MatchSpansFunction`).
    static func bestSnippet(
        excerpt: (snippet: String?, text: String?), body: (snippet: String?, text: String?),
        spans: [Int: [ClosedRange<Int>]], analyzer: Analyzer
    ) -> HighlightedText {
        let matches = { (snippet: String?) in snippet?.count { $0 == Character(openMark) } ?? 0 }
        let (chosen, column) = matches(body.snippet) > matches(excerpt.snippet) ? (body, bodyColumn) : (excerpt, excerptColumn)
        return highlighted(
            WholeMatchSnippet.snippet(chosen.snippet, in: chosen.text, spans: spans[column] ?? [], analyzer: analyzer) ?? "")
    }

    /// The FTS5 column numbers of `article_fts`'s excerpt and body (see `ArchiveSchema`).
    private static let excerptColumn = 1
    private static let bodyColumn = 2

    /// Splits FTS5 output marked with `openMark`/`closeMark` into runs.
    static func highlighted(_ marked: String) -> HighlightedText {
        var runs: [HighlightedText.Run] = []
        var isMatch = false
        var current = ""
        for character in marked {
            if character == "\u{1}" || character == "\u{2}" {
                runs.append(.init(text: current, isMatch: isMatch))
                current = ""
                isMatch = character == "\u{1}"
            } else {
                current.append(character == "\n" ? " " : character)
            }
        }
        runs.append(.init(text: current, isMatch: isMatch))
        // Snippets start and end at line breaks of the stored text: no stray spaces at the edges.
        if let first = runs.indices.first { runs[first].text = String(runs[first].text.drop(while: \.isWhitespace)) }
        if let last = runs.indices.last {
            runs[last].text = String(runs[last].text.reversed().drop(while: \.isWhitespace).reversed())
        }
        return HighlightedText(runs: runs)
    }
}
