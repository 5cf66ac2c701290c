/// Why a corpus file could not be read as an article. Each case reads as a sentence for the user;
/// the indexer prints it after the file's path.
public enum CorpusError: Error, Equatable, CustomStringConvertible {
    case unreadable(reason: String)
    case tooLarge(bytes: Int, limit: Int)
    case frontMatterTooLarge(bytes: Int, limit: Int)
    case notUTF8
    case noFrontMatter
    case unterminatedFrontMatter
    case invalidYAML(reason: String)
    case frontMatterNotAMapping
    case missingField(String)
    case wrongFieldType(field: String, expected: String, found: String)
    case invalidDate(field: String, value: String)
    case directoryNotFound(path: String)
    case notADirectory(path: String)
    case unreadableDirectory(reason: String)
    case notARegularFile
    case symlinkLoop(target: String)
    case alreadyScanned(as: String)
    case duplicateID(id: String, keptPath: String)
    case duplicateURL(url: String, firstPath: String)

    public var description: String {
        switch self {
        case .unreadable(let reason): "the file cannot be read: \(reason)"
        case .tooLarge(let bytes, let limit): "the file is \(bytes) bytes, over the limit of \(limit) bytes"
        case .frontMatterTooLarge(let bytes, let limit):
            "the front matter is \(bytes) bytes, over the limit of \(limit) bytes"
        case .notUTF8: "the file is not valid UTF-8 text"
        case .noFrontMatter: "the file has no front matter (a first line of `---`)"
        case .unterminatedFrontMatter: "the front matter is never closed by a line of `---`"
        case .invalidYAML(let reason): "the front matter is not valid YAML: \(reason)"
        case .frontMatterNotAMapping: "the front matter is not a mapping of field names to values"
        case .missingField(let field): "the required field `\(field)` is missing or empty"
        case .wrongFieldType(let field, let expected, let found):
            "the field `\(field)` should be \(expected), found \(found)"
        case .invalidDate(let field, let value): "the field `\(field)` is not an ISO 8601 date: \(value)"
        case .directoryNotFound(let path): "the corpus directory `\(path)` does not exist"
        case .notADirectory(let path): "`\(path)` is not a directory"
        case .unreadableDirectory(let reason): "the directory cannot be read, so its files were skipped: \(reason)"
        case .notARegularFile: "the path is not a regular file (a device, socket or pipe), so it was skipped"
        case .symlinkLoop(let target):
            "the symbolic link leads back to `\(target)`, which contains it, so it was skipped"
        case .alreadyScanned(let firstPath):
            "the directory was already scanned as `\(firstPath)`, so this second path to it was skipped"
        case .duplicateID(let id, let keptPath):
            "the id `\(id)` is already taken by `\(keptPath)`, so this file was skipped"
        case .duplicateURL(let url, let firstPath):
            "its URL \(url) is also the URL of `\(firstPath)`; both articles are indexed"
        }
    }
}
