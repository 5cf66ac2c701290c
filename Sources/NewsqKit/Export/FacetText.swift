import Foundation

/// Facets for people, after the hits: a line per field, its values largest first.
///
///     Facets (of the articles that match every word):
///       provider  Reuters 31 · Xinhua 12 · AP 9 · 4 more
///       year      2024 20 · 2023 11 · no year 3
struct FacetText {
    let style: TerminalStyle

    func render(_ facets: [Facet]) -> String {
        guard !facets.isEmpty else { return "" }
        let nameWidth = facets.map(\.field.rawValue.count).max() ?? 0
        var lines = ["", style.bold("Facets") + " (of the articles that match every word):"]
        for facet in facets {
            var parts = facet.values.map { "\($0.value) \($0.count)" }
            if facet.moreValues > 0 { parts.append("\(facet.moreValues) more") }
            if facet.missing > 0 { parts.append("no \(facet.field.rawValue) \(facet.missing)") }
            let name = facet.field.rawValue.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            lines.append("  " + style.dim(name) + "  " + (parts.isEmpty ? "none" : parts.joined(separator: " · ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
