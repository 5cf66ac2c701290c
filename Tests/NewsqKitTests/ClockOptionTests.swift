import Foundation
import Testing

/// `NEWSQ_NOW` pins the clock as `--now` does, and `--now` wins over it.
@Suite struct ClockOptionTests {
    let cli = CommandLineTests()

    @Test func theEnvironmentPinsTheClockAsTheOptionDoes() throws {
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        _ = try cli.run(["index", Repository.corpus.path, "--db", db])
        let search = ["search", "AI", "regulation", "--db", db, "--format", "json"]
        let byOption = try cli.run(search + ["--now", "2021-01-01"], environment: ["NEWSQ_NOW": ""])
        let byEnvironment = try cli.run(search, environment: ["NEWSQ_NOW": "2021-01-01"])
        let optionWins = try cli.run(search + ["--now", "2021-01-01"], environment: ["NEWSQ_NOW": "2026-01-01"])
        let later = try cli.run(search, environment: ["NEWSQ_NOW": "2026-01-01"])
        #expect(byOption.status == 0, "\(byOption.stderr)")
        #expect(byEnvironment.stdout == byOption.stdout)
        #expect(optionWins.stdout == byOption.stdout)
        #expect(later.stdout != byOption.stdout, "another date ranks differently")
    }

    @Test func aBadPinnedDateIsNamed() throws {
        let directory = TemporaryDirectory()
        let outcome = try cli.run(
            ["search", "AI", "--db", directory.path("none.sqlite").path],
            environment: ["NEWSQ_NOW": "yesterday"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("NEWSQ_NOW must be an ISO 8601 date"), "\(outcome.stderr)")
    }
}
