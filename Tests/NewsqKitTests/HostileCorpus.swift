import Foundation
@testable import NewsqKit

/// A corpus with every kind of broken and hostile file an archive may hold, beside good files
/// with awkward names. Large files are made here (sparse, so they cost no disk), not committed.
struct HostileCorpus {
    /// A file the index run must report once: its path below the root, and words of the reason.
    struct Expected {
        let path: String
        let reason: String
    }

    let directory = TemporaryDirectory()
    private(set) var failures: [Expected] = []
    private(set) var warnings: [Expected] = []
    /// Good files, each with a word found only in it.
    private(set) var good: [(path: String, word: String)] = []
    /// Why a case could not be made on this machine (it is then left out).
    private(set) var skipped: [String] = []

    /// The article id of a good file: its path without the extension.
    static func id(of path: String) -> String { String(path[..<path.lastIndex(of: ".")!]) }

    static let hugeFileBytes: Int64 = 200 << 20

    init() {
        addBadFiles()
        addBadLinksAndNames()
        addGoodFiles()
    }

    private mutating func bad(_ path: String, _ contents: Data, reason: String) {
        directory.write(path, contents)
        failures.append(Expected(path: path, reason: reason))
    }

    private mutating func bad(_ path: String, _ text: String, reason: String) {
        bad(path, Data(text.utf8), reason: reason)
    }

    private mutating func addBadFiles() {
        bad("bad/empty.md", Data(), reason: "no front matter")
        var random = SeededGenerator(seed: 6)
        bad("bad/binary.md", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }), reason: "not valid UTF-8")
        bad("bad/invalid-utf8.md", Data("---\ntitle: \"x\"\n---\n".utf8) + Data([0xFF, 0xFE, 0xC3]), reason: "not valid UTF-8")
        bad("bad/no-front-matter.md", "Just a body, no front matter.\n", reason: "no front matter")
        bad("bad/unterminated.md", "---\ntitle: \"Never closed\"\n", reason: "never closed")
        bad("bad/broken-yaml.md", "---\ntitle: [unclosed\n---\nbody\n", reason: "not valid YAML")
        bad("bad/nul-in-yaml.md", "---\ntitle: \"a\u{0}b\"\n---\nbody\n", reason: "not valid YAML")
        bad("bad/front-matter-not-a-mapping.md", "---\n- just\n- a list\n---\n", reason: "not a mapping")
        bad("bad/missing-title.md", "---\nexcerpt: \"no title\"\n---\n", reason: "`title` is missing")
        bad("bad/wrong-quality.md", "---\ntitle: \"Bad quality\"\nquality: high\n---\n", reason: "`quality` should be an integer")
        bad(
            "bad/wrong-topics.md", "---\ntitle: \"Bad topics\"\ntopics:\n  nested: map\n---\n",
            reason: "`topics` should be a list")
        bad("bad/title-is-a-list.md", "---\ntitle: [a, b]\n---\n", reason: "`title` should be text")
        bad("bad/bad-date.md", "---\ntitle: \"Bad date\"\npublishedDateTime: yesterday\n---\n", reason: "not an ISO 8601 date")
        bad(
            "bad/impossible-date.md", "---\ntitle: \"Bad date\"\npublishedDateTime: 2024-02-30T25:61:00Z\n---\n",
            reason: "not an ISO 8601 date")

        let aliases = Array(repeating: "*a", count: 1001).joined(separator: ", ")
        bad("bad/alias-bomb.md", "---\ntitle: Bomb\nbase: &a lol\nmany: [\(aliases)]\n---\n", reason: "more than 1000 aliases")
        bad(
            "bad/alias-in-key.md", "---\n\(HostileFrontMatterTests.billionLaughs)\n*i : boom\n---\n",
            reason: "inside a mapping key")
        let depth = 100_000
        bad(
            "bad/deep-nesting.md",
            "---\ntitle: Deep\nx: \(String(repeating: "[", count: depth))\(String(repeating: "]", count: depth))\n---\n",
            reason: "deeper than 64 levels")
        let bigFrontMatter = (0..<40_000).map { "k\($0): \"\(String(repeating: "x", count: 20))\"" }.joined(separator: "\n")
        bad("bad/huge-front-matter.md", "---\ntitle: Big\n\(bigFrontMatter)\n---\n", reason: "front matter is")

        // Sparse: 200 MB by its size, no disk used; refused by size before any byte is read.
        let huge = directory.write("bad/huge-200MB.md", Data("---\ntitle: Huge\n---\n".utf8))
        truncate(huge.path, off_t(Self.hugeFileBytes))
        failures.append(Expected(path: "bad/huge-200MB.md", reason: "over the limit"))

        // `dup.markdown` sorts first, so it keeps the id `bad/dup`.
        directory.write("bad/dup.markdown", articleFile(title: "First of two files named dup", body: "lynx"))
        good.append(("bad/dup.markdown", "lynx"))
        bad("bad/dup.md", articleFile(title: "Second file named dup"), reason: "already taken by `bad/dup.markdown`")
    }

    private mutating func addBadLinksAndNames() {
        let manager = FileManager.default
        let root = directory.url.path
        try! manager.createDirectory(atPath: root + "/links", withIntermediateDirectories: true)
        try! manager.createSymbolicLink(atPath: root + "/links/loop", withDestinationPath: "..")
        failures.append(Expected(path: "links/loop", reason: "leads back to `.`"))
        try! manager.createSymbolicLink(atPath: root + "/links/cycle-a.md", withDestinationPath: "cycle-b.md")
        try! manager.createSymbolicLink(atPath: root + "/links/cycle-b.md", withDestinationPath: "cycle-a.md")
        failures.append(Expected(path: "links/cycle-a.md", reason: "loop of symbolic links"))
        failures.append(Expected(path: "links/cycle-b.md", reason: "loop of symbolic links"))
        try! manager.createSymbolicLink(atPath: root + "/links/dangling.md", withDestinationPath: "missing.md")
        failures.append(Expected(path: "links/dangling.md", reason: "link to a missing file"))
        if mkfifo(root + "/links/fifo.md", 0o644) == 0 {
            failures.append(Expected(path: "links/fifo.md", reason: "not a regular file"))
        } else {
            skipped.append("fifo.md: mkfifo failed")
        }

        if makeUnreadableFile(at: directory.path("bad/unreadable.md")) != nil {
            failures.append(Expected(path: "bad/unreadable.md", reason: "cannot be read"))
        } else {
            skipped.append("unreadable.md: no way to make a file this user cannot read")
        }

        // A name that is not UTF-8 cannot be a Swift String; made with the C call.
        let name = Array((root + "/bad/latin1-caf").utf8CString.dropLast()) + [CChar(bitPattern: 0xE9)] + Array(".md".utf8CString)
        let descriptor = open(name, O_CREAT | O_WRONLY, 0o644)
        if descriptor >= 0 {
            close(descriptor)
            failures.append(Expected(path: "bad/latin1-caf\u{FFFD}.md", reason: "file name is not valid UTF-8"))
        } else {
            skipped.append("a non-UTF-8 file name: this file system refuses it")
        }
    }

    private mutating func addGoodFiles() {
        func good(_ path: String, _ word: String, _ contents: String? = nil) {
            directory.write(path, contents ?? articleFile(title: "Good file", body: "The word \(word) is here."))
            self.good.append((path, word))
        }
        good("good/plain.md", "aardvark")
        good("with spaces/a file name.md", "bassoon")
        good("中文目录/新闻 标题.md", "cormorant")
        good("café-naïve.md", "dulcimer")
        good("emoji-📰.md", "euphonium")
        good(
            "good/nul-in-body.md", "flamingo",
            "---\ntitle: \"Body with NUL bytes\"\n---\nflamingo \u{0}\u{0} binary-ish body\n")
        good("good/crlf-bom.md", "gazelle", "\u{FEFF}---\r\ntitle: \"Windows file\"\r\n---\r\ngazelle\r\n")
        good(
            "good/billion-laughs.md", "harmonica",
            "---\n\(HostileFrontMatterTests.billionLaughs)\n---\nharmonica\n")
        good(
            "good/markup-storm.md", "ibex",
            "---\ntitle: \"Markup storm\"\n---\nibex " + String(repeating: "[<`*_&", count: 50_000) + "\n")
        // Two files, one URL: both indexed, the second reported as a warning.
        good(
            "same-url/first.md", "jackal",
            articleFile(title: "Same URL one", body: "jackal", extra: "webUrl: https://news.example/same"))
        good(
            "same-url/second.md", "kestrel",
            articleFile(title: "Same URL two", body: "kestrel", extra: "webUrl: https://news.example/same"))
        warnings.append(Expected(path: "same-url/second.md", reason: "also the URL of `same-url/first.md`"))
        // Skipped silently: not articles.
        directory.write("notes.txt", "a plain text file without front matter is not an article\n")
        directory.write(".hidden/secret.md", articleFile(title: "Hidden"))
        directory.write("image.png", Data([0x89, 0x50, 0x4E, 0x47]))
    }
}
