import Foundation

/// `WrittenFilters` as a small JSON object, the way a saved search keeps them: a batch line's
/// keys, only the filters that were given.
enum WrittenFiltersText {
    static func encode(_ filters: WrittenFilters) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain strings and numbers cannot fail.
        return String(decoding: (try? encoder.encode(filters)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> WrittenFilters {
        try JSONDecoder().decode(WrittenFilters.self, from: Data(text.utf8))
    }
}
