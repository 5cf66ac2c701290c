import Foundation
import Testing
@testable import NewsqKit

/// A stop asked while a run merges the full-text index or counts its terms ends the run as
/// stopped (exit status 130 or 143 on the command line), never as a finished run, and leaves a
/// valid index whose next run does what was left.
@Suite struct StopDuringLastStepsTests {
    private static func corpus() -> TemporaryDirectory {
        let corpus = TemporaryDirectory()
        for index in 0..<20 { corpus.write("\(index).md", articleFile(title: "Alpha \(index)", body: "alpha bravo")) }
        return corpus
    }

    @Test func aStopDuringTheMergeEndsTheRunStoppedAndTheNextRunMerges() throws {
        let corpus = Self.corpus()
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        let interruption = IndexInterruption()
        let report = try Indexer(database: database).index(root: corpus.url, interruption: interruption) { progress in
            if progress.isMerging { interruption.request() }
        }
        #expect(report.interrupted)
        #expect(report.stop == .beforeMerging)
        #expect(!report.mergedFullTextIndex && !report.countedTerms)
        #expect(report.articleCount == 20)
        #expect(IndexChecker(database: database).check().isHealthy)

        let next = try Indexer(database: database).index(root: corpus.url)
        #expect(!next.interrupted)
        #expect(next.unchanged == 20)
        #expect(next.mergedFullTextIndex)
        #expect(try IndexContents(database) == (try IndexContents.fresh(of: corpus.url)))
    }

    @Test func aStopDuringTheTermCountEndsTheRunStopped() throws {
        let corpus = Self.corpus()
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        let interruption = IndexInterruption()
        let report = try Indexer(database: database).index(root: corpus.url, interruption: interruption) { progress in
            if progress.isCountingTerms { interruption.request() }
        }
        #expect(report.interrupted)
        #expect(report.stop == .beforeCountingTerms)
        #expect(report.mergedFullTextIndex && !report.countedTerms)
        #expect(IndexChecker(database: database).check().isHealthy)
    }
}
