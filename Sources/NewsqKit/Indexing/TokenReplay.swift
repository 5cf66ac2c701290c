import Foundation

/// The texts of the row a writer connection is about to write, analysed ahead by the indexer's
/// workers. The connection's `newsq` tokenizer, which holds this replay as its user data,
/// replays their tokens instead of analysing the same bytes again, which takes ICU off the
/// single writer thread.
///
/// A replay happens only for byte-identical text, and analysis is deterministic, so a text
/// that is not staged (a deleted row's old text, a rebuild by SQLite) is simply analysed.
final class TokenReplay: @unchecked Sendable {
    private let lock = NSLock()
    private var staged: [PreanalysedText] = []

    /// Offers `texts` until `withdraw()`.
    func stage(_ texts: [PreanalysedText]) {
        lock.withLock { staged += texts }
    }

    func withdraw() {
        lock.withLock { staged.removeAll() }
    }

    /// The staged analysis of exactly `bytes`, if any.
    func analysis(of bytes: UnsafeBufferPointer<UInt8>) -> PreanalysedText? {
        lock.withLock {
            guard !staged.isEmpty else { return nil }
            return staged.first { $0.isAnalysis(of: bytes) }
        }
    }
}
