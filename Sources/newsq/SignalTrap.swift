import Dispatch
import Foundation

/// Catches SIGINT (Ctrl-C) and SIGTERM (what `kill` and service managers send) so a command
/// can stop cleanly instead of dying mid-batch.
///
/// The signals are ignored at the process level and delivered to a dispatch source, whose
/// handler runs on an ordinary thread: unlike a C signal handler it may take locks and print.
final class SignalTrap: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()
    private var first: Int32?

    /// Starts catching `signals`; `handler` runs on a background queue for each one received.
    init(signals: [Int32] = [SIGINT, SIGTERM], handler: @escaping @Sendable (Int32) -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                self?.record(number)
                handler(number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal received, if any.
    var firstSignal: Int32? { lock.withLock { first } }

    /// The customary exit status after stopping for `signal`: 128 + its number (130 for SIGINT).
    static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    private func record(_ number: Int32) {
        lock.withLock { if first == nil { first = number } }
    }
}
