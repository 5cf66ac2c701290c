import Foundation
import NewsqKit

/// The search page: the hits of one search with their highlights, the filters in force, the
/// timeline and the links to page on, filter further and download.
struct SearchPage {
    /// The query string's pairs as given, which every link starts from.
    let pairs: [(name: String, value: String)]
    let search: SearchParameters
    let answer: AnsweredQuery
    let timeline: Timeline?

    /// The fields whose values the page offers as filters, with their counts over every match.
    static let facetFields: [FacetField] = [.provider, .topic, .type, .lang]

    /// The page of `search`, or its error as a sentence, with the status to send.
    static func html(query: QueryString, reader: ArchiveReader) async -> (String, Int) {
        let queryText = query.pairs.first { $0.name == "q" }?.value ?? ""
        do {
            var search = try SearchParameters(query)
            guard !search.text.trimmingCharacters(in: .whitespaces).isEmpty else {
                return (PageLayout.page(title: "Search", content: PageLayout.help), 200)
            }
            search.timeline = true
            if search.facets.isEmpty {
                search.facets = Self.facetFields
                search.facetLimit = 8
            }
            let (answer, timeline) = try await reader.search(search)
            let page = SearchPage(pairs: query.pairs, search: search, answer: answer, timeline: timeline)
            return (page.render(), 200)
        } catch {
            let (status, sentence) = Answer.described(error)
            let content = "<p class=\"error\">\(HTML.escaped(sentence))</p>\n" + PageLayout.help
            return (PageLayout.page(title: "Error", query: queryText, content: content), status.code)
        }
    }

    func render() -> String {
        let results = answer.results
        var html = PageLayout.help + filtersInForce()
        if let suggestion = results.didYouMean {
            let pairs = kept(dropping: ["q", "offset"]) + [("q", suggestion)]
            html +=
                "<p class=\"suggestion\">Did you mean <a href=\"/?\(HTML.query(pairs))\">\(HTML.escaped(suggestion))</a>?</p>\n"
        }
        let shown = results.hits.isEmpty ? "" : "\(results.offset + 1)–\(results.offset + results.hits.count) of "
        html += "<p class=\"summary\">\(shown)\(HTML.escaped(results.totalForPeople)) articles match</p>\n"
        if let timeline, !timeline.periods.isEmpty { html += TimelineBars.svg(timeline) }
        html += facets(results.facets ?? [])
        html +=
            "<p class=\"downloads\">Download: "
            + ["csv", "jsonl", "md", "trec", "json"].map { format in
                let path = format == "json" ? "/api/search" : "/api/search.\(format)"
                return "<a href=\"\(path)?\(HTML.query(kept(dropping: ["offset"])))\">\(format)</a>"
            }.joined(separator: " ") + "</p>\n"
        html += "<ol class=\"hits\" start=\"\(results.offset + 1)\">\n"
        for hit in results.hits { html += item(hit) }
        html += "</ol>\n" + paging()
        return PageLayout.page(title: search.text, query: search.text, hidden: hiddenFields(), content: html)
    }

    private func item(_ hit: SearchHit) -> String {
        var meta: [String] = []
        if let published = hit.published { meta.append(HTML.escaped(Self.day(published))) }
        if let provider = hit.provider { meta.append(filterLink("provider", provider)) }
        if let quality = hit.quality { meta.append("quality \(quality)") }
        if let type = hit.type { meta.append(filterLink("type", type)) }
        meta.append(filterLink("lang", hit.language))
        if hit.isRelaxed { meta.append("matches some words") }
        let topics = hit.topics.map { filterLink("topic", $0) }.joined(separator: " ")
        return """
            <li class="hit">
            <h2><a href="/articles/\(HTML.escaped(ArticlePath.encoded(hit.id)))">\(Self.marked(hit.title))</a></h2>
            <p>\(Self.marked(hit.snippet))</p>
            <p class="meta">\(meta.joined(separator: " · "))</p>
            \(topics.isEmpty ? "" : "<p class=\"chips\">\(topics)</p>")
            </li>

            """
    }

    /// Each facet's values as filter links with their counts; a field with one value or none
    /// (nothing to narrow) is left out.
    private func facets(_ facets: [Facet]) -> String {
        let lines = facets.filter { $0.values.count > 1 && $0.field != .year }.map { facet in
            let values = facet.values.map { filterLink(facet.field.rawValue, $0.value) + " \($0.count)" }
            let more = facet.moreValues > 0 ? " · \(facet.moreValues) more" : ""
            return "<p class=\"facet\"><span class=\"facet-name\">\(facet.field.rawValue)</span> "
                + values.joined(separator: " · ") + more + "</p>"
        }
        guard !lines.isEmpty else { return "" }
        return "<div class=\"facets\">\n" + lines.joined(separator: "\n") + "\n</div>\n"
    }

    private func filtersInForce() -> String {
        let filters = pairs.filter {
            ["since", "until", "topic", "provider", "type", "lang", "min_quality", "sort"].contains($0.name) && !$0.value.isEmpty
        }
        guard !filters.isEmpty else { return "" }
        let chips = filters.map { filter in
            let rest = pairs.filter { !($0.name == filter.name && $0.value == filter.value) && $0.name != "offset" }
            return
                "<a class=\"filter\" href=\"/?\(HTML.query(rest.map { ($0.name, $0.value) }))\" title=\"Remove this filter\">\(HTML.escaped(filter.name)): \(HTML.escaped(filter.value)) ✕</a>"
        }
        return "<p class=\"chips\">\(chips.joined(separator: " "))</p>\n"
    }

    private func paging() -> String {
        let results = answer.results
        var previous = "<span></span>", next = "<span></span>"
        if results.offset > 0 {
            let offset = max(0, results.offset - search.limit)
            previous =
                "<a rel=\"prev\" href=\"/?\(HTML.query(kept(dropping: ["offset"]) + [("offset", String(offset))]))\">← Previous</a>"
        }
        if results.offset + results.hits.count < results.total + results.relaxedTotal, results.hits.count == search.limit {
            let offset = results.offset + search.limit
            next =
                "<a rel=\"next\" href=\"/?\(HTML.query(kept(dropping: ["offset"]) + [("offset", String(offset))]))\">Next →</a>"
        }
        return "<nav class=\"paging\">\(previous)\(next)</nav>\n"
    }

    /// A link to this search narrowed to `name=value`, from the first page; a one-valued
    /// filter (`lang`) is replaced, a repeatable one gains a value.
    private func filterLink(_ name: String, _ value: String) -> String {
        var pairs = kept(dropping: name == "lang" ? ["offset", "lang"] : ["offset"])
        if !pairs.contains(where: { $0.0 == name && $0.1 == value }) { pairs.append((name, value)) }
        return "<a href=\"/?\(HTML.query(pairs))\">\(HTML.escaped(value))</a>"
    }

    private func kept(dropping names: Set<String>) -> [(String, String)] {
        pairs.filter { !names.contains($0.name) && !$0.value.isEmpty }.map { ($0.name, $0.value) }
    }

    /// The filters the search box keeps when the words change.
    private func hiddenFields() -> [(String, String)] { kept(dropping: ["q", "offset"]) }

    /// `text` escaped, its matched runs in `<mark>`.
    static func marked(_ text: HighlightedText) -> String {
        text.runs.map { $0.isMatch ? "<mark>\(HTML.escaped($0.text))</mark>" : HTML.escaped($0.text) }.joined()
    }

    static func day(_ date: Date) -> String {
        String(ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate]))
    }
}
