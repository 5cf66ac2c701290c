import Testing
@testable import NewsqKit

@Suite struct MarkupStripperTests {
    static let cases: [(markup: String, text: String)] = [
        // Emphasis and code
        ("Hello *world* and **bold** and __strong__ and _it_", "Hello world and bold and strong and it"),
        ("snake_case_name and 2 * 3 = 6", "snake_case_name and 2 * 3 = 6"),
        (#"\*not emphasis\* and C:\Users"#, #"*not emphasis* and C:\Users"#),
        ("Use `let x = *y*` here, ``a ` b`` too", "Use let x = *y* here, a ` b too"),
        ("an `unclosed backtick", "an `unclosed backtick"),
        ("```swift\nlet a = *b*\n\nlet c = 1\n```\nafter", "let a = *b*\nlet c = 1\nafter"),
        ("~~~\n<b>kept</b>\n~~~", "<b>kept</b>"),
        ("> ```\n> code *x*\n> ```\nafter", "code *x*\nafter"),
        ("````\n```\nstill code\n````\n*out*", "```\nstill code\nout"),
        // Links and images
        ("[Reuters](https://reuters.com \"Title\") said", "Reuters said"),
        ("![A chart](img.png) shows it", "A chart shows it"),
        ("[text][ref] and [other] [1]\n\n[ref]: https://x.example \"T\"", "text and [other] [1]"),
        ("[a [nested] link](u) end", "a [nested] link end"),
        ("[a [inner](x) b](y) end", "a inner b end"),
        ("[link](https://x.example/a_(b)) after", "link after"),
        ("[**bold link**](u)", "bold link"),
        ("see <https://example.com/a> or <me@example.com>", "see https://example.com/a or me@example.com"),
        ("[unclosed bracket and (paren", "[unclosed bracket and (paren"),
        ("Footnote[^1].\n\n[^1]: The note.", "Footnote[^1].\n[^1]: The note."),
        // Blocks
        ("# Heading\nText", "Heading\nText"),
        ("## Closed heading ##\n#hashtag stays", "Closed heading\n#hashtag stays"),
        ("Setext\n======\nbody\n---\nmore", "Setext\nbody\nmore"),
        ("> quoted\n> > nested\n\n>after", "quoted nested\nafter"),
        ("- one\n- two\n* three\n+ four\n  1. inner", "one\ntwo\nthree\nfour\ninner"),
        ("1. first\n2. second\n10) tenth", "first\nsecond\ntenth"),
        ("- [x] done\n- [ ] todo", "done\ntodo"),
        ("Profits rose in\n1987. Analysts said", "Profits rose in 1987. Analysts said"),
        ("para one\nstill one\n\n\n\npara two", "para one still one\npara two"),
        ("***\n\nafter rule\n\n- - -", "after rule"),
        ("| a | b |\n|---|:-:|\n| 1 | 2 |", "| a | b |\n| 1 | 2 |"),
        ("line one\r\nline two\r\n\r\npara", "line one line two\npara"),
        // HTML
        ("<p>Hello <b>world</b></p><p>Next</p>", "Hello world\nNext"),
        ("a<br>b<br/>c<BR />d", "a\nb\nc\nd"),
        ("<div class=\"x>y\">block</div>tail", "block\ntail"),
        ("<table><tr><td>a</td><td>b</td></tr></table>", "a b"),
        ("<script>var x = '<p>';</script>Text", "Text"),
        ("<style>\np { color: red }\n\n# not a heading\n</style>\nAfter", "After"),
        ("<SCRIPT type=\"x\">alert(1)</Script >shown", "shown"),
        ("<!-- hidden\n\nstill hidden -->shown", "shown"),
        ("<!DOCTYPE html><html><body>Hi</body></html>", "Hi"),
        ("<a href=\"https://x.example\" title='t'>anchor</a> text", "anchor text"),
        ("<script>never closed", ""),
        // Entities
        (
            "Tom &amp; Jerry &lt;3 &quot;hi&quot; &#39;x&#39; &hellip; &mdash; &#123; &#x1F600;",
            "Tom & Jerry <3 \"hi\" 'x' … — { 😀"
        ),
        ("A&nbsp;&nbsp;B\u{00A0}C", "A B C"),
        ("&#8217;s &#146;s &#0; &#xD800; &#99999999;", "’s ’s \u{FFFD} \u{FFFD} \u{FFFD}"),
        ("Unknown &bogus; stays & so does &amp", "Unknown &bogus; stays & so does &amp"),
        ("&lt;b&gt;escaped&lt;/b&gt;", "<b>escaped</b>"),
        // Text that only looks like markup
        ("Kumagai Gumi <KUMT.TOK> and <Airbus Industrie> and <C>", "Kumagai Gumi <KUMT.TOK> and <Airbus Industrie> and <C>"),
        ("x < y and y > z, a<b", "x < y and y > z, a<b"),
        (
            "<Video Shopping Mall Inc> and <B and R International Inc.> and <Mark Resources Inc>",
            "<Video Shopping Mall Inc> and <B and R International Inc.> and <Mark Resources Inc>"
        ),
        ("Bank of America <I> said, <B>bold</B> and <P>para", "Bank of America <I> said, bold and\npara"),
        ("<video controls autoplay>clip</video><IMG SRC=\"x.png\">after", "clip\nafter"),
        ("Spaces   and\ttabs  ", "Spaces and tabs"),
        ("", ""),
        ("\n\n  \n", ""),
        // Chinese passes through
        (
            "本报讯内蒙古包头市实行粮食生产。\n\n包头市位于黄河河套地区，“联动战略”。",
            "本报讯内蒙古包头市实行粮食生产。\n包头市位于黄河河套地区，“联动战略”。"
        ),
        ("　　全角空格开头，１９９５年。", "　　全角空格开头，１９９５年。"),
    ]

    @Test(arguments: cases)
    func stripsMarkup(_ row: (markup: String, text: String)) {
        #expect(MarkupStripper().plainText(from: row.markup) == row.text)
    }

    @Test func hostileBodiesStayLinear() {
        let bodies = [
            String(repeating: "[", count: 20_000),
            "x" + String(repeating: "`a``", count: 5_000),
            String(repeating: "<div ", count: 5_000),
            String(repeating: "![a](", count: 5_000),
            String(repeating: "&#x", count: 5_000),
            String(repeating: "<!-", count: 5_000),
        ]
        let clock = ContinuousClock()
        for body in bodies {
            let elapsed = clock.measure { _ = MarkupStripper().plainText(from: body) }
            #expect(elapsed < .seconds(3), "\(body.prefix(10))… took \(elapsed)")
        }
    }
}
