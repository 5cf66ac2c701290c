import Foundation
@testable import NewsqKit

/// Runs the built `newsq` executable: to completion, or in the background to be signalled.
struct Newsq {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        /// True when the process ended by a signal (then `status` is the signal number).
        let signalled: Bool
    }

    /// `newsq` beside the test bundle (see `CommandLineTests.executable`).
    static var executable: URL { CommandLineTests.executable }

    /// Runs `newsq arguments` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        try start(arguments, environment: environment).wait()
    }

    /// Starts `newsq arguments` and returns at once.
    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        try Running(executable: executable, arguments: arguments, environment: environment)
    }

    /// A process started in the background. Its output is collected by reader threads, so a
    /// chatty process never blocks on a full pipe.
    final class Running: @unchecked Sendable {
        let process = Process()
        private let output = Collected()
        private let errors = Collected()
        private let readers = DispatchGroup()

        init(executable: URL, arguments: [String], environment: [String: String]) throws {
            process.executableURL = executable
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let stdout = Pipe(), stderr = Pipe()
            process.standardOutput = stdout
            process.standardError = stderr
            process.standardInput = FileHandle.nullDevice
            try process.run()
            collect(stdout.fileHandleForReading, into: output)
            collect(stderr.fileHandleForReading, into: errors)
        }

        var pid: Int32 { process.processIdentifier }
        var isRunning: Bool { process.isRunning }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits until standard error contains `text` (true) or the process ends first (false).
        func waitForStandardError(containing text: String) -> Bool {
            while true {
                if errors.text.contains(text) { return true }
                if !process.isRunning {
                    readers.wait()
                    return errors.text.contains(text)
                }
                usleep(5_000)
            }
        }

        func wait() -> Outcome {
            process.waitUntilExit()
            readers.wait()
            return Outcome(
                status: process.terminationStatus, stdout: output.text, stderr: errors.text,
                signalled: process.terminationReason == .uncaughtSignal)
        }

        private func collect(_ handle: FileHandle, into collected: Collected) {
            readers.enter()
            Thread.detachNewThread { [readers] in
                while case let data = handle.availableData, !data.isEmpty { collected.append(data) }
                readers.leave()
            }
        }
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func append(_ more: Data) { lock.withLock { data.append(more) } }
        var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
    }
}

/// A deterministic pseudo-random generator (SplitMix64), so a failing seed can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// The seed for a randomized test: `NEWSQ_SEED` when set, else a fixed one, so every run of
/// the suite is the same unless a script asks otherwise.
func testSeed(default value: UInt64) -> UInt64 {
    ProcessInfo.processInfo.environment["NEWSQ_SEED"].flatMap(UInt64.init) ?? value
}

/// A whole number from the environment, for the scripts that run the short tests long.
func environmentInt(_ name: String, default value: Int) -> Int {
    ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? value
}

/// A corpus of made-up articles in English and Chinese, written to a directory.
///
/// Every article holds the word `corpusword`, so a search for it counts the articles an index
/// holds; every article has its own publication minute, so no two hits tie in ranking.
struct GeneratedCorpus {
    static let everyArticleWord = "corpusword"
    static let englishWords = """
        market chip export policy regulation bank rate growth trade data privacy model court \
        ruling energy climate semiconductor tariff inflation election startup robot satellite
        """.split(separator: " ").map(String.init)
    static let chineseWords = ["人工智能", "监管", "芯片", "出口", "数据", "安全", "经济", "增长", "银行", "利率", "政策", "法院"]
    /// Queries whose results the crash and concurrency tests compare.
    static let queries = [
        everyArticleWord, "chip export", "\"interest rate\"", "regulation OR tariff", "market -bank",
        "semi*", "title:robot", "人工智能", "监管 政策", "经济增长",
    ]

    let directory: TemporaryDirectory
    let count: Int
    private let seed: UInt64

    /// Writes `count` articles under `directory`, reproducibly from `seed`.
    init(count: Int, seed: UInt64, in directory: TemporaryDirectory = TemporaryDirectory()) {
        self.directory = directory
        self.count = count
        self.seed = seed
        for index in 0..<count { directory.write(Self.path(index), article(index, version: 0)) }
    }

    static func path(_ index: Int) -> String {
        String(format: "%04d/%02d/article-%05d.md", 2000 + index % 25, index % 12 + 1, index)
    }

    /// The text of article `index`; another `version` changes its title and body.
    func article(_ index: Int, version: Int) -> String {
        var random = SeededGenerator(seed: seed &+ UInt64(index) &* 7919 &+ UInt64(version) &* 104_729)
        func english(_ count: Int) -> String {
            (0..<count).map { _ in Self.englishWords.randomElement(using: &random)! }.joined(separator: " ")
        }
        func chinese(_ count: Int) -> String {
            (0..<count).map { _ in Self.chineseWords.randomElement(using: &random)! }.joined()
        }
        let minute = index % 525_600
        let date = Date(timeIntervalSince1970: 946_684_800 + Double(minute) * 60 + Double(index / 525_600))
        let paragraphs = (0..<3).map { _ in english(Int.random(in: 40...120, using: &random)) + " interest rate " }
        return """
            ---
            title: "\(english(4).capitalized) \(chinese(2)) \(index) v\(version)"
            excerpt: "\(english(12))"
            publishedDateTime: \(ISO8601DateFormatter().string(from: date))
            quality: \(Int.random(in: 0...200, using: &random))
            topics: [\(english(1)), \(chinese(1))]
            provider:
              name: Wire \(index % 7)
            webUrl: https://news.example/\(index)
            ---
            \(paragraphs.joined(separator: "\n\n"))

            \(chinese(Int.random(in: 20...80, using: &random))) \(Self.everyArticleWord)
            """
    }
}

/// What the machine lets a test do to files as the user it runs as.
enum Privileges {
    static let isRoot = getuid() == 0

    /// Whether this process can mount a tmpfs (root with CAP_SYS_ADMIN, outside most
    /// unprivileged containers); probed once.
    static let canMountTmpfs: Bool = {
        guard isRoot, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        let probe = TemporaryDirectory()
        guard shell("mount -t tmpfs -o size=1m tmpfs '\(probe.url.path)'") == 0 else { return false }
        return shell("umount '\(probe.url.path)'") == 0
    }()

    @discardableResult
    static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A small tmpfs mounted over a temporary directory for the life of the value.
final class SmallFileSystem {
    let directory = TemporaryDirectory()

    init?(megabytes: Int) {
        guard Privileges.canMountTmpfs,
            Privileges.shell("mount -t tmpfs -o size=\(megabytes)m tmpfs '\(directory.url.path)'") == 0
        else { return nil }
    }

    func remountReadOnly() -> Bool { Privileges.shell("mount -o remount,ro '\(directory.url.path)'") == 0 }

    deinit { Privileges.shell("umount '\(directory.url.path)'") }
}

/// Makes a file this process cannot read, which takes more than `chmod 000` for root (who
/// reads any file): for root, a link to a write-only kernel file (`/proc/sys/vm/drop_caches`,
/// mode 0200, which the kernel refuses to let even root read). `nil` when neither works.
func makeUnreadableFile(at url: URL) -> String? {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    if !Privileges.isRoot {
        _ = FileManager.default.createFile(atPath: url.path, contents: Data("---\ntitle: secret\n---\n".utf8))
        chmod(url.path, 0)
        return FileManager.default.isReadableFile(atPath: url.path) ? nil : "chmod 000"
    }
    let writeOnly = "/proc/sys/vm/drop_caches"
    guard (try? FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: writeOnly)) != nil
    else { return nil }
    let descriptor = open(url.path, O_RDONLY)
    guard descriptor < 0 else {
        close(descriptor)
        return nil
    }
    return "a link to \(writeOnly)"
}
