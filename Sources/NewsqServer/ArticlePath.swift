import Foundation

/// An article id from the rest of a URL path, such as `/api/articles/2021/06/30-ai`.
///
/// Ids are paths relative to the corpus, so each segment is decoded on its own and one that
/// could step outside (`..`, `%2e%2e`, an encoded `/` or `\`) makes the path name no article.
enum ArticlePath {
    /// The id after `prefix` in the raw (still percent-encoded) `path`, or nil.
    static func id(in path: String, after prefix: String) -> String? {
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        var segments: [String] = []
        for raw in rest.split(separator: "/", omittingEmptySubsequences: false) {
            guard let segment = String(raw).removingPercentEncoding, !segment.isEmpty,
                segment != ".", segment != "..",
                !segment.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" })
            else { return nil }
            segments.append(segment)
        }
        return segments.isEmpty ? nil : segments.joined(separator: "/")
    }

    /// `id` as a URL path, each segment percent-encoded.
    static func encoded(_ id: String) -> String {
        id.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.addingPercentEncoding(withAllowedCharacters: segmentCharacters) ?? String($0) }
            .joined(separator: "/")
    }

    private static let segmentCharacters = CharacterSet(
        charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
