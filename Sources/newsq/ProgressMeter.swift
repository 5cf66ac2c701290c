import Foundation
import NewsqKit

/// Turns an index run's progress into a line: a bar with files, megabytes, rate and time left
/// for a terminal, or a plain sentence for logs.
///
/// For example, halfway through 3,000 files after 2 seconds:
///
/// ```
/// [##########          ]  1500/3000 files  6.1/12.2 MB  750 files/s  0:02 left
/// indexing: 1500/3000 files (50%), 6.1/12.2 MB, 750 files/s, about 2 s left
/// ```
public struct ProgressMeter: Sendable {
    public enum Style: Sendable {
        /// A line rewritten in place on a terminal.
        case bar(width: Int)
        /// A line of its own, for logs and pipes.
        case plain
    }

    public let style: Style

    public init(style: Style) {
        self.style = style
    }

    /// The line for `progress`, `elapsed` seconds after the run started.
    public func line(for progress: IndexProgress, elapsed: Double) -> String {
        let megabytes = String(
            format: "%.1f/%.1f MB", Double(progress.bytesDone) / 1_048_576,
            Double(progress.bytesTotal) / 1_048_576)
        let rate = elapsed > 0 ? Double(progress.filesDone) / elapsed : 0
        let left = secondsLeft(progress, elapsed: elapsed)
        switch style {
        case .bar(let width):
            let fraction = progress.filesTotal > 0 ? Double(progress.filesDone) / Double(progress.filesTotal) : 1
            let filled = min(width, Int((fraction * Double(width)).rounded(.down)))
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            let eta = left.map { "\(Self.clock($0)) left" } ?? "-:-- left"
            return
                "[\(bar)]  \(progress.filesDone)/\(progress.filesTotal) files  \(megabytes)  \(Int(rate.rounded())) files/s  \(eta)"
        case .plain:
            let percent = progress.filesTotal > 0 ? 100 * progress.filesDone / progress.filesTotal : 100
            let eta = left.map { ", about \(Int($0.rounded(.up))) s left" } ?? ""
            return
                "indexing: \(progress.filesDone)/\(progress.filesTotal) files (\(percent)%), \(megabytes), \(Int(rate.rounded())) files/s\(eta)"
        }
    }

    /// Time left at the rate so far, by bytes when the run reads files (parsing costs by the
    /// byte), else by files; `nil` before there is a rate to go by.
    func secondsLeft(_ progress: IndexProgress, elapsed: Double) -> Double? {
        guard elapsed > 0 else { return nil }
        if progress.bytesTotal > 0 {
            guard progress.bytesDone > 0 else { return nil }
            return Double(progress.bytesTotal - progress.bytesDone) * elapsed / Double(progress.bytesDone)
        }
        guard progress.filesDone > 0 else { return nil }
        return Double(progress.filesTotal - progress.filesDone) * elapsed / Double(progress.filesDone)
    }

    /// `m:ss`, or `h:mm:ss` past an hour.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
