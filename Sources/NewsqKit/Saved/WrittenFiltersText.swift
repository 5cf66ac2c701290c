import Foundation

/// `WrittenFilters` as a small JSON object, the way a saved search keeps them.
struct WrittenFiltersText: Codable {
    var since: String?
    var until: String?
    var topics: [String]?
    var providers: [String]?
    var types: [String]?
    var minQuality: Int?
    var lang: Language?

    init(_ filters: WrittenFilters) {
        since = filters.since
        until = filters.until
        topics = filters.topics
        providers = filters.providers
        types = filters.types
        minQuality = filters.minimumQuality
        lang = filters.language
    }

    var filters: WrittenFilters {
        var filters = WrittenFilters()
        filters.since = since
        filters.until = until
        filters.topics = topics
        filters.providers = providers
        filters.types = types
        filters.minimumQuality = minQuality
        filters.language = lang
        return filters
    }

    static func encode(_ filters: WrittenFilters) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings and numbers cannot fail.
        return String(decoding: (try? encoder.encode(WrittenFiltersText(filters))) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> WrittenFilters {
        try JSONDecoder().decode(WrittenFiltersText.self, from: Data(text.utf8)).filters
    }
}
