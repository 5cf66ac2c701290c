/// Parses what a user types into a `QueryExpression`, forgiving every mistake.
///
/// The language: words (all must match), `"phrases"`, `OR` between two parts (it binds tighter
/// than the implicit AND: `ai rules OR laws` is `ai AND (rules OR laws)`), `-word` or `NOT word`
/// to exclude, `(parentheses)`, `prefix*`, `title:`/`topic:`/`provider:` scopes, and
/// `NEAR(word word "a phrase", 5)` for words within 5 words of each other (10 when not given;
/// a distance is read within 0...`maximumNearDistance`, a negative one as 0 and a larger one,
/// however many digits it has, as the maximum).
/// Unbalanced quotes and parentheses, stray operators and unknown fields never fail: they are
/// read as the nearest sensible query.
public enum QueryParser {
    /// The most words one query may hold.
    public static let maximumTerms = 64
    /// Deeper nesting of parentheses is read as flat.
    static let maximumDepth = 16
    /// How close the parts of `NEAR(...)` must be when no distance is given.
    public static let defaultNearDistance = 10
    /// The largest distance `NEAR(...)` takes.
    public static let maximumNearDistance = 1_000

    public static func parse(_ query: String) throws(QueryError) -> QueryExpression {
        var parser = Parser(lexemes: QueryLexer.lexemes(of: query))
        let expression = parser.parseSequence(depth: 0)
        guard let expression else { throw .empty }
        let terms = expression.leafCount
        guard terms <= maximumTerms else { throw .tooLong(terms: terms, limit: maximumTerms) }
        return expression
    }

    private struct Parser {
        let lexemes: [QueryLexeme]
        var index = 0

        init(lexemes: [QueryLexeme]) { self.lexemes = lexemes }

        var current: QueryLexeme? { index < lexemes.count ? lexemes[index] : nil }

        /// Parts one after another, joined by AND, up to a `)` or the end.
        mutating func parseSequence(depth: Int) -> QueryExpression? {
            var parts: [QueryExpression] = []
            while let lexeme = current {
                if lexeme == .close {
                    if depth > 0 { break }
                    index += 1 // a `)` with no `(`: ignore it
                    continue
                }
                if lexeme == .and || lexeme == .or {
                    index += 1 // AND is implicit; an OR with nothing before it means nothing
                    continue
                }
                if let part = parseAlternatives(depth: depth) { parts.append(part) }
            }
            return parts.count == 1 ? parts[0] : (parts.isEmpty ? nil : .all(parts))
        }

        /// `a OR b OR c`.
        mutating func parseAlternatives(depth: Int) -> QueryExpression? {
            var alternatives: [QueryExpression] = []
            if let first = parseUnary(depth: depth) { alternatives.append(first) }
            while current == .or {
                index += 1
                if let next = parseUnary(depth: depth) { alternatives.append(next) }
            }
            return alternatives.count == 1 ? alternatives[0] : (alternatives.isEmpty ? nil : .any(alternatives))
        }

        mutating func parseUnary(depth: Int) -> QueryExpression? {
            guard let lexeme = current else { return nil }
            switch lexeme {
            case .minus, .not:
                index += 1
                return parseUnary(depth: depth).map { .excluded($0) }
            case .field(let field):
                index += 1
                return parseUnary(depth: depth).map { .field(field, $0.withoutExclusion) }
            default:
                return parsePrimary(depth: depth)
            }
        }

        mutating func parsePrimary(depth: Int) -> QueryExpression? {
            guard let lexeme = current else { return nil }
            index += 1
            switch lexeme {
            case .word("NEAR") where current == .open:
                index += 1
                return parseNear()
            case .word(let word):
                if word.hasSuffix("*") {
                    var stem = Substring(word)
                    while stem.last == "*" { stem = stem.dropLast() }
                    return stem.isEmpty ? nil : .prefix(String(stem))
                }
                return .term(word)
            case .phrase(let phrase):
                return phrase.allSatisfy(\.isWhitespace) ? nil : .phrase(phrase)
            case .open:
                if depth >= QueryParser.maximumDepth { return nil }
                let inner = parseSequence(depth: depth + 1)
                if current == .close { index += 1 }
                return inner
            default:
                return nil // an operator where a word should be: skip it
            }
        }

        /// The inside of `NEAR( ... )`: words and phrases, then an optional `, distance`.
        mutating func parseNear() -> QueryExpression? {
            var parts: [QueryExpression] = []
            var distance = QueryParser.defaultNearDistance
            var afterComma = false
            var negative = false
            while let lexeme = current, lexeme != .close {
                index += 1
                switch lexeme {
                case .minus where afterComma:
                    negative = true
                case .phrase(let phrase) where !phrase.allSatisfy(\.isWhitespace):
                    parts.append(.phrase(phrase))
                    afterComma = false
                case .word(let word):
                    for (offset, piece) in word.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
                        if offset > 0 { afterComma = true }
                        guard !piece.isEmpty else { continue }
                        if afterComma, let number = Self.distance(piece, negative: negative) {
                            distance = number
                        } else {
                            parts.append(.term(String(piece)))
                        }
                        afterComma = false
                        negative = false
                    }
                default:
                    break // operators mean nothing inside NEAR
                }
            }
            if current == .close { index += 1 }
            guard !parts.isEmpty else { return nil }
            return parts.count == 1 ? parts[0] : .near(parts, distance: distance)
        }

        /// A NEAR distance as typed (`5`, `-5`, `+5`, or more digits than an `Int` holds), within
        /// 0...`maximumNearDistance`; nil when `text` is not a number.
        static func distance(_ text: Substring, negative: Bool) -> Int? {
            var digits = text
            var isNegative = negative
            if let sign = digits.first, sign == "-" || sign == "+" {
                isNegative = isNegative || sign == "-"
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if isNegative { return 0 }
            return min(Int(digits) ?? Int.max, QueryParser.maximumNearDistance)
        }
    }
}

extension QueryExpression {
    /// How many words and phrases the expression holds.
    var leafCount: Int {
        switch self {
        case .term, .prefix, .phrase: 1
        case .field(_, let inner), .excluded(let inner): inner.leafCount
        case .all(let parts), .any(let parts), .near(let parts, _): parts.reduce(0) { $0 + $1.leafCount }
        }
    }

    /// `title:-word` means nothing sensible: drop the exclusion inside a field scope.
    var withoutExclusion: QueryExpression {
        if case .excluded(let inner) = self { return inner }
        return self
    }
}
