/// The formats a ranked hit list can be written in: `newsq search --format` and
/// `newsq batch --format`. Each has its own writer (`HitListWriter`), one per file in `Export/`.
public enum HitListFormat: String, CaseIterable, Sendable {
    /// For people, on a terminal (`TerminalRenderer`).
    case text
    /// One document, schema version 1 (`SearchResultsJSON`).
    case json
    /// One hit object per line (`JSONLinesHitWriter`).
    case jsonl
    /// RFC 4180, comma-separated, with a header row (`CSVHitWriter`).
    case csv
    /// RFC 4180 quoting with tabs between fields (`CSVHitWriter`).
    case tsv
    /// A digest to paste into a document or a newsletter (`MarkdownDigestWriter`).
    case markdown
    /// A TREC run, as trec_eval and ranx read it (`TRECRunWriter`).
    case trec

    /// A writer of this format.
    public func writer(_ options: HitListOptions = HitListOptions()) -> any HitListWriter {
        switch self {
        case .text: TextHitWriter(style: options.style, batch: options.batch, width: options.width)
        case .json: JSONHitWriter(batch: options.batch)
        case .jsonl: JSONLinesHitWriter()
        case .csv: CSVHitWriter(delimiter: ",", byteOrderMark: options.byteOrderMark)
        case .tsv: CSVHitWriter(delimiter: "\t", byteOrderMark: options.byteOrderMark)
        case .markdown: MarkdownDigestWriter()
        case .trec: TRECRunWriter()
        }
    }
}

/// Choices that change how a format is written.
public struct HitListOptions: Sendable {
    /// Colors for `text`; off unless the output is a terminal (`TerminalStyle.detect`).
    public var style: TerminalStyle
    /// Start `csv`/`tsv` with a UTF-8 byte order mark, for spreadsheets that need one (Excel).
    public var byteOrderMark: Bool
    /// Many searches in one output (`newsq batch`): `json` becomes one document of searches
    /// and `text` heads each search with its query id.
    public var batch: Bool
    /// The width to wrap `text` at, in terminal columns; nil keeps each line whole.
    public var width: Int?

    public init(
        style: TerminalStyle = TerminalStyle(colors: false), byteOrderMark: Bool = false, batch: Bool = false,
        width: Int? = nil
    ) {
        self.style = style
        self.byteOrderMark = byteOrderMark
        self.batch = batch
        self.width = width
    }
}

/// One search as it leaves newsq: its results and the query id it answers, if any
/// (`--qid`, or the first column of a batch line).
public struct AnsweredQuery: Sendable {
    public var qid: String?
    public var results: SearchResults

    public init(qid: String?, results: SearchResults) {
        self.qid = qid
        self.results = results
    }
}

/// Writes ranked hit lists in one format, one search at a time, so a batch of thousands of
/// searches streams instead of piling up in memory.
///
/// Output is `header()`, then `entry(_:index:)` for each search in order, then `footer()`.
public protocol HitListWriter {
    /// What comes before the first search: a header row, a byte order mark; often nothing.
    func header() -> String
    /// One search's hits; `index` counts searches from 0.
    func entry(_ search: AnsweredQuery, index: Int) throws -> String
    /// What comes after the last search.
    func footer() -> String
}

extension HitListWriter {
    public func header() -> String { "" }
    public func footer() -> String { "" }

    /// A whole output for `searches`, for when they are all at hand.
    public func document(_ searches: [AnsweredQuery]) throws -> String {
        var output = header()
        for (index, search) in searches.enumerated() {
            output += try entry(search, index: index)
        }
        return output + footer()
    }
}
