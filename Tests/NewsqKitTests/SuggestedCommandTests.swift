import Foundation
import GRDB
import Testing
@testable import NewsqKit

/// Every command newsq suggests can be pasted: it names the index the user named, quoted.
@Suite struct SuggestedCommandTests {
    @Test(arguments: [
        ("corpus/", "corpus/"),
        ("/data/r2.sqlite", "/data/r2.sqlite"),
        ("人工智能", "人工智能"),
        ("my corpus", "'my corpus'"),
        ("it's", "'it'\\''s'"),
        ("$HOME", "'$HOME'"),
        ("~/x", "'~/x'"),
        ("a;b", "'a;b'"),
        ("", "''"),
    ])
    func wordsAreQuotedForAPOSIXShell(word: String, quoted: String) {
        #expect(SuggestedCommand.quoted(word) == quoted)
    }

    /// What a POSIX shell makes of the quoted word: the word itself.
    @Test(arguments: ["my corpus", "it's", "$HOME `x` \"y\"", "a\\b", "~/x", "tab\there"])
    func theShellReadsAQuotedWordBack(word: String) throws {
        let outcome = try shell("printf %s \(SuggestedCommand.quoted(word))")
        #expect(outcome == word)
    }

    @Test func theIndexIsNamedOnlyWhenTheUserNamedIt() {
        #expect(SuggestedCommand(["index", "DIR"], index: .implied).description == "newsq index DIR")
        #expect(
            SuggestedCommand(["index", "DIR", "--rebuild"], index: .path("/tmp/a b.sqlite")).description
                == "newsq index DIR --rebuild --db '/tmp/a b.sqlite'")
    }

    @Test func aMissingIndexSuggestsIndexingTheSameFile() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("no such 'index'.sqlite").path
        let given = try Newsq.run(["search", "chips", "--db", db])
        #expect(given.status == 1)
        #expect(suggestions(in: given.stderr) == ["newsq index DIR --db \(SuggestedCommand.quoted(db))"], "\(given.stderr)")

        let fromEnvironment = try Newsq.run(["search", "chips"], environment: ["NEWSQ_DB": db])
        #expect(fromEnvironment.status == 1)
        #expect(suggestions(in: fromEnvironment.stderr) == ["newsq index DIR"], "\(fromEnvironment.stderr)")
    }

    /// The hint after Ctrl-C, pasted into a shell, finishes the same index; `check`'s note too.
    @Test func theHintAfterAnInterruptionFinishesTheSameIndex() throws {
        let corpus = GeneratedCorpus(count: InterruptAndLockTests.articles, seed: 9)
        let directory = TemporaryDirectory()
        let db = directory.path("r2 'copy'.sqlite").path
        let run = try Newsq.start(["index", corpus.directory.url.path, "--db", db, "--batch-size", "10"])
        while articleCount(db) < 10, run.isRunning { usleep(2_000) }
        #expect(run.isRunning, "the run ended before it could be interrupted")
        try holdingSQLiteWriteLock(on: db) {
            run.signal(SIGINT)
            #expect(run.waitForStandardError(containing: "stopping after the current batch"))
        }
        let outcome = run.wait()
        #expect(outcome.status == 130, "\(outcome.stderr)")
        let expected = "newsq index \(SuggestedCommand.quoted(corpus.directory.url.path)) --db \(SuggestedCommand.quoted(db))"
        #expect(suggestions(in: outcome.stderr) == [expected], "\(outcome.stderr)")

        let check = try Newsq.run(["check", "--db", db])
        #expect(suggestions(in: check.stdout) == [expected], "\(check.stdout)")

        let pasted = try shell(
            expected.replacingOccurrences(
                of: "newsq ", with: SuggestedCommand.quoted(CommandLineTests.executable.path) + " ", options: .anchored))
        #expect(pasted.contains("Indexed "), "\(pasted)")
        #expect(articleCount(db) == InterruptAndLockTests.articles)
    }

    /// The commands between backticks in `text`.
    private func suggestions(in text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    private func articleCount(_ path: String) -> Int {
        guard let database = try? ArchiveDatabase.openForReading(path: path) else { return 0 }
        return (try? database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM articles") }) ?? 0
    }

    /// Standard output of `command` run by /bin/sh.
    private func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
