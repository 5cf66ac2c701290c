/// Where the YAML front matter and the body lie in an article's text.
///
/// The front matter is everything between a first line of `---` and the next line of `---`
/// (trailing spaces allowed on both). Line ends must already be `\n`.
struct FrontMatterLayout: Equatable {
    /// The YAML text, without the two `---` lines.
    var yaml: Range<Int>
    /// Everything after the closing `---` line.
    var body: Range<Int>

    static func locate(in text: UnsafeBufferPointer<UInt8>) throws(CorpusError) -> FrontMatterLayout {
        let firstLineEnd = lineEnd(in: text, from: 0)
        guard isDelimiter(text, line: 0..<firstLineEnd) else { throw .noFrontMatter }
        let yamlStart = min(firstLineEnd + 1, text.count)
        var lineStart = yamlStart
        while lineStart < text.count {
            let end = lineEnd(in: text, from: lineStart)
            if isDelimiter(text, line: lineStart..<end) {
                return FrontMatterLayout(yaml: yamlStart..<lineStart, body: min(end + 1, text.count)..<text.count)
            }
            lineStart = end + 1
        }
        throw .unterminatedFrontMatter
    }

    private static func lineEnd(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < text.count, text[index] != 0x0A { index += 1 }
        return index
    }

    private static func isDelimiter(_ text: UnsafeBufferPointer<UInt8>, line: Range<Int>) -> Bool {
        guard line.count >= 3 else { return false }
        let dash = UInt8(ascii: "-")
        guard text[line.lowerBound] == dash, text[line.lowerBound + 1] == dash, text[line.lowerBound + 2] == dash
        else { return false }
        return text[(line.lowerBound + 3)..<line.upperBound].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
