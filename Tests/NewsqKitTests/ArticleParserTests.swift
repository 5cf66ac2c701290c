import Foundation
import Testing
@testable import NewsqKit

@Suite struct ArticleParserTests {
    let parser = ArticleParser()

    static let fullArticle = """
        ---
        category: news
        title: "Shenzhen Rolls Out China’s First General AI Regulation"
        excerpt: "Shenzhen promulgated the draft&nbsp;of Regulations on the   Promotion of AI [&#8230;]\\n\\nMore"
        publishedDateTime: 2021-06-30T13:04:00Z
        originalUrl: "https://syncedreview.com/2021/06/30/original/"
        webUrl: "https://syncedreview.com/2021/06/30/web/"
        ampWebUrl: "https://syncedreview.com/amp/"
        type: article
        quality: 59
        heat: -1
        published: false
        someFutureKey: { nested: [1, 2] }

        provider:
          name: syncedreview
          domain: syncedreview.com
          images:
            - url: "https://example.com/logo.png"
              width: 50

        topics:
          - AI Ethics
          - AI

        images:
          - url: "https://i0.wp.com/x.jpeg?fit=950%2C465&ssl=1"
            width: 949
            height: 464
            isCached: true

        related:
          - title: "Shenzhen, China’s Silicon Valley, plans to turbocharge local AI"
            excerpt: "Local government departments will be required ..."
            publishedDateTime: 2021-06-30T12:00:00+08:00
            webUrl: "https://www.scmp.com/tech/policy/article/3139319/"
            type: article
            provider:
              name: South China Morning Post
              domain: scmp.com
            quality: 70
            images: []
          - title: Only a title
            originalUrl: https://example.org/only

        secured: "utHvNnVB...;rLZxwZQ51kSzpqF/kQRjUw=="
        ---
        # Shenzhen acts

        The **draft** was published by the [city](https://www.sz.gov.cn).

        - first point
        - second point

        """

    static let expectedFullArticle = Article(
        id: "2021/06/30-shenzhen",
        title: "Shenzhen Rolls Out China’s First General AI Regulation",
        excerpt: "Shenzhen promulgated the draft of Regulations on the Promotion of AI […] More",
        body: "Shenzhen acts\nThe draft was published by the city.\nfirst point\nsecond point",
        published: Date(timeIntervalSince1970: 1_625_058_240),
        quality: 59,
        heat: nil,
        type: "article",
        category: "news",
        topics: ["AI Ethics", "AI"],
        provider: Provider(name: "syncedreview", domain: "syncedreview.com"),
        webURL: "https://syncedreview.com/2021/06/30/web/",
        originalURL: "https://syncedreview.com/2021/06/30/original/",
        related: [
            RelatedArticle(
                title: "Shenzhen, China’s Silicon Valley, plans to turbocharge local AI",
                excerpt: "Local government departments will be required ...",
                published: Date(timeIntervalSince1970: 1_625_011_200 + 4 * 3600), // 12:00+08:00
                url: "https://www.scmp.com/tech/policy/article/3139319/",
                providerName: "South China Morning Post",
                quality: 70
            ),
            RelatedArticle(title: "Only a title", url: "https://example.org/only"),
        ]
    )

    private func parse(_ text: String, id: String = "x") throws(CorpusError) -> Article {
        try parser.parse(Data(text.utf8), id: id)
    }

    /// A minimal valid article with `lines` added to its front matter.
    private func article(with lines: String) -> String {
        "---\ntitle: T\n\(lines)\n---\n"
    }

    @Test func parsesAFullArticle() throws {
        let article = try parse(Self.fullArticle, id: "2021/06/30-shenzhen")
        #expect(article == Self.expectedFullArticle)
        #expect(article.displayURL == "https://syncedreview.com/2021/06/30/web/")
    }

    @Test func byteOrderMarkAndCRLFParseIdentically() throws {
        let crlf = Self.fullArticle.replacingOccurrences(of: "\n", with: "\r\n")
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(crlf.utf8)
        let article = try parser.parse(data, id: "2021/06/30-shenzhen")
        #expect(article == Self.expectedFullArticle)
    }

    @Test func optionalFieldsMayBeMissingOrEmpty() throws {
        let article = try parse("---\ntitle: 'It''s here'\ntopics:\nrelated: []\nheat: 12\n---")
        #expect(article == Article(id: "x", title: "It's here", heat: 12))
    }

    @Test func quotedIntegersAndUnquotedScalarsAreAccepted() throws {
        let article = try parse(article(with: "quality: \"72\"\ntype: 1984\nwebUrl: https://a.example/b?c=1&d=2"))
        #expect(article.quality == 72)
        #expect(article.type == "1984")
        #expect(article.webURL == "https://a.example/b?c=1&d=2")
    }

    @Test func bodyOnlyAfterClosingDelimiterAndDashesInBodyStay() throws {
        let article = try parse("---\ntitle: T\n---\nfirst\n\n---\n\nsecond --- part")
        #expect(article.body == "first\nsecond --- part")
    }

    static let badInputs: [(name: String, bytes: [UInt8], error: CorpusError)] = [
        ("invalid UTF-8", Array("---\ntitle: caf".utf8) + [0xE9] + Array("\n---\n".utf8), .notUTF8),
        ("truncated UTF-8 sequence", Array("---\ntitle: \u{4E2D}".utf8).dropLast(), .notUTF8),
        ("empty file", [], .noFrontMatter),
        ("no front matter", Array("title: T\n\nBody".utf8), .noFrontMatter),
        ("blank line before front matter", Array("\n---\ntitle: T\n---\n".utf8), .noFrontMatter),
        ("four dashes", Array("----\ntitle: T\n----\n".utf8), .noFrontMatter),
        ("unterminated", Array("---\ntitle: T\nbody without end".utf8), .unterminatedFrontMatter),
        ("only an opening line", Array("---".utf8), .unterminatedFrontMatter),
        ("list front matter", Array("---\n- a\n- b\n---\n".utf8), .frontMatterNotAMapping),
        ("scalar front matter", Array("---\njust words\n---\n".utf8), .frontMatterNotAMapping),
        ("empty front matter", Array("---\n---\nbody".utf8), .frontMatterNotAMapping),
        ("missing title", Array("---\nexcerpt: E\n---\n".utf8), .missingField("title")),
        ("empty title", Array("---\ntitle: \"  \"\n---\n".utf8), .missingField("title")),
        ("null title", Array("---\ntitle: ~\n---\n".utf8), .missingField("title")),
        (
            "provider without name", Array("---\ntitle: T\nprovider:\n  domain: a.com\n---\n".utf8),
            .missingField("provider.name")
        ),
        (
            "unparseable date", Array("---\ntitle: T\npublishedDateTime: yesterday\n---\n".utf8),
            .invalidDate(field: "publishedDateTime", value: "yesterday")
        ),
        (
            "unparseable related date",
            Array("---\ntitle: T\nrelated:\n  - title: R\n    publishedDateTime: 2021-02-30\n---\n".utf8),
            .invalidDate(field: "related[0].publishedDateTime", value: "2021-02-30")
        ),
    ]

    @Test(arguments: badInputs)
    func badInputIsReported(_ input: (name: String, bytes: [UInt8], error: CorpusError)) {
        #expect(throws: input.error, "\(input.name)") { try parser.parse(Data(input.bytes), id: "x") }
    }

    @Test func fileOverTheLimitIsRefused() {
        let small = ArticleParser(maxFileBytes: 10)
        #expect(throws: CorpusError.tooLarge(bytes: 20, limit: 10)) {
            try small.parse(Data(repeating: 0x41, count: 20), id: "x")
        }
    }

    @Test(arguments: [
        "title: [unclosed", "title: T\n  bad: indentation", "title: \"open quote", "title: T\ntitle: U",
        "a: *undefined", "\tfield: tab",
    ])
    func invalidYAMLGivesAOneLineReason(_ yaml: String) {
        do {
            _ = try parse("---\n\(yaml)\n---\n")
            Issue.record("expected invalid YAML for \(yaml)")
        } catch {
            guard case .invalidYAML(let reason) = error else {
                Issue.record("expected .invalidYAML, got \(error)")
                return
            }
            #expect(!reason.isEmpty)
            #expect(!reason.contains("\n"))
        }
    }

    @Test func invalidYAMLReasonCountsLinesFromTheFileStart() {
        #expect(
            throws: CorpusError.invalidYAML(
                reason: "while scanning a quoted scalar: found unexpected end of stream (line 5, column 1)")
        ) {
            try parse("---\ntitle: T\nexcerpt: \"never closed\n\n---\n")
        }
    }

    static let wrongTypes: [(yaml: String, field: String, expected: String, found: String)] = [
        ("quality: high", "quality", "an integer", "text (\"high\")"),
        ("quality: 3.5", "quality", "an integer", "a number (3.5)"),
        ("quality: [1, 2]", "quality", "an integer", "a list"),
        ("heat: true", "heat", "an integer", "a boolean (true)"),
        ("title: [a, b]\nx: 1", "title", "text", "a list"),
        ("excerpt: {a: b}", "excerpt", "text", "a mapping"),
        ("topics: AI", "topics", "a list of text", "text (\"AI\")"),
        ("topics: [a, {b: c}]", "topics[1]", "text", "a mapping"),
        ("topics:\n  - [nested]", "topics[0]", "text", "a list"),
        ("provider: Reuters", "provider", "a mapping", "text (\"Reuters\")"),
        ("provider: {name: [R]}", "provider.name", "text", "a list"),
        ("related: {title: x}", "related", "a list of mappings", "a mapping"),
        ("related: [just text]", "related[0]", "a mapping", "text (\"just text\")"),
        ("related:\n  - title: R\n    quality: high", "related[0].quality", "an integer", "text (\"high\")"),
        ("related:\n  - title: R\n    provider: P", "related[0].provider", "a mapping", "text (\"P\")"),
        ("publishedDateTime: {a: b}", "publishedDateTime", "a date", "a mapping"),
        ("webUrl: [a]", "webUrl", "text", "a list"),
    ]

    @Test(arguments: wrongTypes)
    func wrongFieldTypeIsReported(_ row: (yaml: String, field: String, expected: String, found: String)) {
        let text = row.yaml.hasPrefix("title:") ? "---\n\(row.yaml)\n---\n" : article(with: row.yaml)
        #expect(throws: CorpusError.wrongFieldType(field: row.field, expected: row.expected, found: row.found)) {
            try parse(text)
        }
    }

    static let dates: [(text: String, seconds: Double?)] = [
        ("2021-06-30T13:04:00Z", 1_625_058_240),
        ("2020-03-19T11:26:00-07:00", 1_584_642_360),
        ("2020-03-19T11:26:00+05:30", 1_584_597_360),
        ("2020-03-19T11:26:00+0530", 1_584_597_360),
        ("2020-03-19T11:26:00-07", 1_584_642_360),
        ("2021-06-30T13:04:00.250Z", 1_625_058_240.25),
        ("2021-06-30T13:04:00.5+01:00", 1_625_054_640.5),
        ("2021-06-30T13:04Z", 1_625_058_240),
        ("2021-06-30 13:04:00Z", 1_625_058_240),
        ("2021-06-30t13:04:00z", 1_625_058_240),
        ("2021-06-30T13:04:00", 1_625_058_240),
        ("2021-06-30", 1_625_011_200),
        ("1969-12-31T23:59:59Z", -1),
        ("2000-02-29T12:00:00Z", 951_825_600),
        ("1600-03-01", -11_670_912_000),
        ("1987-03-31T605:12:19Z", nil),
        ("2021-02-29", nil),
        ("2021-13-01", nil),
        ("2021-00-10", nil),
        ("2021-06-31", nil),
        ("2021-6-30", nil),
        ("2021-06-30T24:00:00Z", nil),
        ("2021-06-30T13:60:00Z", nil),
        ("2021-06-30T13:04:00+24:00", nil),
        ("2021-06-30T13:04:00Zjunk", nil),
        ("2021-06-30T13:04:00.Z", nil),
        ("2021-06-30T", nil),
        ("yesterday", nil),
        ("", nil),
    ]

    @Test(arguments: dates)
    func parsesISO8601Dates(_ row: (text: String, seconds: Double?)) {
        #expect(ISO8601DateParser.parse(row.text)?.timeIntervalSince1970 == row.seconds)
    }

    @Test func publishedDateInTheFrontMatterHonoursItsOffset() throws {
        let article = try parse(article(with: "publishedDateTime: \"2020-03-19T11:26:00-07:00\""))
        #expect(article.published == Date(timeIntervalSince1970: 1_584_642_360))
    }
}
