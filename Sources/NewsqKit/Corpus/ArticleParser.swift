import Foundation
import Yams

/// Reads one corpus file (YAML front matter, then a Markdown or HTML body) into an `Article`.
///
/// The parser is a value with no shared state, so one instance can serve many threads.
public struct ArticleParser: Sendable {
    /// Files above this size are refused before they are read or decoded.
    public let maxFileBytes: Int
    /// Front matter above this size is refused before YAML reads it: the YAML tree costs many
    /// times the text, and real front matter is a few kilobytes.
    public let maxFrontMatterBytes: Int

    /// Creates a parser that refuses files larger than `maxFileBytes` (64 MiB by default) and
    /// front matter larger than `maxFrontMatterBytes` (1 MiB by default).
    public init(maxFileBytes: Int = 64 << 20, maxFrontMatterBytes: Int = 1 << 20) {
        self.maxFileBytes = maxFileBytes
        self.maxFrontMatterBytes = maxFrontMatterBytes
    }

    /// Reads and parses the file a `CorpusWalker` found, naming the article by the file's id.
    public func parse(file: CorpusFile) throws(CorpusError) -> Article {
        if file.size > Int64(maxFileBytes) { throw .tooLarge(bytes: Int(file.size), limit: maxFileBytes) }
        let data = try FileReading.contents(root: file.root, relativePath: file.relativePath, limit: maxFileBytes).get()
        return try parse(data, id: file.id)
    }

    /// Parses the bytes of one article file; `id` becomes the article's id.
    public func parse(_ data: Data, id: String) throws(CorpusError) -> Article {
        guard data.count <= maxFileBytes else { throw .tooLarge(bytes: data.count, limit: maxFileBytes) }
        var text = try Self.decodeText(data)
        return try text.withUTF8 { bytes in
            Result { () throws(CorpusError) -> Article in try parse(utf8: bytes, id: id) }
        }.get()
    }

    private func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, id: String) throws(CorpusError) -> Article {
        let layout = try FrontMatterLayout.locate(in: bytes)
        if layout.yaml.count > maxFrontMatterBytes {
            throw .frontMatterTooLarge(bytes: layout.yaml.count, limit: maxFrontMatterBytes)
        }
        let yamlBytes = UnsafeBufferPointer(rebasing: bytes[layout.yaml])
        if let problem = YAMLShapeGuard.problem(in: yamlBytes) { throw .invalidYAML(reason: problem) }

        // Real front matter is a few regular shapes that SimpleFrontMatter reads into the same
        // tree for a fraction of Yams' cost; it declines anything else, which Yams then reads.
        let root: Node?
        if let simple = SimpleFrontMatter.compose(yamlBytes) {
            root = simple
        } else {
            do {
                // The basic resolver tags every scalar as text without running Yams' regular
                // expressions (FrontMatterFields checks types itself), and an explicit encoding
                // saves a read of the process environment per call; together they were 60% of the time.
                root = try Yams.compose(yaml: String(decoding: yamlBytes, as: UTF8.self), .basic, .default, .utf8)
            } catch {
                throw .invalidYAML(reason: Self.oneLineReason(error))
            }
        }
        guard case .mapping(let mapping)? = root else { throw .frontMatterNotAMapping }
        let fields = FrontMatterFields(mapping)

        guard let rawTitle = try fields.text("title"), case let title = FieldText.clean(rawTitle), !title.isEmpty
        else { throw .missingField("title") }
        let heat = try fields.integer("heat")
        var related: [RelatedArticle] = []
        for item in try fields.mappingList("related") {
            if let stub = try relatedArticle(item) { related.append(stub) }
        }
        return Article(
            id: id,
            title: title,
            excerpt: FieldText.clean(try fields.text("excerpt") ?? ""),
            body: MarkupStripper().plainText(fromUTF8: UnsafeBufferPointer(rebasing: bytes[layout.body])),
            published: try fields.date("publishedDateTime"),
            quality: try fields.integer("quality"),
            // The format writes -1 for "unknown"; no negative popularity means anything else.
            heat: heat.flatMap { $0 < 0 ? nil : $0 },
            type: Self.trimmed(try fields.text("type")),
            category: Self.trimmed(try fields.text("category")),
            topics: try fields.textList("topics").map(FieldText.clean).filter { !$0.isEmpty },
            provider: try provider(in: fields),
            webURL: Self.trimmed(try fields.text("webUrl")),
            originalURL: Self.trimmed(try fields.text("originalUrl")),
            related: related
        )
    }

    private func provider(in fields: FrontMatterFields) throws(CorpusError) -> Provider? {
        guard let provider = try fields.mapping("provider") else { return nil }
        guard let name = try provider.text("name").map(FieldText.clean), !name.isEmpty else {
            throw .missingField(provider.path + "name")
        }
        return Provider(name: name, domain: Self.trimmed(try provider.text("domain")))
    }

    /// A related stub without a title carries no text to search, so it is dropped rather than
    /// failing the article it is attached to; a stub with a wrong-typed field still fails it.
    private func relatedArticle(_ item: FrontMatterFields) throws(CorpusError) -> RelatedArticle? {
        let title = FieldText.clean(try item.text("title") ?? "")
        let excerpt = FieldText.clean(try item.text("excerpt") ?? "")
        let published = try item.date("publishedDateTime")
        let webURL = Self.trimmed(try item.text("webUrl"))
        let originalURL = Self.trimmed(try item.text("originalUrl"))
        let providerName = try item.mapping("provider")?.text("name").map(FieldText.clean)
        let quality = try item.integer("quality")
        guard !title.isEmpty else { return nil }
        return RelatedArticle(
            title: title, excerpt: excerpt, published: published, url: webURL ?? originalURL,
            providerName: providerName.flatMap { $0.isEmpty ? nil : $0 }, quality: quality
        )
    }

    /// The file as text with `\n` line ends: BOM dropped, UTF-8 checked, CRLF and CR folded.
    static func decodeText(_ data: Data) throws(CorpusError) -> String {
        let hasBOM = data.count >= 3 && data.starts(with: [0xEF, 0xBB, 0xBF])
        guard var text = String(validating: hasBOM ? data.dropFirst(3) : data[...], as: UTF8.self) else {
            throw .notUTF8
        }
        if text.withUTF8({ $0.contains(0x0D) }) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text
    }

    /// The text without surrounding ASCII whitespace; `nil` when nothing is left.
    private static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let utf8 = text.utf8
        guard let first = utf8.firstIndex(where: { !PlainTextWriter.isWhitespace($0) }),
            let last = utf8.lastIndex(where: { !PlainTextWriter.isWhitespace($0) })
        else { return nil }
        if first == utf8.startIndex, utf8.index(after: last) == utf8.endIndex { return text }
        return String(text[first...last])
    }

    /// Yams' messages span lines (a snippet and a caret); an error list needs one line.
    /// Positions count from the file's first line, which is the opening `---`.
    static func oneLineReason(_ error: any Error) -> String {
        func position(_ mark: Mark) -> String { "line \(mark.line + 1), column \(mark.column)" }
        func withContext(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> String {
            let prefix = context.map { "\($0.text): " } ?? ""
            return "\(prefix)\(problem) (\(position(mark)))"
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return withContext(problem, context, mark)
        case .reader(let problem, let offset, _, _):
            return offset.map { "\(problem) (at character \($0))" } ?? problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "the key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) appears more than once"
        default:
            return String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        }
    }
}
