import Foundation

/// Keeps an index equal to its directory: waits for changes, lets them settle for a moment,
/// then runs the same `Indexer.index` as a normal index run, so every guarantee of a run
/// (crash safety, bad files reported, the index equal to a fresh one of its files) holds for
/// each batch of changes. Changes that come during a run are taken by the next one.
///
/// Changes are told by inotify; where that is not possible (no inotify, its limit of watches
/// reached) the watch rescans the directory every `rescanInterval` instead. When the kernel's
/// queue of events overflows, the run that follows finds every change by its scan anyway, so
/// the watch goes on: rescanning for good would stat a large archive's every file each time.
///
/// For example:
///
/// ```swift
/// let watch = IndexWatch(indexer: indexer, root: corpus)
/// try watch.run(interruption: interruption, onNotice: { print($0) }) { report in print(report.added) }
/// ```
public final class IndexWatch {
    /// How long the directory must stay quiet before a run starts, so a burst of files is
    /// taken in a few runs rather than one per file.
    public static let defaultSettleTime = 0.2
    /// The longest a run waits for a burst to settle: changes keep being picked up while
    /// files keep coming.
    public static let defaultMaximumDelay = 1.0
    public static let defaultRescanInterval = 2.0

    private let indexer: Indexer
    private let root: URL
    private let ignoredPrefixes: [String]
    private let settleTime: Double
    private let maximumDelay: Double
    private let rescanInterval: Double
    private let notifications: Bool
    /// How often a wait looks whether a stop was asked.
    private let stopCheckInterval = 0.1

    /// `ignoredPrefixes`: file names whose changes never start a run (the index's own files,
    /// when it lies inside the directory it indexes). Without `notifications`, the watch only
    /// rescans, and says nothing of it.
    public init(
        indexer: Indexer, root: URL, ignoredPrefixes: [String] = [], notifications: Bool = true,
        settleTime: Double = IndexWatch.defaultSettleTime, maximumDelay: Double = IndexWatch.defaultMaximumDelay,
        rescanInterval: Double = IndexWatch.defaultRescanInterval
    ) {
        self.indexer = indexer
        self.root = root
        self.ignoredPrefixes = ignoredPrefixes
        self.settleTime = settleTime
        self.maximumDelay = maximumDelay
        self.rescanInterval = rescanInterval
        self.notifications = notifications
    }

    /// Watches until `interruption` is requested, calling `onRun` after each index run and
    /// `onNotice` once for each kind of change notification missed (falling back to rescanning,
    /// the kernel's queue overflowing). Returns the report of the run
    /// that a stop request ended, or nil when the stop came between runs.
    public func run(
        interruption: IndexInterruption, onNotice: (WatchError) -> Void,
        onRun: (IndexReport) throws -> Void
    ) throws -> IndexReport? {
        var noticed: [WatchError] = []
        func notice(_ reason: WatchError) {
            if !noticed.contains(reason) {
                noticed.append(reason)
                onNotice(reason)
            }
        }
        var watcher: InotifyWatcher?
        if notifications {
            do {
                watcher = try InotifyWatcher(root: root, ignoredPrefixes: ignoredPrefixes)
            } catch {
                notice(error)
            }
        }
        // Changes made between the first run's scan and the watches being set are caught by
        // one more run now.
        var due = true
        var lastRun = Date()
        while !interruption.isRequested {
            if due {
                if let current = watcher {
                    switch settle(current, interruption: interruption) {
                    case .overflowed: notice(.overflowed)
                    case .lost(let reason):
                        notice(reason)
                        watcher = nil
                    case .changed, .quiet: break
                    }
                }
                guard !interruption.isRequested else { break }
                let report = try indexer.index(root: root, interruption: interruption)
                lastRun = Date()
                due = false
                if report.stop != nil { return report }
                try onRun(report)
                continue
            }
            if let current = watcher {
                switch current.wait(seconds: stopCheckInterval) {
                case .changed: due = true
                case .quiet: break
                case .overflowed:
                    notice(.overflowed)
                    due = true
                case .lost(let reason):
                    notice(reason)
                    watcher = nil
                    due = true
                }
            } else {
                usleep(useconds_t(stopCheckInterval * 1_000_000))
                due = Date().timeIntervalSince(lastRun) >= rescanInterval
            }
        }
        return nil
    }

    /// Waits until no change came for `settleTime`, or `maximumDelay` has passed. Returns
    /// `.quiet`, or what went wrong meanwhile (`.overflowed`, `.lost`): the run that follows
    /// catches up by its scan either way.
    private func settle(_ watcher: InotifyWatcher, interruption: IndexInterruption) -> ChangeWaiting {
        let started = Date()
        var outcome = ChangeWaiting.quiet
        while !interruption.isRequested, Date().timeIntervalSince(started) < maximumDelay {
            switch watcher.wait(seconds: settleTime) {
            case .quiet: return outcome
            case .changed: continue
            case .overflowed: outcome = .overflowed
            case .lost(let reason): return .lost(reason)
            }
        }
        return outcome
    }
}
