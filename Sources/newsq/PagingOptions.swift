import ArgumentParser

/// `--limit` and `--offset`, shared by every command that lists hits.
struct PagingOptions: ParsableArguments {
    @Option(
        parsing: .unconditional, help: "How many hits to show per query. (default: 10)", transform: WholeNumberOption.limit.parse)
    var limit = 10

    @Option(
        parsing: .unconditional, help: "How many hits to skip per query (for paging). (default: 0)",
        transform: WholeNumberOption.offset.parse)
    var offset = 0
}
