import ArgumentParser
import Foundation
import NewsqKit

struct BatchCommand: ParsableCommand, IndexCommandLine {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run many searches from a file in one go.",
        discussion: """
            Each line is a query id, a tab and a query (301<TAB>cocoa prices), or a JSON object \
            with per-query options: {"qid": "302", "query": "gold", "limit": 5, "offset": 0, \
            "explain": false, "topic": "gold", "provider": "Reuters", "title": "...", \
            "since": "2024-03-01", "until": "30d", "lang": "en", "type": "article", \
            "minQuality": 50, "sort": "date", "recent": true}. The filters and sort mean what the options of \
            newsq search mean (topic and provider: a whole name, ignoring case); title keeps \
            articles whose title holds the phrase. A line's options win over the command's. Blank \
            lines and lines starting with # are skipped. A bad line is reported with its number \
            and the others still run.
            An option the command does not know (a mistyped --limt) is an error, with the closest \
            option suggested; queries come only from the file, never from the command line.
            Exit status: 0 when every line ran, 2 when some could not, 1 on a fatal error.
            """)

    @Argument(help: "The queries file; - reads standard input.", completion: .file())
    var queries: String

    @OptionGroup var database: DatabaseOption

    @OptionGroup(title: "Filters, for every query (a line's own win)") var filters: SearchFilterOptions

    @OptionGroup(title: "Ranking, for every query") var ranking: RankingOptions

    @OptionGroup var paging: PagingOptions

    @OptionGroup var hits: HitFormatOptions

    @OptionGroup var output: OutputOptions

    @OptionGroup var clock: ClockOption

    // One by default: on the shared, busy 2-core machine the benchmark runs on, two searches at
    // once were no faster than one (BENCHMARKS.md); a machine with idle cores can ask for more.
    @Option(
        parsing: .unconditional, help: "How many searches run at once; try the number of idle cores. (default: 1)",
        transform: WholeNumberOption.jobs.parse)
    var jobs = 1

    @Option(
        help: ArgumentHelp(
            "Write each query's search time to this file: qid, a tab, milliseconds; a line a query.",
            valueName: "file"))
    var timings: String?

    @Flag(name: .shortAndLong, help: "Print nothing on standard error but bad lines.")
    var quiet = false

    func run() throws {
        let text = try readQueries()
        let read = BatchQueryReader.read(text)
        let name = queries == "-" ? "<stdin>" : queries
        for problem in read.problems { printError("\(name):\(problem.line): \(problem.reason)") }

        let instant = clock.instant
        let archive = try ArchiveDatabase.openForReading(path: database.path)
        let sink = try output.open(protectingIndex: database.path)
        let batch = BatchSearch(
            engine: SearchEngine(database: archive),
            defaults: BatchSearch.Defaults(
                limit: paging.limit, offset: paging.offset, explain: hits.explain,
                ranking: RankingFormula(parameters: try ranking.parameters(), now: instant),
                filters: try filters.filters(now: instant), sort: ranking.sort, relax: !ranking.strict, recent: ranking.recent),
            workers: jobs)
        let writer = hits.format.writer(
            HitListOptions(style: output.style, byteOrderMark: hits.bom, batch: true, width: output.width))
        let progress = BatchProgressLine(enabled: !quiet)
        let report = try batch.run(
            read.queries, writer: writer, write: sink.write,
            problem: { problem in
                progress.clear()
                printError("\(name):\(problem.line): \(problem.reason)")
            },
            progress: progress.update)
        try sink.finish()
        progress.clear()
        if let timings {
            let lines = report.searchTimes.map { "\($0.qid)\t" + String(format: "%.3f", $0.seconds * 1000) + "\n" }.joined()
            do {
                try Data(lines.utf8).write(to: URL(fileURLWithPath: timings))
            } catch {
                throw ValidationError("cannot write the timings file \(timings): \((error as NSError).localizedDescription)")
            }
        }

        let problems = read.problems.count + report.problems.count
        if !quiet, progress.shown || problems > 0 {
            printError(
                Plural.count(report.searched, "query", "queries")
                    + String(format: " run in %.2f s (%.0f queries/s), ", report.elapsed, report.throughput)
                    + Plural.count(report.hits, "hit") + "; " + Plural.count(problems, "bad line"))
        }
        if problems > 0 { throw ExitCode(2) }
    }

    private func readQueries() throws -> String {
        let data: Data
        if queries == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: queries))
            } catch {
                throw ValidationError("cannot read the queries file \(queries): \((error as NSError).localizedDescription)")
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("the queries file \(queries) is not UTF-8 text")
        }
        return text
    }
}

/// "312/1000 queries" on standard error, rewritten in place, once a batch has run for a second;
/// only on a terminal, where rewriting a line works.
final class BatchProgressLine {
    private let enabled: Bool
    private var schedule = ProgressSchedule()
    private var onScreen = false

    init(enabled: Bool) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Whether the batch ran long enough for progress to show.
    var shown: Bool { schedule.hasShown }

    func update(_ progress: BatchSearch.Progress) {
        guard schedule.shouldShow(elapsed: progress.elapsed), enabled else { return }
        let rate = Double(progress.done) / max(progress.elapsed, 0.001)
        FileHandle.standardError.write(
            Data(
                String(
                    format: "\r\u{1B}[2K%d/%d queries (%.0f/s)",
                    progress.done, progress.total, rate
                ).utf8))
        onScreen = true
    }

    func clear() {
        guard onScreen else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        onScreen = false
    }
}
