import Foundation

/// Why output could not be written. Each case reads as a sentence for the user.
public enum ExportError: Error, Equatable, CustomStringConvertible {
    case outputExists(path: String)
    case outputIsDirectory(path: String)
    case missingDirectory(path: String, directory: String)
    case notADirectory(path: String, directory: String)
    case permissionDenied(path: String, directory: String)
    case writeFailed(path: String, reason: String)
    case formatCannotShowTimeline(format: String)
    case outputIsProtected(path: String, protected: String)

    public var description: String {
        switch self {
        case .outputExists(let path):
            "\(path) already exists: add --force to replace it, or choose another --output"
        case .outputIsDirectory(let path):
            "\(path) is a directory: give --output a file name"
        case .missingDirectory(let path, let directory):
            "cannot write \(path): the directory \(directory) does not exist; create it first"
        case .notADirectory(let path, let directory):
            "cannot write \(path): \(directory) is not a directory"
        case .permissionDenied(let path, let directory):
            "cannot write \(path): no permission to create files in \(directory)"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason)"
        case .outputIsProtected(let path, let protected):
            "cannot write \(path): it is \(protected), a file of the index being read; choose another --output"
        case .formatCannotShowTimeline(let format):
            "a timeline cannot be written as \(format); use text, json, jsonl, csv, tsv or markdown"
        }
    }
}
