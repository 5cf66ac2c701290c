import Foundation

/// A newsq command line printed as advice, ready to paste into a POSIX shell: it names the index
/// the advising command used, and quotes every word that the shell would otherwise change.
///
/// For example:
///
/// ```swift
/// SuggestedCommand(["index", "my corpus"], index: .path("r2.sqlite")).description
/// // newsq index 'my corpus' --db r2.sqlite
/// ```
public struct SuggestedCommand: CustomStringConvertible, Sendable, Equatable {
    /// How the suggested command finds its index.
    public enum Index: Sendable, Equatable {
        /// As the advising command did without `--db`: from `NEWSQ_DB` or the default place,
        /// which a pasted command finds the same way.
        case implied
        /// The `--db` path the user gave.
        case path(String)
    }

    /// The words after `newsq`, unquoted.
    public let arguments: [String]
    public let index: Index

    public init(_ arguments: [String], index: Index) {
        self.arguments = arguments
        self.index = index
    }

    /// The command line: `newsq`, the arguments, then `--db PATH` when a path was given.
    public var description: String {
        var words = ["newsq"] + arguments
        if case .path(let path) = index { words += ["--db", path] }
        return words.map(Self.quoted).joined(separator: " ")
    }

    /// `word` as a POSIX shell reads it back: unchanged when it holds only characters no shell
    /// treats specially, else in single quotes (a single quote inside becomes `'\''`).
    public static func quoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./:=,+@%".unicodeScalars.contains(scalar)
            }
        if plain, !word.hasPrefix("~") { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
