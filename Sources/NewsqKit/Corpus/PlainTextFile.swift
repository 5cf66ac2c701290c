import Foundation

/// What a `.txt` file's first bytes say of it: a `.txt` file is an article only when it starts
/// with a front matter, and is skipped silently otherwise.
enum PlainTextFile {
    /// Whether `file` starts with a line of `---` (after a byte order mark), as a front matter
    /// does. A file that cannot be read is taken as one, so that its failure is reported.
    static func mayHaveFrontMatter(_ file: CorpusFile) -> Bool {
        guard case .success(var start) = FileReading.prefix(root: file.root, relativePath: file.relativePath, count: 512)
        else { return true }
        if start.starts(with: [0xEF, 0xBB, 0xBF]) { start.removeFirst(3) }
        let firstLine = start.prefix { $0 != 0x0A && $0 != 0x0D }
        guard firstLine.starts(with: Array("---".utf8)) else { return false }
        return firstLine.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
