import Foundation
import GRDB

/// Counts, over every article a query matches (not only a page), how many have each value of
/// some fields: `newsq search --facets`. Values are grouped as the filters match them (ignoring
/// ASCII case, a topic as a whole line), so a value's count is the total of the same search
/// filtered on that value. The matches are those of every word, as for `--timeline`.
public struct FacetQuery: Sendable {
    private let database: ArchiveDatabase

    public init(database: ArchiveDatabase) {
        self.database = database
    }

    /// The facets of `fields` for the articles matching `query` and `filters`, each with at most
    /// `limit` values.
    public func facets(
        for query: SearchQuery, filters: SearchFilters = SearchFilters(), fields: [FacetField], limit: Int
    ) throws -> [Facet] {
        guard !fields.isEmpty else { return [] }
        let match = SearchEngine.matchExpression(for: query, analyzer: try Analyzer())
        let conditions = SearchFilterSQL(filters)
        var tallies = Dictionary(uniqueKeysWithValues: fields.map { ($0, Tally()) })
        try database.readMatches(of: query) { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT a.provider, a.topics, a.language, a.type, a.published
                    FROM article_fts JOIN articles a ON a.docid = article_fts.rowid
                    WHERE article_fts MATCH ?\(conditions.andClause)
                    """, arguments: [match] + conditions.arguments)
            var years = YearsOfDays()
            while let row = try rows.next() {
                for field in fields {
                    switch field {
                    case .provider: tallies[field]?.add(row[0] as String?)
                    case .topic: tallies[field]?.add(lines: row[1] as String? ?? "")
                    case .lang: tallies[field]?.add(row[2] as String?)
                    case .type: tallies[field]?.add(row[3] as String?)
                    case .year: tallies[field]?.add((row[4] as Double?).flatMap { years.year(published: $0) })
                    }
                }
            }
        }
        return fields.map { field in tallies[field, default: Tally()].facet(field, limit: limit) }
    }

    /// Counts per value, keyed by the value in ASCII lower case (SQLite's NOCASE and `lower()`).
    private struct Tally {
        var counts: [String: (value: String, count: Int)] = [:]
        var missing = 0

        mutating func add(_ value: String?) {
            guard let value, !value.isEmpty else {
                missing += 1
                return
            }
            counts[Self.key(value), default: (value, 0)].count += 1
        }

        /// An article counts once for each distinct line of `text`.
        mutating func add(lines text: String) {
            var seen = Set<String>()
            for line in text.split(separator: "\n") where !line.isEmpty {
                let value = String(line)
                if seen.insert(Self.key(value)).inserted { add(value) }
            }
            if seen.isEmpty { missing += 1 }
        }

        func facet(_ field: FacetField, limit: Int) -> Facet {
            let sorted = counts.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            return Facet(
                field: field, values: sorted.prefix(limit).map { Facet.Value(value: $0.value, count: $0.count) },
                moreValues: max(0, sorted.count - limit), missing: missing)
        }

        static func key(_ value: String) -> String {
            var scalars = String.UnicodeScalarView()
            for scalar in value.unicodeScalars {
                scalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(UInt8(scalar.value) + 32) : scalar)
            }
            return String(scalars)
        }
    }

    /// The calendar year of a publication instant, worked out once per day.
    private struct YearsOfDays {
        private var byDay: [Int: String] = [:]

        /// Nil for an instant no calendar holds (a damaged value).
        mutating func year(published: Double) -> String? {
            guard published.isFinite, abs(published) < 1e14 else { return nil }
            let day = Int((published / 86_400).rounded(.down))
            if let year = byDay[day] { return year }
            let text = GregorianDateText.day(Date(timeIntervalSince1970: Double(day) * 86_400))
            let year = String(text.dropLast(6))
            byDay[day] = year
            return year
        }
    }
}
