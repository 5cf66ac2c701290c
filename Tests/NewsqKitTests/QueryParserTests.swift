import Testing
@testable import NewsqKit

@Suite struct QueryParserTests {
    @Test(arguments: [
        ("ai regulation", QueryExpression.all([.term("ai"), .term("regulation")])),
        ("\"ai act\" europe", .all([.phrase("ai act"), .term("europe")])),
        ("ai rules OR laws", .all([.term("ai"), .any([.term("rules"), .term("laws")])])),
        ("ai -crypto", .all([.term("ai"), .excluded(.term("crypto"))])),
        ("ai NOT crypto", .all([.term("ai"), .excluded(.term("crypto"))])),
        ("regul*", .prefix("regul")),
        ("title:china", .field(.title, .term("china"))),
        ("topic:\"ai ethics\"", .field(.topic, .phrase("ai ethics"))),
        ("(chips OR semiconductors) export", .all([.any([.term("chips"), .term("semiconductors")]), .term("export")])),
        ("unknown:field", .term("unknown:field")),
        ("\"unclosed phrase", .phrase("unclosed phrase")),
        ("((ai", .term("ai")),
        ("ai))", .term("ai")),
        ("OR ai OR", .term("ai")),
        ("ai AND rules", .all([.term("ai"), .term("rules")])),
        ("e-mail", .term("e-mail")),
        ("人工智能 监管", .all([.term("人工智能"), .term("监管")])),
        ("“智能” （芯片）", .all([.phrase("智能"), .term("芯片")])),
    ])
    func parses(query: String, expected: QueryExpression) throws {
        #expect(try QueryParser.parse(query) == expected)
    }

    @Test(arguments: ["", "   ", "()", "\"\"", "OR", "*", "\u{0}\u{7}"])
    func emptyQueriesAreRejected(query: String) {
        #expect(throws: QueryError.empty) { try QueryParser.parse(query) }
    }

    @Test func tooManyWordsAreRejectedWithTheLimit() {
        let query = Array(repeating: "word", count: 65).joined(separator: " ")
        #expect(throws: QueryError.tooLong(terms: 65, limit: 64)) { try QueryParser.parse(query) }
    }
}

@Suite struct SearchQueryTests {
    let analyzer = try! Analyzer()

    @Test(arguments: [
        ("ai 🙂", QueryExpression.term("ai")),
        ("ai -!!!", .term("ai")),
        ("ai OR -crypto", .term("ai")),
        ("— ai", .term("ai")),
    ])
    func partsWithNothingSearchableAreDropped(query: String, expected: QueryExpression) throws {
        #expect(try SearchQuery(query, analyzer: analyzer).expression == expected)
    }

    @Test(arguments: ["🙂", "!!! ???", "\" ?", "—", "-"])
    func queriesWithNothingSearchableSaySo(query: String) {
        #expect(throws: QueryError.nothingSearchable(query: query)) { try SearchQuery(query, analyzer: analyzer) }
    }

    @Test(arguments: ["-crypto", "-crypto -bitcoin", "NOT ai"])
    func queriesThatOnlyExcludeSaySo(query: String) {
        #expect(throws: QueryError.onlyExclusions) { try SearchQuery(query, analyzer: analyzer) }
    }
}

@Suite struct FTS5QueryRendererTests {
    @Test(arguments: [
        (QueryExpression.term("ai"), "\"ai\""),
        (.term("say \"hi\""), "\"say \"\"hi\"\"\""),
        (.phrase("a\u{0}b"), "\"a b\""),
        (.phrase("a\"\u{301}b"), "\"a\"\"\u{301}b\""),
        (.phrase("a\u{0}\u{301}b"), "\"a \u{301}b\""),
        (.prefix("regul"), "\"regul\" *"),
        (.all([.term("a"), .term("b")]), "(\"a\" AND \"b\")"),
        (.all([.term("a"), .excluded(.term("b"))]), "((\"a\") NOT \"b\")"),
        (.any([.term("a"), .phrase("b c")]), "(\"a\" OR \"b c\")"),
        (.field(.topic, .term("ai")), "{topics} : (\"ai\")"),
        (.term("中国"), "(\"中国\" OR \"\u{E000}中国\")"),
        (.phrase("中国"), "\"中国\""),
        (.term("人工智能"), "\"人工智能\""),
    ])
    func rendersQuotedFTS5(expression: QueryExpression, expected: String) throws {
        #expect(FTS5QueryRenderer(analyzer: try Analyzer()).render(expression) == expected)
    }

    /// Matching leaves out a last Chinese character that its pair implies; highlights and NEAR
    /// distances need it, so they ask for it as a second string of the phrase.
    @Test(arguments: [
        (QueryExpression.term("中国"), "(\"中国\" OR \"\u{E000}中国\")", "(\"中国\" + \"国\" OR \"\u{E000}中国\")"),
        (.phrase("人工智能"), "\"人工智能\"", "\"人工智能\" + \"能\""),
        (.phrase("AI 监管 rules"), "\"AI 监管 rules\"", "\"AI 监管 rules\""),
        (.prefix("监管"), "\"监管\" *", "\"监管\" + \"管\" *"),
        (.near([.term("领导"), .term("ai")], distance: 5), "NEAR(\"领导\" + \"导\" \"ai\", 5)", "NEAR(\"领导\" + \"导\" \"ai\", 5)"),
        (.term("年"), "\"年\"", "\"年\""),
    ])
    func highlightsAskForTheOmittedCharacter(expression: QueryExpression, matching: String, highlighting: String) throws {
        let analyzer = try Analyzer()
        #expect(FTS5QueryRenderer(analyzer: analyzer).render(expression) == matching)
        #expect(FTS5QueryRenderer(analyzer: analyzer, highlighting: true).render(expression) == highlighting)
    }
}

@Suite struct HighlightTests {
    @Test(arguments: [
        ("\u{1}人工\u{2}\u{1}智能\u{2}监管", [HighlightedText.Run(text: "人工智能", isMatch: true), .init(text: "监管", isMatch: false)]),
        (
            "  the \u{1}AI\u{2} act \n",
            [.init(text: "the ", isMatch: false), .init(text: "AI", isMatch: true), .init(text: " act", isMatch: false)]
        ),
        ("no match", [.init(text: "no match", isMatch: false)]),
    ])
    func marksBecomeRunsAndAdjacentMatchesMerge(marked: String, expected: [HighlightedText.Run]) {
        #expect(SearchEngine.highlighted(marked).runs == expected)
    }
}

@Suite struct NearParsingTests {
    @Test(arguments: [
        ("NEAR(ai chips)", QueryExpression.near([.term("ai"), .term("chips")], distance: 10)),
        ("NEAR(ai chips, 3)", .near([.term("ai"), .term("chips")], distance: 3)),
        ("NEAR(ai \"export rules\",5)", .near([.term("ai"), .phrase("export rules")], distance: 5)),
        ("NEAR(ai)", .term("ai")),
        ("NEAR()", nil),
        ("near(ai chips)", .all([.term("near"), .all([.term("ai"), .term("chips")])])),
    ])
    func parsesNear(query: String, expected: QueryExpression?) {
        #expect((try? QueryParser.parse(query)) == expected)
    }
}

@Suite struct RelaxationTests {
    @Test(arguments: [
        ("ai rules", QueryExpression.any([.term("ai"), .term("rules")])),
        ("ai rules -crypto", .all([.any([.term("ai"), .term("rules")]), .excluded(.term("crypto"))])),
        ("ai rules title:china", .all([.any([.term("ai"), .term("rules")]), .field(.title, .term("china"))])),
    ])
    func relaxedQueriesKeepScopesAndExclusions(query: String, expected: QueryExpression) throws {
        #expect(try QueryParser.parse(query).relaxed == expected)
    }

    @Test(arguments: ["ai", "ai title:china", "\"ai rules\"", "ai OR rules"])
    func queriesWithOneFreePartAreNotRelaxed(query: String) throws {
        #expect(try QueryParser.parse(query).relaxed == nil)
    }
}
