import Foundation
import Testing
@testable import NewsqKit

/// Dates print in the proleptic Gregorian calendar they are read and filtered in, before 1582
/// as after it.
@Suite struct GregorianDatePrintingTests {
    @Test(arguments: [
        ("0001-01-01T00:00:00Z", "0001-01-01"), ("0000-03-01T23:59:59Z", "0000-03-01"), ("1582-10-04T12:00:00Z", "1582-10-04"),
        ("1582-10-15T00:00:00Z", "1582-10-15"), ("1969-12-31T23:59:59Z", "1969-12-31"), ("1970-01-01T00:00:00Z", "1970-01-01"),
        ("2024-02-29T08:30:05Z", "2024-02-29"), ("9999-12-31T23:59:59Z", "9999-12-31"),
    ])
    func aDatePrintsAsItWasRead(text: String, day: String) throws {
        let date = try #require(ISO8601DateParser.parse(text))
        #expect(GregorianDateText.timestamp(date) == text)
        #expect(GregorianDateText.day(date) == day)
    }

    /// Foundation's formatting agrees from 1582-10-15 on: the output of today's dates is unchanged.
    @Test func modernDatesPrintAsFoundationPrintsThem() {
        for seconds in stride(from: -12_219_292_800.0, through: 4_102_444_800, by: 86_400 * 97 + 3_671) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(GregorianDateText.timestamp(date) == date.formatted(.iso8601), "\(seconds)")
        }
    }

    @Test func anAncientArticlePrintsItsOwnDateEverywhere() throws {
        let corpus = TemporaryDirectory()
        corpus.write("old.md", articleFile(title: "Ancient", body: "ancient text", date: "0001-01-01T00:00:00Z"))
        let directory = TemporaryDirectory()
        let db = directory.path("index.sqlite").path
        #expect(try Newsq.run(["index", corpus.url.path, "--db", db, "--quiet"]).status == 0)
        let outputs = try [
            ["search", "ancient", "--format", "json"], ["search", "ancient", "--format", "csv"], ["search", "ancient"],
            ["search", "ancient", "--format", "markdown"], ["show", "old"], ["show", "old", "--format", "json"],
            ["export"], ["stats"], ["stats", "--format", "json"],
        ].map { arguments in
            let outcome = try Newsq.run(arguments + ["--db", db], environment: ["NO_COLOR": "1"])
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
            return (arguments, outcome.stdout)
        }
        for (arguments, stdout) in outputs {
            #expect(stdout.contains("0001-01-01"), "\(arguments): \(stdout)")
            #expect(!stdout.contains("0001-01-03") && !stdout.contains("0000-12-30"), "\(arguments)")
        }
        let since = try Newsq.run(["search", "ancient", "--db", db, "--since", "0001-01-01", "--until", "0001-01-02"])
        #expect(since.stdout.contains("Ancient"), "filters and output agree")
    }
}
