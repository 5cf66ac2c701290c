import Foundation

/// One ranked article of a search.
public struct SearchHit: Sendable, Equatable {
    /// 1 for the best hit of the whole search (offset included).
    public var rank: Int
    public var score: Double
    /// The article's id: its path relative to the corpus, without extension.
    public var id: String
    public var title: HighlightedText
    public var snippet: HighlightedText
    public var url: String?
    public var published: Date?
    public var provider: String?
    public var topics: [String]
    public var quality: Int?
    public var type: String?
    public var language: String
    public var explanation: ScoreExplanation?
    /// Whether the hit matches only some of the query's words (a relaxed match).
    public var isRelaxed = false

    public init(
        rank: Int, score: Double, id: String, title: HighlightedText, snippet: HighlightedText,
        url: String?, published: Date?, provider: String?, topics: [String], quality: Int?,
        type: String?, language: String, explanation: ScoreExplanation?
    ) {
        self.rank = rank
        self.score = score
        self.id = id
        self.title = title
        self.snippet = snippet
        self.url = url
        self.published = published
        self.provider = provider
        self.topics = topics
        self.quality = quality
        self.type = type
        self.language = language
        self.explanation = explanation
    }
}

/// A page of hits and how many articles matched in all.
public struct SearchResults: Sendable {
    public var query: String
    /// Articles that match: every word, plus the relaxed matches when there are any.
    public var total: Int
    /// Of `total`, the articles that match only some of the words.
    public var relaxedTotal: Int
    /// Whether `total` is an estimate: a search that settles its page early counts the rest
    /// of the matches only up to a budget (see the README, "Ranking").
    public var totalIsEstimate: Bool
    public var offset: Int
    public var hits: [SearchHit]
    /// How long the search took, from the query to the page's hits (not writing them out).
    public var searchSeconds: Double = 0
    /// When filters left nothing of what the query matches: which, and how much they left out.
    public var filteredOut: FilteredOut?
    /// The counts per value asked for with `--facets` (`FacetQuery`), over every match.
    public var facets: [Facet]?
    /// The query with its unmatched words spelled as the archive spells them (`SpellingSuggestion`).
    public var didYouMean: String?
    /// The query's words and phrases that matched any form of their synonym group (`SynonymTable`).
    public var synonyms: [SynonymExpansion] = []

    /// `total` for people: "about 498,000" for an estimate (three significant digits).
    public var totalForPeople: String {
        guard totalIsEstimate else { return String(total) }
        let magnitude = pow(10, max(0, floor(log10(Double(max(total, 1)))) - 2))
        let rounded = Int((Double(total) / magnitude).rounded() * magnitude)
        return "about " + rounded.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US_POSIX")))
    }

    public init(query: String, total: Int, relaxedTotal: Int = 0, totalIsEstimate: Bool = false, offset: Int, hits: [SearchHit]) {
        self.query = query
        self.total = total
        self.relaxedTotal = relaxedTotal
        self.totalIsEstimate = totalIsEstimate
        self.offset = offset
        self.hits = hits
    }
}

/// Text with the runs that matched the query marked, for display in any format.
public struct HighlightedText: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var text: String
        public var isMatch: Bool

        public init(text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    public var runs: [Run]

    public init(runs: [Run]) {
        // Adjacent matched runs are one highlight: CJK words that match side by side read as one.
        var merged: [Run] = []
        for run in runs where !run.text.isEmpty {
            if let last = merged.last, last.isMatch == run.isMatch {
                merged[merged.count - 1].text += run.text
            } else {
                merged.append(run)
            }
        }
        self.runs = merged
    }

    /// The text without marks.
    public var plain: String { runs.map(\.text).joined() }

    /// The text with each match wrapped in `open` and `close`.
    public func marked(open: String, close: String) -> String {
        runs.map { $0.isMatch ? open + $0.text + close : $0.text }.joined()
    }
}
