import Foundation
import Testing
import NewsqKit
@testable import newsq

@Suite struct ProgressMeterTests {
    static let halfway = IndexProgress(
        filesDone: 1_500, filesTotal: 3_000, bytesRead: 6_000_000,
        bytesDone: 6_396_314, bytesTotal: 12_792_627)

    @Test func aTerminalGetsABarWithFilesMegabytesRateAndTimeLeft() {
        let line = ProgressMeter(style: .bar(width: 20)).line(for: Self.halfway, elapsed: 2)
        #expect(line == "[##########          ]  1500/3000 files  6.1/12.2 MB  750 files/s  0:02 left")
    }

    @Test func logsGetAPlainSentence() {
        let line = ProgressMeter(style: .plain).line(for: Self.halfway, elapsed: 2)
        #expect(line == "indexing: 1500/3000 files (50%), 6.1/12.2 MB, 750 files/s, about 2 s left")
    }

    @Test(
        arguments: [
            (IndexProgress(filesDone: 0, filesTotal: 10, bytesRead: 0, bytesDone: 0, bytesTotal: 100), 0.0, nil),
            (IndexProgress(filesDone: 0, filesTotal: 10, bytesRead: 0, bytesDone: 0, bytesTotal: 100), 3.0, nil),
            (IndexProgress(filesDone: 5, filesTotal: 10, bytesRead: 25, bytesDone: 25, bytesTotal: 100), 1.0, 3.0),
            // Nothing to read (an up-to-date index): time left goes by files.
            (IndexProgress(filesDone: 4, filesTotal: 10, bytesRead: 0, bytesDone: 0, bytesTotal: 0), 2.0, 3.0),
        ] as [(IndexProgress, Double, Double?)])
    func timeLeftFollowsTheRateSoFar(progress: IndexProgress, elapsed: Double, expected: Double?) {
        #expect(ProgressMeter(style: .plain).secondsLeft(progress, elapsed: elapsed) == expected)
    }

    @Test(arguments: [(0.2, "0:01"), (59, "0:59"), (61, "1:01"), (3_725, "1:02:05")])
    func timeLeftReadsAsAClock(seconds: Double, clock: String) {
        #expect(ProgressMeter.clock(seconds) == clock)
    }
}
