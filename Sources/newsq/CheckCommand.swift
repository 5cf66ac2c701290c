import ArgumentParser
import Foundation
import NewsqKit

struct CheckCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify that the index is intact and agrees with itself.",
        discussion: """
            Runs SQLite's integrity check, checks that the articles table and the full-text index \
            hold the same articles, and has FTS5 compare the full-text index with every article's \
            text. It reads the whole index, so it takes about as long as searching every article.
            Exit status: 0 when the index is healthy, 2 when it is damaged (rebuild it with \
            `newsq index DIR --rebuild`, with the same --db), 1 when it cannot be checked (no index, not an index, busy).
            """)

    @OptionGroup var database: DatabaseOption

    @Flag(help: "Wait for an index run on the same index to finish, instead of stopping.")
    var wait = false

    func run() throws {
        let path = database.path
        // No signal trap: a check writes nothing (its one write transaction is rolled back),
        // so Ctrl-C may end it at any moment, waiting or checking.
        let opened = Result { () throws(IndexError) in
            try ArchiveDatabase.openForChecking(
                path: path, wait: wait,
                onWaiting: { printError("waiting for another newsq process to finish with \(path) ...") })
        }
        let archive: ArchiveDatabase
        switch opened {
        case .success(let opened):
            archive = opened
        case .failure(.damaged(_, let reason)):
            print("Checking \(path):")
            print("  FAILED  the index opens: \(reason)")
            print("The index is damaged: rebuild it with `\(database.suggest("index", "DIR", "--rebuild"))`.")
            throw ExitCode(2)
        case .failure(let error):
            throw error
        }

        let health = IndexChecker(database: archive).check()
        let corpus = health.root.map { ", corpus \($0)" } ?? ""
        print("Checking \(path) (\(Plural.count(health.articleCount, "article"))\(corpus)):")
        for item in health.items {
            if let problem = item.problem {
                print("  FAILED  \(item.name): \(problem)")
            } else if let skipped = item.skipped {
                print("  skipped \(item.name): \(skipped)")
            } else {
                print("  ok      \(item.name)")
            }
        }
        let directory = health.root ?? "DIR"
        if !health.lastRunFinished {
            print(
                "note: the last index run did not finish (it was interrupted, killed or failed); the index is valid but may be behind its files: run `\(database.suggest("index", directory))` to complete it"
            )
        }
        if health.failedFiles > 0 {
            let files = Plural.count(health.failedFiles, "file")
            print("note: \(files) could not be indexed at the last run; `\(database.suggest("index", directory))` lists them")
        }
        guard health.isHealthy else {
            print("The index is damaged: rebuild it with `\(database.suggest("index", directory, "--rebuild"))`.")
            throw ExitCode(2)
        }
        print("The index is healthy.")
    }
}
