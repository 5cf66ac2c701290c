import ArgumentParser
import NewsqKit

/// Reads the value of a whole-number option and checks its range, so that every value a user
/// can type gets a sentence naming the option and the numbers it takes: a value too large for
/// an `Int` as well as one out of range. Options read this way take their value with
/// `parsing: .unconditional`, since ArgumentParser would otherwise read `-1` as an option and
/// say only "Missing value". ArgumentParser does not print the default of an option read by a
/// transform: its help says it.
struct WholeNumberOption: Sendable {
    let name: String
    let range: ClosedRange<Int>

    init(_ name: String, _ range: ClosedRange<Int>) {
        self.name = name
        self.range = range
    }

    /// The sentence for a value outside the range.
    var requirement: String {
        "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound)"
    }

    func parse(_ text: String) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("\(requirement).")
        }
        return value
    }

    static let limit = WholeNumberOption("--limit", SearchRequest.shownLimits)
    static let offset = WholeNumberOption("--offset", SearchRequest.offsets)
    static let jobs = WholeNumberOption("--jobs", 1...64)
    static let batchSize = WholeNumberOption("--batch-size", 1...1_000_000)
    static let top = WholeNumberOption("--top", 0...1_000_000)
    static let minQuality = WholeNumberOption("--min-quality", Int(Int32.min)...Int(Int32.max))
    static let facetLimit = WholeNumberOption("--facet-limit", 1...1_000)
}
