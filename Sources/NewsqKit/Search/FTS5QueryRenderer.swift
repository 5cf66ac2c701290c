/// Writes a `QueryExpression` as an FTS5 MATCH expression.
///
/// Every word and phrase becomes an FTS5 string (`"..."`, quotes doubled), so no user text is
/// ever read as FTS5 syntax: FTS5 hands the string to the newsq tokenizer, and a word that
/// analyses into several tokens (`人工智能` → 人工 智能) becomes a phrase.
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#full_text_query_syntax>
///
/// A word that is one Chinese dictionary word also asks for it as a word, in an OR that adds
/// to the bm25 of articles where it stands as a word but matches no article the characters
/// alone would not (see `HanRun`).
///
/// A string that ends in Chinese leaves out its last character, which its last pair implies
/// (`Analyzer.omittedLastCharacter`): the same articles match, with the same term frequencies.
/// For highlights (`highlighting`), and inside NEAR, whose distances count it, the character is
/// asked for again as a second string of the same phrase (`"领导" + "导"`), so the highlight
/// covers it.
struct FTS5QueryRenderer {
    let analyzer: Analyzer
    /// Whether the expression is for `highlight()` and `snippet()` rather than for matching.
    var highlighting = false

    func render(_ expression: QueryExpression) -> String {
        var phrases: [RenderedPhrase] = []
        return render(expression, scoped: false, into: &phrases)
    }

    /// The expression, and its phrases in the order FTS5 numbers them (the order they are
    /// written in), which is the order `newsq_rank` sees them in.
    func renderWithPhrases(_ expression: QueryExpression) -> (match: String, phrases: [RenderedPhrase]) {
        var phrases: [RenderedPhrase] = []
        let match = render(expression, scoped: false, into: &phrases)
        return (match, phrases)
    }

    private func render(_ expression: QueryExpression, scoped: Bool, into phrases: inout [RenderedPhrase]) -> String {
        switch expression {
        case .term(let text) where analyzer.isSingleChineseWord(text):
            return "(" + phrase(text, whole: highlighting, scoped: scoped, into: &phrases) + " OR "
                + phrase(String(Analyzer.wordQueryMarker) + text, whole: false, scoped: scoped, into: &phrases) + ")"
        case .term(let text), .phrase(let text):
            return phrase(text, whole: highlighting, scoped: scoped, into: &phrases)
        case .prefix(let text):
            return phrase(text, whole: highlighting, isPrefix: true, scoped: scoped, into: &phrases) + " *"
        case .field(let field, let inner):
            return "{\(Self.column(for: field))} : (\(render(inner, scoped: true, into: &phrases)))"
        case .any(let parts):
            return "(" + parts.map { render($0, scoped: scoped, into: &phrases) }.joined(separator: " OR ") + ")"
        case .near(let parts, let distance):
            // NEAR takes phrases only: every part is a quoted string, without the word boost.
            return "NEAR(" + parts.map { phrase($0.leafText, whole: true, scoped: scoped, into: &phrases) }.joined(separator: " ")
                + ", \(distance))"
        case .excluded(let inner):
            // Only reached inside `.all`, which puts exclusions after its positives.
            return render(inner, scoped: scoped, into: &phrases)
        case .all(let parts):
            // Positives are written first, so their phrases come first too.
            let positives = parts.filter { if case .excluded = $0 { false } else { true } }
                .map { render($0, scoped: scoped, into: &phrases) }
            let negatives = parts.compactMap { part -> String? in
                guard case .excluded(let inner) = part else { return nil }
                return render(inner, scoped: scoped, into: &phrases)
            }
            var rendered = "(" + positives.joined(separator: " AND ") + ")"
            for negative in negatives {
                rendered += " NOT " + negative
            }
            return negatives.isEmpty ? rendered : "(" + rendered + ")"
        }
    }

    /// `text` as an FTS5 phrase, noted in `phrases`; `whole` asks for a last character the
    /// analysis leaves out.
    private func phrase(
        _ text: String, whole: Bool, isPrefix: Bool = false, scoped: Bool,
        into phrases: inout [RenderedPhrase]
    ) -> String {
        var strings = [text]
        if whole, let omitted = analyzer.omittedLastCharacter(ofQuery: text) { strings.append(omitted) }
        phrases.append(RenderedPhrase(strings: strings, isPrefix: isPrefix, isScoped: scoped))
        return strings.map(Self.quoted).joined(separator: " + ")
    }

    /// An FTS5 string: quotes doubled, and NUL made a space, because FTS5 reads a NUL as the
    /// end of the expression ("unterminated string"). Scalar by scalar: a quote or NUL followed
    /// by a combining mark is one Swift Character, which Character-level replacing would miss.
    static func quoted(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": scalars.append(contentsOf: ["\"", "\""] as [Unicode.Scalar])
            case "\u{0}": scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        scalars.append("\"")
        return String(scalars)
    }

    private static func column(for field: SearchField) -> String {
        switch field {
        case .title: "title"
        case .topic: "topics"
        case .provider: "provider"
        }
    }
}

/// One FTS5 phrase of a rendered expression.
struct RenderedPhrase: Equatable {
    /// The strings FTS5 joins into the phrase (`"领导" + "导"`), as the user's text.
    var strings: [String]
    var isPrefix: Bool
    /// Within a field scope (`{title} : ...`), where FTS5 counts only the articles that hold
    /// the phrase in that field.
    var isScoped: Bool
}
