import Foundation
import Testing
@testable import NewsqKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite struct CorpusWalkerTests {
    /// A fresh directory tree for one test, removed when the test ends.
    final class TemporaryTree {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory
                .appendingPathComponent("newsq-walker-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func file(_ path: String, _ contents: String = "---\ntitle: T\n---\n") throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
        }

        func directory(_ path: String) throws {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: true)
        }

        func link(_ path: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(
                atPath: root.appendingPathComponent(path).path, withDestinationPath: destination)
        }
    }

    @Test func findsArticlesSortedWithIDsAndReportsLinkProblems() throws {
        let tree = try TemporaryTree()
        try tree.file("b.markdown")
        try tree.file("a.md", "---\ntitle: Twelve\n---\n")
        try tree.file("C.TXT")
        try tree.file("notes.json")
        try tree.file("README")
        try tree.file(".hidden.md")
        try tree.file(".git/objects/x.md")
        try tree.file("space name.md")
        try tree.file("ünïcödé 新闻.md")
        try tree.file("sub/deep/z.md")
        try tree.file("sub/a.Markdown")
        try tree.directory("empty")
        try tree.link("sub/loop", to: "..")
        try tree.link("sub/deep/self", to: ".")
        try tree.link("linked", to: "sub/deep")
        try tree.link("alias.md", to: "a.md")
        try tree.link("dangling.md", to: "missing.md")
        try tree.link("dangling-dir", to: "nowhere")

        let scan = try CorpusWalker(root: tree.root).scan()

        #expect(
            scan.files.map(\.relativePath) == [
                "C.TXT", "a.md", "alias.md", "b.markdown", "space name.md", "sub/a.Markdown", "sub/deep/z.md",
                "ünïcödé 新闻.md",
            ])
        #expect(
            scan.files.map(\.id) == [
                "C", "a", "alias", "b", "space name", "sub/a", "sub/deep/z", "ünïcödé 新闻",
            ])
        #expect(scan.files.map(\.frontMatterOptional) == [true, false, false, false, false, false, false, false])
        #expect(
            Set(scan.problems.map(\.description)) == [
                "dangling.md: the file cannot be read: it is a symbolic link to a missing file",
                "sub/deep/self: the symbolic link leads back to `sub/deep`, which contains it, so it was skipped",
                "sub/loop: the symbolic link leads back to `.`, which contains it, so it was skipped",
                "linked: the directory was already scanned as `sub/deep`, so this second path to it was skipped",
            ])
        #expect(scan.problems.count == 4)

        let first = try #require(scan.files.first { $0.id == "a" })
        #expect(first.size == Int64("---\ntitle: Twelve\n---\n".utf8.count))
        #expect(first.url.path == tree.root.appendingPathComponent("a.md").path)
        #expect(try ArticleParser().parse(file: first).title == "Twelve")
        let linkedFile = try #require(scan.files.first { $0.id == "alias" })
        #expect(try ArticleParser().parse(file: linkedFile) == Article(id: "alias", title: "Twelve"))
    }

    @Test func reportsModificationTimeInNanoseconds() throws {
        let tree = try TemporaryTree()
        try tree.file("dated.md")
        let date = Date(timeIntervalSince1970: 1_577_934_245.5)
        try FileManager.default.setAttributes(
            [.modificationDate: date], ofItemAtPath: tree.root.appendingPathComponent("dated.md").path)
        let scan = try CorpusWalker(root: tree.root).scan()
        #expect(scan.files.map(\.modified) == [1_577_934_245_500_000_000])
    }

    @Test func sameIDFromTwoExtensionsKeepsTheFirstPath() throws {
        let tree = try TemporaryTree()
        try tree.file("story.txt")
        try tree.file("story.md")
        let scan = try CorpusWalker(root: tree.root).scan()
        #expect(scan.files.map(\.relativePath) == ["story.md"])
        #expect(
            scan.problems == [
                CorpusProblem(path: "story.txt", error: .duplicateID(id: "story", keptPath: "story.md"))
            ])
    }

    @Test func linkedDirectoryWithoutARealPathIsWalked() throws {
        let outside = try TemporaryTree()
        try outside.file("elsewhere/far.md")
        let tree = try TemporaryTree()
        try tree.link("external", to: outside.root.appendingPathComponent("elsewhere").path)
        try tree.link("external-again", to: outside.root.appendingPathComponent("elsewhere").path)
        let scan = try CorpusWalker(root: tree.root).scan()
        #expect(scan.files.map(\.id) == ["external/far"])
        #expect(
            scan.problems == [
                CorpusProblem(path: "external-again", error: .alreadyScanned(as: "external"))
            ])
    }

    @Test func pipeWithArticleNameIsReportedNotOpened() throws {
        let tree = try TemporaryTree()
        #expect(mkfifo(tree.root.appendingPathComponent("pipe.md").path, 0o644) == 0)
        let scan = try CorpusWalker(root: tree.root).scan()
        #expect(scan.files.isEmpty)
        #expect(scan.problems == [CorpusProblem(path: "pipe.md", error: .notARegularFile)])
    }

    @Test(.disabled(if: geteuid() == 0, "root reads any directory, whatever its mode"))
    func unreadableDirectoryIsReported() throws {
        let tree = try TemporaryTree()
        try tree.file("locked/inside.md")
        try tree.file("open.md")
        let locked = tree.root.appendingPathComponent("locked").path
        #expect(chmod(locked, 0) == 0)
        defer { chmod(locked, 0o755) }
        let scan = try CorpusWalker(root: tree.root).scan()
        #expect(scan.files.map(\.id) == ["open"])
        #expect(scan.problems.map(\.path) == ["locked"])
    }

    @Test func missingRootThrows() throws {
        let tree = try TemporaryTree()
        let missing = tree.root.appendingPathComponent("nope")
        #expect(throws: CorpusError.directoryNotFound(path: missing.path)) { try CorpusWalker(root: missing).scan() }
    }

    @Test func fileAsRootThrows() throws {
        let tree = try TemporaryTree()
        try tree.file("a.md")
        let file = tree.root.appendingPathComponent("a.md")
        #expect(throws: CorpusError.notADirectory(path: file.path)) { try CorpusWalker(root: file).scan() }
    }
}
