import Foundation
import Testing
@testable import NewsqKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Changes a corpus between index runs (and, in some runs, between two batches of the run) in
/// every way an archive changes, from a fixed seed, and checks after each run that the index
/// holds exactly what a fresh index of the same files holds.
@Suite struct IndexMutationTests {
    static let seed = testSeed(default: 20_261_206)
    static let runs = 30
    /// Five-letter words, so every article of one shape has one size: swaps and restored
    /// times then keep each name's size and modification time.
    static let words = ["alpha", "bravo", "delta", "gamma", "sigma"]

    enum Change: String, CaseIterable {
        case rewrite, truncate, makeBad, rename, respell, swap, delete, add, restoreTime
    }

    /// The corpus and what is done to it; names are kept exactly as written, so the NFC and
    /// NFD spellings of a name stay two names.
    final class Archive {
        let directory = TemporaryDirectory()
        var names: [String] = []
        var random: SeededGenerator
        var nextNumber = 0
        var counts: [Change: Int] = [:]

        init(seed: UInt64, files: Int) throws {
            random = SeededGenerator(seed: seed)
            for _ in 0..<files { try add() }
        }

        /// A number in `0..<bound`, from the seeded sequence.
        func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }

        func path(_ name: String) -> String { directory.url.path + "/" + name }

        func article() -> Data {
            let title = (0..<2).map { _ in IndexMutationTests.words[below(5)] }.joined(separator: " ")
            let body = (0..<8).map { _ in IndexMutationTests.words[below(5)] }.joined(separator: " ")
            return Data(
                articleFile(
                    title: title, body: body, date: "2024-0\(1 + below(9))-1\(below(10))T00:00:00Z",
                    quality: 10 + below(90)
                ).utf8)
        }

        func freshName() -> String {
            nextNumber += 1
            let stem = String(format: "%03d", nextNumber)
            switch below(4) {
            case 0: return "caf\u{E9}-\(stem).md"
            case 1: return "sub/n\(stem).md"
            default: return "n\(stem).md"
            }
        }

        @discardableResult
        func add() throws -> String {
            let name = freshName()
            directory.write(name, article())
            names.append(name)
            return name
        }

        func apply(_ change: Change) throws {
            counts[change, default: 0] += 1
            guard !names.isEmpty else { try add(); return }
            let index = below(names.count)
            let name = names[index]
            switch change {
            case .rewrite:
                try article().write(to: URL(fileURLWithPath: path(name)))
            case .truncate:
                try Data().write(to: URL(fileURLWithPath: path(name)))
            case .makeBad:
                let bad = [
                    Data("---\ntitle: [alpha\n---\nalpha\n".utf8),
                    Data("---\ntitle: \"alpha\"\n---\n".utf8) + Data([0xFF, 0xC3, 0x28]),
                    Data("---\nexcerpt: alpha\n---\nalpha bravo\n".utf8),
                ][below(3)]
                try bad.write(to: URL(fileURLWithPath: path(name)))
            case .rename:
                let target = freshName()
                try move(name, to: target)
                names[index] = target
            case .respell:
                // NFC <-> NFD: the same name to Swift's `==`, another to the file system.
                let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
                let target =
                    name.utf8.starts(with: composed.utf8)
                    ? decomposed + String(decoding: name.utf8.dropFirst(composed.utf8.count), as: UTF8.self)
                    : name.utf8.starts(with: decomposed.utf8)
                        ? composed + String(decoding: name.utf8.dropFirst(decomposed.utf8.count), as: UTF8.self)
                        : freshName()
                guard !names.contains(where: { $0.utf8.elementsEqual(target.utf8) }) else { return }
                try move(name, to: target)
                names[index] = target
            case .swap:
                let other = names[below(names.count)]
                guard !other.utf8.elementsEqual(name.utf8) else { return }
                let (firstTime, secondTime) = (try modified(name), try modified(other))
                try move(name, to: "swap.tmp")
                try move(other, to: name)
                try move("swap.tmp", to: other)
                try setModified(name, firstTime)
                try setModified(other, secondTime)
            case .delete:
                try FileManager.default.removeItem(atPath: path(name))
                names.remove(at: index)
            case .add:
                try add()
            case .restoreTime:
                let time = try modified(name)
                try article().write(to: URL(fileURLWithPath: path(name)))
                try setModified(name, time)
            }
        }

        private func move(_ name: String, to target: String) throws {
            try FileManager.default.createDirectory(
                atPath: (path(target) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard rename(path(name), path(target)) == 0 else { throw POSIXFailure(code: errno) }
        }

        private func modified(_ name: String) throws -> Int64 {
            try FileStatus.of(path: path(name)).get().modifiedNanoseconds
        }

        private func setModified(_ name: String, _ nanoseconds: Int64) throws {
            let time = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
            guard utimensat(AT_FDCWD, path(name), [time, time], 0) == 0 else { throw POSIXFailure(code: errno) }
        }
    }

    @Test func everyRunConvergesToAFreshIndex() throws {
        let archive = try Archive(seed: Self.seed, files: 40)
        let directory = TemporaryDirectory()
        let database = try ArchiveDatabase.openForWriting(path: directory.path("index.sqlite").path)
        let indexer = Indexer(database: database, batchFiles: 8)
        _ = try indexer.index(root: archive.directory.url)
        var converged = 0, changes = 0, midRunChanges = 0
        for run in 1...Self.runs {
            for _ in 0..<(2 + archive.below(5)) {
                try archive.apply(Change.allCases[archive.below(Change.allCases.count)])
                changes += 1
            }
            // Every fourth run, files also change between two of its batches; that run cannot see
            // every change, and the next one, with nothing changed in between, must.
            let midRun = run % 4 == 0
            var changedMidRun = false
            let report = try indexer.index(root: archive.directory.url) { _ in
                guard midRun, !changedMidRun else { return }
                changedMidRun = true
                for _ in 0..<(2 + archive.below(3)) {
                    try? archive.apply(Change.allCases[archive.below(Change.allCases.count)])
                    midRunChanges += 1
                }
            }
            if midRun { _ = try indexer.index(root: archive.directory.url) }
            let contents = try IndexContents(database, words: Self.words)
            let fresh = try IndexContents.fresh(of: archive.directory.url, words: Self.words)
            #expect(contents == fresh, "run \(run): \(contents) against \(fresh)")
            #expect(IndexChecker(database: database).check().isHealthy, "run \(run)")
            #expect(report.articleCount == contents.rows.count || midRun, "run \(run)")
            if contents == fresh { converged += 1 }
        }
        let kinds = Change.allCases.map { "\($0.rawValue) \(archive.counts[$0, default: 0])" }.joined(separator: ", ")
        print(
            "mutation test: \(Self.runs) runs, \(changes) changes between runs and \(midRunChanges) during them (\(kinds)); \(converged) of \(Self.runs) converged to a fresh index"
        )
        #expect(converged == Self.runs)
    }
}
