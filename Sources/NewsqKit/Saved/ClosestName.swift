/// The name among `candidates` nearest to a mistyped `name`, when one is near enough to be
/// what was meant: at most a third of its letters away (by edit distance), and at least two
/// (a swap of two letters).
func closestName(to name: String, among candidates: [String]) -> String? {
    let limit = max(2, name.count / 3)
    return
        candidates
        .map { (candidate: $0, distance: editDistance(Array(name.lowercased()), Array($0.lowercased()))) }
        .filter { $0.distance <= limit }
        .min { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }?
        .candidate
}

/// Insertions, deletions and substitutions that turn `a` into `b`.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, left) in a.enumerated() {
        var current = [i + 1] + Array(repeating: 0, count: b.count)
        for (j, right) in b.enumerated() {
            current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (left == right ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
