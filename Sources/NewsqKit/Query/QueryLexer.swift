/// The pieces of a query as typed: words, phrases, parentheses and operators.
enum QueryLexeme: Equatable {
    case word(String)
    case phrase(String)
    case open
    case close
    case or
    case and
    case not
    /// `-` glued to what follows: exclude it.
    case minus
    /// `title:`, `topic:`, `provider:` glued to what follows.
    case field(SearchField)
}

/// Splits a query into lexemes. It never fails: unbalanced quotes end at the end of the query,
/// control characters count as spaces, and anything unknown stays a plain word.
enum QueryLexer {
    static func lexemes(of query: String) -> [QueryLexeme] {
        var lexemes: [QueryLexeme] = []
        var scalars = Substring(query).unicodeScalars[...]
        while let first = scalars.first {
            if first.properties.isWhitespace || first.value < 0x20 || first.value == 0x7F {
                scalars.removeFirst()
            } else if first == "\"" || first == "“" || first == "”" || first == "「" {
                scalars.removeFirst()
                let end = scalars.firstIndex { $0 == "\"" || $0 == "“" || $0 == "”" || $0 == "」" } ?? scalars.endIndex
                lexemes.append(.phrase(String(String.UnicodeScalarView(scalars[..<end]))))
                scalars = end == scalars.endIndex ? scalars[end...] : scalars[scalars.index(after: end)...]
            } else if first == "(" || first == "（" {
                scalars.removeFirst()
                lexemes.append(.open)
            } else if first == ")" || first == "）" {
                scalars.removeFirst()
                lexemes.append(.close)
            } else if first == "-", let next = scalars.dropFirst().first, !next.properties.isWhitespace, next != "-" {
                scalars.removeFirst()
                lexemes.append(.minus)
            } else {
                let end =
                    scalars.firstIndex {
                        $0.properties.isWhitespace || $0.value < 0x20 || "\"“”「()（）".unicodeScalars.contains($0)
                    } ?? scalars.endIndex
                let word = String(String.UnicodeScalarView(scalars[..<end]))
                scalars = scalars[end...]
                lexemes.append(contentsOf: classify(word))
            }
        }
        return lexemes
    }

    private static func classify(_ word: String) -> [QueryLexeme] {
        switch word {
        case "OR", "|": return [.or]
        case "AND", "&": return [.and]
        case "NOT": return [.not]
        default: break
        }
        if let colon = word.firstIndex(of: ":"),
            let field = field(named: word[..<colon])
        {
            let rest = String(word[word.index(after: colon)...])
            return [.field(field)] + (rest.isEmpty ? [] : classify(rest))
        }
        return [.word(word)]
    }

    private static func field(named name: Substring) -> SearchField? {
        switch name.lowercased() {
        case "title": .title
        case "topic", "topics": .topic
        case "provider", "source": .provider
        default: nil
        }
    }
}
