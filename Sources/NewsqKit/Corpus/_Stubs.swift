// TEMPORARY stand-ins until the corpus reader lands.
import Foundation
public enum ISO8601DateParser { public static func parse(_ text: String) -> Date? { try? Date(text, strategy: .iso8601) } }
public struct ArticleParser: Sendable {
    public init(maxFileBytes: Int = 64 << 20) {}
    public func parse(_ data: Data, id: String) throws(CorpusError) -> Article {
        guard let text = String(data: data, encoding: .utf8) else { throw .notUTF8 }
        let parts = text.components(separatedBy: "\n---\n")
        guard text.hasPrefix("---\n"), parts.count >= 2 else { throw .noFrontMatter }
        var title = ""
        for line in parts[0].split(separator: "\n") where line.hasPrefix("title: ") {
            title = String(line.dropFirst(7)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        if title.isEmpty { throw .missingField("title") }
        return Article(id: id, title: title, body: parts.dropFirst().joined(separator: "\n"))
    }
}
public struct CorpusFile: Sendable, Equatable { public var url: URL; public var relativePath: String; public var id: String; public var size: Int64; public var modified: Int64; public var frontMatterOptional: Bool }
public struct CorpusProblem: Sendable, Equatable { public var path: String; public var error: CorpusError; public init(path: String, error: CorpusError) { self.path = path; self.error = error } }
public struct CorpusScan: Sendable { public var files: [CorpusFile]; public var problems: [CorpusProblem] }
public struct CorpusWalker {
    let root: URL
    public init(root: URL) { self.root = root }
    public func scan() throws(CorpusError) -> CorpusScan {
        let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey])!
        var files: [CorpusFile] = []
        for case let url as URL in e where url.pathExtension == "md" {
            let rel = String(url.path.dropFirst(root.path.count + 1))
            let v = try! url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey])
            files.append(CorpusFile(url: url, relativePath: rel, id: String(rel.dropLast(3)), size: Int64(v.fileSize!), modified: Int64(v.contentModificationDate!.timeIntervalSince1970 * 1e9), frontMatterOptional: false))
        }
        return CorpusScan(files: files.sorted { $0.relativePath < $1.relativePath }, problems: [])
    }
}
