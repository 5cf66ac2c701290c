import Foundation
import Yams

/// Typed access to one mapping of the front matter, with errors that name the field.
///
/// Every accessor checks the node's kind itself instead of trusting Yams' tag resolution:
/// that resolution runs regular expressions per scalar, and a corpus has millions of scalars.
struct FrontMatterFields {
    /// Prepended to field names in errors: `provider.` or `related[2].`.
    let path: String
    private let values: [String: Node]

    init(_ mapping: Node.Mapping, path: String = "") {
        var values: [String: Node] = [:]
        values.reserveCapacity(mapping.count)
        for (key, value) in mapping {
            if case .scalar(let scalar) = key { values[scalar.string] = value }
        }
        self.values = values
        self.path = path
    }

    /// The scalar at `key` as text; `nil` when absent or null. Numbers and booleans are text too:
    /// `title: 1984` is a title.
    func text(_ key: String) throws(CorpusError) -> String? {
        guard let node = values[key], !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            throw .wrongFieldType(field: path + key, expected: "text", found: Self.describe(node))
        }
        return scalar.string
    }

    /// The integer at `key`; quoted digits (`"72"`) count, as feeds quote numbers freely.
    func integer(_ key: String) throws(CorpusError) -> Int? {
        guard let node = values[key], !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node,
            let value = Int(scalar.string.trimmingCharacters(in: .whitespaces))
        else {
            throw .wrongFieldType(field: path + key, expected: "an integer", found: Self.describe(node))
        }
        return value
    }

    func date(_ key: String) throws(CorpusError) -> Date? {
        guard let node = values[key], !Self.isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            throw .wrongFieldType(field: path + key, expected: "a date", found: Self.describe(node))
        }
        guard let date = ISO8601DateParser.parse(scalar.string) else {
            throw .invalidDate(field: path + key, value: scalar.string)
        }
        return date
    }

    /// A list of text; absent, null and `[]` are all empty. Null items are skipped.
    func textList(_ key: String) throws(CorpusError) -> [String] {
        guard let node = values[key], !Self.isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw .wrongFieldType(field: path + key, expected: "a list of text", found: Self.describe(node))
        }
        var items: [String] = []
        items.reserveCapacity(sequence.count)
        for (position, item) in sequence.enumerated() where !Self.isNull(item) {
            guard case .scalar(let scalar) = item else {
                throw .wrongFieldType(field: "\(path)\(key)[\(position)]", expected: "text", found: Self.describe(item))
            }
            items.append(scalar.string)
        }
        return items
    }

    func mapping(_ key: String) throws(CorpusError) -> FrontMatterFields? {
        guard let node = values[key], !Self.isNull(node) else { return nil }
        guard case .mapping(let mapping) = node else {
            throw .wrongFieldType(field: path + key, expected: "a mapping", found: Self.describe(node))
        }
        return FrontMatterFields(mapping, path: "\(path)\(key).")
    }

    /// A list of mappings (`related:`); absent and null are empty, null items are skipped.
    func mappingList(_ key: String) throws(CorpusError) -> [FrontMatterFields] {
        guard let node = values[key], !Self.isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw .wrongFieldType(field: path + key, expected: "a list of mappings", found: Self.describe(node))
        }
        var items: [FrontMatterFields] = []
        for (position, item) in sequence.enumerated() where !Self.isNull(item) {
            let itemPath = "\(path)\(key)[\(position)]"
            guard case .mapping(let mapping) = item else {
                throw .wrongFieldType(field: itemPath, expected: "a mapping", found: Self.describe(item))
            }
            items.append(FrontMatterFields(mapping, path: itemPath + "."))
        }
        return items
    }

    /// YAML's null: an empty or `~`/`null` plain scalar. A quoted `"null"` is text.
    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// How a wrong value reads in an error: its kind, and for a scalar its text, shortened.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "nothing (null)" }
            let value = scalar.string.count > 40 ? scalar.string.prefix(40) + "…" : scalar.string
            let isPlain = scalar.style == .plain || scalar.style == .any
            if isPlain, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(scalar.string) {
                return "a boolean (\(value))"
            }
            if isPlain, Double(scalar.string) != nil { return "a number (\(value))" }
            return "text (\"\(value)\")"
        }
    }
}
