import Foundation

/// The texts of the row the indexer is about to write, analysed ahead by its workers. The
/// `newsq` tokenizer replays their tokens instead of analysing the same bytes again, which
/// takes ICU off the single writer thread.
///
/// A replay happens only for byte-identical text, and analysis is deterministic, so a text
/// that is not staged (a deleted row's old text, a rebuild by SQLite) is simply analysed.
final class TokenReplay: @unchecked Sendable {
    static let shared = TokenReplay()

    private let lock = NSLock()
    private var staged: [(owner: ObjectIdentifier, text: PreanalysedText)] = []

    /// Offers `texts` until `withdraw(owner:)`; several indexers in one process each stage their own.
    func stage(_ texts: [PreanalysedText], owner: ObjectIdentifier) {
        lock.withLock { staged += texts.map { (owner, $0) } }
    }

    func withdraw(owner: ObjectIdentifier) {
        lock.withLock { staged.removeAll { $0.owner == owner } }
    }

    /// The staged analysis of exactly `bytes`, if any.
    func analysis(of bytes: UnsafeBufferPointer<UInt8>) -> PreanalysedText? {
        lock.withLock {
            guard !staged.isEmpty else { return nil }
            return staged.first { $0.text.isAnalysis(of: bytes) }?.text
        }
    }
}
