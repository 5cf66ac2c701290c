import Foundation
import Testing
@testable import NewsqKit

/// Front matter built to exhaust the YAML composer: refused quickly, or read without expansion.
@Suite struct HostileFrontMatterTests {
    let parser = ArticleParser()

    private func parse(_ yaml: String) throws(CorpusError) -> Article {
        try parser.parse(Data("---\n\(yaml)\n---\nbody".utf8), id: "x")
    }

    private func expectRefused(_ yaml: String, mentioning words: String) {
        do {
            _ = try parse(yaml)
            Issue.record("expected the front matter to be refused")
        } catch {
            guard case .invalidYAML(let reason) = error else {
                Issue.record("expected .invalidYAML, got \(error)")
                return
            }
            #expect(reason.contains(words), "reason: \(reason)")
        }
    }

    /// Nine levels of ten aliases each: a billion strings if anything expanded them.
    static let billionLaughs: String = {
        var lines = ["title: Laughs", "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = Array("abcdefghi")
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]")
        }
        lines.append("topics: *a")
        return lines.joined(separator: "\n")
    }()

    @Test func billionLaughsUnderTheAliasLimitIsReadWithoutExpanding() throws {
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let article = try parse(Self.billionLaughs)
            #expect(article.title == "Laughs")
            #expect(article.topics == Array(repeating: "lol", count: 10))
        }
        #expect(elapsed < .seconds(2))
    }

    @Test func moreThanAThousandAliasesAreRefused() {
        let aliases = Array(repeating: "*a", count: 1001).joined(separator: ", ")
        expectRefused("title: T\nbase: &a x\nmany: [\(aliases)]", mentioning: "1000 aliases")
    }

    @Test func aThousandAliasesAreAccepted() throws {
        let aliases = Array(repeating: "*a", count: 1000).joined(separator: ", ")
        #expect(try parse("title: T\nbase: &a x\nmany: [\(aliases)]").title == "T")
    }

    @Test func aliasInsideAKeyIsRefused() {
        expectRefused(Self.billionLaughs + "\n*i : boom", mentioning: "mapping key")
        expectRefused(Self.billionLaughs + "\n[*i, *i]: boom", mentioning: "mapping key")
        expectRefused(Self.billionLaughs + "\nx: {*i : boom}", mentioning: "mapping key")
        expectRefused(Self.billionLaughs + "\n? *i\n: boom", mentioning: "complex keys")
    }

    @Test(arguments: [65, 1000, 100_000])
    func deepFlowNestingIsRefused(depth: Int) {
        let yaml = "title: T\nx: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        expectRefused(yaml, mentioning: "64 levels")
    }

    @Test func deepBlockNestingIsRefused() {
        var lines = ["title: T"]
        for level in 0..<70 { lines.append(String(repeating: "  ", count: level) + "k\(level):") }
        lines.append(String(repeating: "  ", count: 70) + "leaf: 1")
        expectRefused(lines.joined(separator: "\n"), mentioning: "64 levels")
    }

    @Test func deepSequenceNestingIsRefused() {
        expectRefused("title: T\nx:\n" + String(repeating: "- ", count: 70) + "leaf", mentioning: "64 levels")
    }

    @Test func ordinaryNestingIsAccepted() throws {
        var lines = ["title: T", "extra:"]
        for level in 1..<20 { lines.append(String(repeating: "  ", count: level) + "- k\(level):") }
        lines.append("related:\n  - title: R\n    provider:\n      name: P\n      images:\n        - url: u")
        let article = try parse(lines.joined(separator: "\n"))
        #expect(article.related.map(\.providerName) == ["P"])
    }

    @Test func markupLikeTextInScalarsIsNotMistakenForStructure() throws {
        let brackets = String(repeating: "[", count: 100)
        let stars = String(repeating: "*x ", count: 1100)
        let yaml = """
            title: "\(brackets) \(stars)"
            excerpt: '\(brackets) it''s \(stars)'
            category: plain \(brackets) \(stars)
            type: >
              \(brackets)
              \(stars)
            topics:
              - a \(brackets)
                continued \(stars)
            """
        let article = try parse(yaml)
        #expect(article.title.hasPrefix(brackets))
        #expect(article.type?.hasPrefix(brackets) == true)
    }
}
