import GRDB

/// Keeps the counts of `TermStatistics` exact through index runs that change a little of the
/// index, so that a query of one word keeps taking its count (and total) from them.
///
/// A news archive is indexed again every day, and each such run used to leave the counts
/// inexact until runs had changed a twentieth of the index; until then every one-word search
/// counted its matches again, on a second connection that a new process must first open
/// (`said` at a million articles: 42 ms per process against 33, 18 in one process against 16).
/// The tracker adds one to a counted term for each new text that holds it and takes one away
/// for each old text taken out, in the batch's own transaction, and moves the article count
/// with them. The terms are those FTS5 indexes: the document tokens of every column, stemmed
/// as FTS5 stems them.
///
/// It tracks only while the counts are exact when the run starts, and only up to
/// `TermStatistics.refreshShare` of the index per run: past that, the run records its changes
/// as before and the counts are taken again from FTS5 at its end, in one pass that costs less
/// than analysing every old text once more.
final class TermCountTracker {
    /// The terms `term_articles` counts.
    private let counted: Set<String>
    private var deltas: [String: Int] = [:]
    private var articleDelta = 0
    /// Articles that may still be tracked in this run.
    private var budget: Int
    /// False from the first batch that was not tracked on.
    private var isTracking: Bool
    /// Whether the batch being written is tracked (`beginBatch`).
    private var batchIsTracked = false

    /// A tracker for a run on `db`; it does not track when the counts are not exact.
    init(_ db: Database) throws {
        guard let counts = try TermStatistics.exactCountedTerms(db) else {
            counted = []
            budget = 0
            isTracking = false
            return
        }
        counted = counts.terms
        budget = Int(TermStatistics.refreshShare * Double(max(counts.articles, 1)))
        isTracking = true
    }

    /// Whether the run started tracking and then changed more than it may track: it has
    /// changed `TermStatistics.refreshShare` of the index, so it takes the counts again.
    private(set) var stoppedTracking = false

    /// Starts a batch that may change `articles` articles: the tracker to note them with, nil
    /// when the batch is not tracked. Once one is not, no later batch of the run is.
    func beginBatch(articles: Int) -> TermCountTracker? {
        batchIsTracked = isTracking && articles <= budget
        if batchIsTracked {
            budget -= articles
        } else {
            stoppedTracking = stoppedTracking || isTracking
            isTracking = false
        }
        return batchIsTracked ? self : nil
    }

    /// Ends the batch, in its transaction: a tracked one moves the counts, another records its
    /// `changes` (articles added, changed or removed), so that no search takes the counts for
    /// exact.
    func endBatch(_ db: Database, changes: Int) throws {
        guard batchIsTracked else {
            try TermStatistics.recordChanges(db, changes)
            return
        }
        try TermStatistics.apply(db, deltas: deltas.filter { $0.value != 0 }, articleDelta: articleDelta)
        deltas = [:]
        articleDelta = 0
    }

    /// Notes the new text of an article (the columns of `ArchiveSchema.insertFullTextSQL`).
    func add(texts: [String], _ db: Database) throws {
        for term in try terms(of: texts, db) { deltas[term, default: 0] += 1 }
        articleDelta += 1
    }

    /// Notes an old text taken out of the index (the columns of `ArchiveSchema.indexedTextSQL`).
    func remove(texts: [String], _ db: Database) throws {
        for term in try terms(of: texts, db) { deltas[term, default: 0] -= 1 }
        articleDelta -= 1
    }

    /// The counted terms an article's columns hold, through FTS5's own tokenizer chain (with
    /// its stemmer), so they are the terms the index holds. A text the workers analysed is
    /// replayed (`TokenReplay`), not analysed again.
    private func terms(of texts: [String], _ db: Database) throws -> Set<String> {
        let tokenizer = try tokenizer ?? db.makeTokenizer(FTS5TokenizerDescriptor(components: ["porter", NewsqTokenizer.name]))
        self.tokenizer = tokenizer
        var held = Set<String>()
        for text in texts where !text.isEmpty {
            for (term, _) in try tokenizer.tokenize(document: text) where counted.contains(term) {
                held.insert(term)
            }
        }
        return held
    }
    private var tokenizer: (any FTS5Tokenizer)?
}
