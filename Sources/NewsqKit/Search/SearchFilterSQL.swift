import GRDB

/// `SearchFilters` as SQL conditions on the `articles` table (aliased `a`), with bound arguments:
/// no filter value is ever written into the SQL text.
struct SearchFilterSQL {
    private(set) var conditions: [String] = []
    private(set) var arguments = StatementArguments()
    /// Whether the conditions read only columns that `RankingInputsIndex` holds (date,
    /// quality, language), so a search can skip the article rows.
    let readsOnlyRankingInputs: Bool

    init(_ filters: SearchFilters) {
        readsOnlyRankingInputs = filters.types.isEmpty && filters.providers.isEmpty && filters.topics.isEmpty
        if let since = filters.since {
            add("a.published >= ?", [since.timeIntervalSince1970])
        }
        if let until = filters.until {
            add("a.published < ?", [until.timeIntervalSince1970])
        }
        if let minimum = filters.minimumQuality {
            add("a.quality >= ?", [minimum])
        }
        if let language = filters.language {
            add("a.language = ?", [language.rawValue])
        }
        if !filters.types.isEmpty {
            add("a.type COLLATE NOCASE IN (\(placeholders(filters.types.count)))", filters.types)
        }
        if !filters.providers.isEmpty {
            let marks = placeholders(filters.providers.count)
            add(
                "(a.provider COLLATE NOCASE IN (\(marks)) OR a.provider_domain COLLATE NOCASE IN (\(marks)))",
                filters.providers + filters.providers)
        }
        if !filters.topics.isEmpty {
            // Topics are stored one per line; a topic matches a whole line, ignoring case.
            let any = filters.topics.map { _ in
                "instr(lower(char(10) || a.topics || char(10)), lower(char(10) || ? || char(10))) > 0"
            }
            add("(" + any.joined(separator: " OR ") + ")", filters.topics)
        }
    }

    /// The conditions joined for a WHERE clause, starting with AND; empty when there are none.
    var andClause: String {
        conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
    }

    private mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
        conditions.append(condition)
        arguments += StatementArguments(values)
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
