import ArgumentParser
import NewsqKit

/// `--facets` and `--facet-limit`: counts per value over every match, after the hits.
struct FacetOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Count every match per value of these fields, after the hits: \(FacetField.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "field,..."),
        transform: { text in
            do { return try FacetField.list(text) } catch { throw ValidationError("\(error).") }
        })
    var facets: [FacetField] = []

    @Option(
        parsing: .unconditional, help: "How many values each facet shows, largest first. (default: 10)",
        transform: WholeNumberOption.facetLimit.parse)
    var facetLimit = 10
}
