import Foundation
import Testing
import Yams
@testable import NewsqKit

/// The fast front matter reader: what it accepts reads exactly as Yams reads it, and what it
/// declines still reaches Yams through `ArticleParser`.
@Suite struct SimpleFrontMatterTests {
    // MARK: Accepted shapes

    /// Front matter in the subset and its tree, written by `shape(_:)`: plain scalars bare,
    /// double-quoted ones quoted.
    static let accepted: [(yaml: String, shape: String)] = [
        (
            "title: Hello world\nquality: 59\nheat: -1\npublished: false",
            #"{title: Hello world, quality: 59, heat: -1, published: false}"#
        ),
        (
            "category: \"news\"\ntitle: \"A \\\"quoted\\\" title\"",
            #"{category: "news", title: "A \"quoted\" title"}"#
        ),
        (
            "topics:\nprovider: ~\nx: null\ny: \"\"\nz: \"null\"",
            #"{topics: , provider: ~, x: null, y: "", z: "null"}"#
        ),
        (
            "provider:\n  name: South China Morning Post\n  domain: scmp.com",
            #"{provider: {name: South China Morning Post, domain: scmp.com}}"#
        ),
        (
            "topics:\n  - AI Ethics\n  - \"tin\"\n  - AI",
            #"{topics: [AI Ethics, "tin", AI]}"#
        ),
        ("topics: []\nimages: []   ", #"{topics: [], images: []}"#),
        (
            "related:\n  - title: A\n    provider:\n      name: P\n      images:\n        - url: \"u\"\n          width: 50\n  - title: B\n    images: []",
            #"{related: [{title: A, provider: {name: P, images: [{url: "u", width: 50}]}}, {title: B, images: []}]}"#
        ),
        ("\n\na: x  \n\n   \nb: \"y\"  \n\n", #"{a: x, b: "y"}"#),
        (
            "webUrl: https://x.org/a?b=c#d\nt: a:b, c [d] {e} 'f' \"g\" a#b -x",
            #"{webUrl: https://x.org/a?b=c#d, t: a:b, c [d] {e} 'f' "g" a#b -x}"#
        ),
        ("title: 促流通抓转化包头稳定粮食生产\nexcerpt: \"“联动战略”\"", #"{title: 促流通抓转化包头稳定粮食生产, excerpt: "“联动战略”"}"#),
        (
            "publishedDateTime: 2021-06-30T13:04:00Z\nsome_key-2.x: 1",
            #"{publishedDateTime: 2021-06-30T13:04:00Z, some_key-2.x: 1}"#
        ),
        ("topics:\n  - AI: ethics\n  - 12:30 meeting", #"{topics: [{AI: ethics}, 12:30 meeting]}"#),
    ]

    @Test(arguments: accepted)
    func readsTheSubsetAsYamsDoes(_ example: (yaml: String, shape: String)) throws {
        let fast = try #require(Self.fastTree(example.yaml), "the fast path declined it")
        #expect(Self.shape(fast) == example.shape)
        try Self.expectSameTree(fast, try Self.yamsTree(example.yaml), example.yaml)
    }

    @Test func decodesTheEscapesItAccepts() throws {
        let yaml = #"title: "q\" b\\ s\/ n\n t\t r\r e\u00e9 z\u4E2D ""#
        guard case .mapping(let root)? = Self.fastTree(yaml),
            case .scalar(let title)? = root.first(where: { $0.key.string == "title" })?.value
        else {
            Issue.record("the fast path declined it")
            return
        }
        #expect(title.string == "q\" b\\ s/ n\n t\t r\r eé z中 ")
        try Self.expectSameTree(.mapping(root), try Self.yamsTree(yaml), yaml)
    }

    // MARK: Declined shapes

    enum Outcome: Sendable, CustomStringConvertible {
        case title(String)
        case parses
        case fails
        /// libyaml reads these characters as line breaks or skips them; whatever it makes of them stands.
        case yamsDecides
        var description: String {
            switch self {
            case .title(let title): "title \(title)"
            case .parses: "parses"
            case .fails: "fails"
            case .yamsDecides: "read by Yams"
            }
        }
    }

    /// Front matter outside the subset, and what `ArticleParser` makes of it through Yams.
    static let declined: [(yaml: String, outcome: Outcome)] = [
        ("title: T\ntopics: [a, b]", .title("T")),
        ("title: T\ntopics: [ ]", .title("T")),
        ("title: T\nprovider: {name: P}", .title("T")),
        ("title: |\n  T", .title("T")),
        ("title: >\n  T\n  U", .title("T U")),
        ("a: &x T\ntitle: *x", .title("T")),
        ("title: !!str T", .title("T")),
        ("title: T\n  U", .title("T U")),
        ("title: \"T\n  U\"", .title("T U")),
        ("title: 'it''s'", .title("it's")),
        ("? title\n: T", .title("T")),
        ("# a comment\ntitle: T", .title("T")),
        ("title: T # a comment", .title("T")),
        ("title: T\n...", .title("T")),
        ("title: \"T\\x41\"", .title("TA")),
        ("title: \"T\\\n  U\"", .title("TU")),
        ("title: \"\\ud83d\\ude00\"", .fails),
        ("title: T: U", .fails),
        ("\"title\": T", .title("T")),
        ("title: T\nsome key: v", .title("T")),
        ("title: T\ntitle: U", .fails),
        ("title: T\ntopics:\n- a", .title("T")),
        ("title: T\ntopics:\n  -   a", .title("T")),
        ("title: T\nx:\n  - - a", .title("T")),
        ("title: T\ntopics:\n  -\n    a", .title("T")),
        ("  title: T", .title("T")),
        ("title: T\tU", .parses),
        ("title: T\nprovider:\n\tname: P", .fails),
        ("title: T\u{2028}U", .yamsDecides),
        ("title: T\u{85}U", .yamsDecides),
        ("title: T\u{FEFF}U", .yamsDecides),
        ("title: T\u{7}", .fails),
        ("title: T\nkey:value", .fails),
        ("- a", .fails),
        ("", .fails),
        ("title: T\nprovider:\n  name: P\n   domain: d", .fails),
        ("title: T\nprovider:\n    name: P\n  domain: d", .fails),
        // More keys or levels than real front matter has.
        (((0..<70).map { "key\($0): v" } + ["title: T"]).joined(separator: "\n"), .title("T")),
        (
            "title: T\n" + (0..<20).map { String(repeating: "  ", count: $0) + "level\($0):" }.joined(separator: "\n") + " x",
            .title("T")
        ),
    ]

    @Test(arguments: declined)
    func declinesAndYamsStillReads(_ example: (yaml: String, outcome: Outcome)) {
        #expect(Self.fastTree(example.yaml) == nil)
        let result = Result { () throws(CorpusError) -> Article in
            try ArticleParser().parse(Data("---\n\(example.yaml)\n---\nbody".utf8), id: "x")
        }
        switch (example.outcome, result) {
        case (.title(let title), .success(let article)): #expect(article.title == title)
        case (.parses, .success), (.fails, .failure), (.yamsDecides, _): break
        default: Issue.record("expected it to be \(example.outcome), got \(result)")
        }
    }

    @Test func duplicateKeysKeepYamsError() {
        #expect(throws: CorpusError.invalidYAML(reason: "the key `title` appears more than once")) {
            try ArticleParser().parse(Data("---\ntitle: T\ntitle: U\n---\n".utf8), id: "x")
        }
    }

    // MARK: Real corpora

    /// Real corpora: `corpus/` in full, and a sample of each corpus in `../shared/corpora`; the
    /// directory named by `NEWSQ_FRONTMATTER_CORPUS` in full, to check another corpus file by file.
    static let corpora: [(name: String, root: URL, sample: Int?)] = {
        var corpora: [(name: String, root: URL, sample: Int?)] = [("corpus", Repository.corpus, nil)]
        if let path = ProcessInfo.processInfo.environment["NEWSQ_FRONTMATTER_CORPUS"] {
            corpora.append((path, URL(fileURLWithPath: path), nil))
        }
        let shared = Repository.shared.appendingPathComponent("corpora")
        if Repository.hasShared, let names = try? FileManager.default.contentsOfDirectory(atPath: shared.path) {
            for name in names.sorted() where !name.hasPrefix(".") {
                corpora.append((name, shared.appendingPathComponent(name), 3000))
            }
        }
        return corpora
    }()

    /// Every file the fast path accepts must read as Yams reads it, and it must accept nearly all.
    @Test(arguments: corpora)
    func realFrontMatterReadsAsYamsReadsIt(_ corpus: (name: String, root: URL, sample: Int?)) throws {
        var files = try CorpusWalker(root: corpus.root).scan().files.sorted { $0.relativePath < $1.relativePath }
        if let sample = corpus.sample, files.count > sample {
            let step = Double(files.count) / Double(sample)
            files = (0..<sample).map { files[Int(Double($0) * step)] }
        }
        var accepted = 0
        var declined: [String] = []
        for file in files {
            var text = try ArticleParser.decodeText(try Data(contentsOf: file.url))
            let outcome = try text.withUTF8 { bytes -> (fast: Node?, yaml: String) in
                let layout = try FrontMatterLayout.locate(in: bytes)
                let yaml = UnsafeBufferPointer(rebasing: bytes[layout.yaml])
                return (SimpleFrontMatter.compose(yaml), String(decoding: yaml, as: UTF8.self))
            }
            guard let fast = outcome.fast else {
                declined.append(file.relativePath)
                continue
            }
            accepted += 1
            try Self.expectSameTree(fast, try Self.yamsTree(outcome.yaml), file.relativePath)
        }
        let share = Double(accepted) / Double(max(files.count, 1))
        print(
            "SimpleFrontMatter accepted \(accepted) of \(files.count) files of \(corpus.name) (\(String(format: "%.2f", share * 100))%)"
                + (declined.isEmpty ? "" : "; declined e.g. \(declined.prefix(5).joined(separator: ", "))"))
        #expect(!files.isEmpty)
        #expect(share >= 0.99, "declined: \(declined.prefix(20))")
    }

    // MARK: Helpers

    static func fastTree(_ yaml: String) -> Node? {
        var yaml = yaml
        return yaml.withUTF8 { SimpleFrontMatter.compose($0) }
    }

    static func yamsTree(_ yaml: String) throws -> Node? {
        try Yams.compose(yaml: yaml, .basic, .default, .utf8)
    }

    /// Same shape, styles and unresolved tags (what `FrontMatterFields` and `isNull` see), then
    /// Yams' own `==`, which compares scalar text and resolved tags. The shapes are taken
    /// first because comparing resolves tags in place.
    static func expectSameTree(_ fast: Node, _ yams: Node?, _ source: String) throws {
        let yams = try #require(yams, "Yams read no document from \(source)")
        let fastShape = shape(fast, tags: true)
        let yamsShape = shape(yams, tags: true)
        #expect(fastShape == yamsShape, "\(source)")
        #expect(fast == yams, "\(source)")
    }

    /// A one-line picture of a tree: plain scalars bare, quoted ones in Swift quotes; with
    /// `tags`, every node's unresolved tag and every collection's style too.
    static func shape(_ node: Node, tags: Bool = false) -> String {
        switch node {
        case .scalar(let scalar):
            let tag = tags && !scalar.tag.rawValue.isEmpty ? "<\(scalar.tag.rawValue)>" : ""
            switch scalar.style {
            case .plain: return tag + scalar.string
            case .doubleQuoted: return tag + scalar.string.debugDescription
            default: return "\(tag)\(scalar.style)(\(scalar.string.debugDescription))"
            }
        case .mapping(let mapping):
            let tag = tags ? "<\(mapping.tag.rawValue) \(mapping.style)>" : ""
            let pairs = mapping.map { "\(shape($0.key, tags: tags)): \(shape($0.value, tags: tags))" }
            return tag + "{" + pairs.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            let tag = tags ? "<\(sequence.tag.rawValue) \(sequence.style)>" : ""
            let items = sequence.map { shape($0, tags: tags) }
            return tag + "[" + items.joined(separator: ", ") + "]"
        case .alias:
            return "*alias"
        }
    }
}
