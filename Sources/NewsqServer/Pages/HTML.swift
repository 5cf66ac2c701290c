import Foundation

/// Text made safe to put in HTML, in element content or in a quoted attribute.
enum HTML {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A query string of `pairs`, each name and value percent-encoded (and the whole then
    /// escaped for an attribute).
    static func query(_ pairs: [(String, String)]) -> String {
        let encoded = pairs.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: valueCharacters) ?? "")"
        }
        return escaped(encoded.joined(separator: "&"))
    }

    private static let valueCharacters = CharacterSet(
        charactersIn:
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
