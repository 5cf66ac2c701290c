import Foundation
import Testing
@testable import NewsqKit

@Suite struct AtomicFileWriterTests {
    /// Files in `directory` other than the ones named: leftovers of a temporary file.
    func strays(in directory: TemporaryDirectory, except names: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { !names.contains($0) }
    }

    @Test func theFileAppearsOnlyOnCommit() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("out.csv").path
        let writer = try AtomicFileWriter(path: path, replacing: false)
        try writer.write("a,b\r\n")
        try writer.write(Data("芯片\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: path))
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\r\n芯片\n")
        #expect(try strays(in: directory, except: ["out.csv"]).isEmpty)
    }

    @Test func anExistingFileIsRefusedAndKeptWithoutReplacing() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("out.txt", "old").path
        #expect(throws: ExportError.outputExists(path: path)) { try AtomicFileWriter(path: path, replacing: false) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test func aFileThatAppearsMeanwhileIsNotOverwritten() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("out.txt").path
        let writer = try AtomicFileWriter(path: path, replacing: false)
        try writer.write("new")
        directory.write("out.txt", "someone else's")
        #expect(throws: ExportError.outputExists(path: path)) { try writer.commit() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "someone else's")
        #expect(try strays(in: directory, except: ["out.txt"]).isEmpty)
    }

    @Test func replacingOverwritesInOneStep() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("out.txt", "old").path
        let writer = try AtomicFileWriter(path: path, replacing: true)
        try writer.write("new")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    }

    @Test func discardingLeavesNothing() throws {
        let directory = TemporaryDirectory()
        do {
            let writer = try AtomicFileWriter(path: directory.path("out.txt").path, replacing: false)
            try writer.write("half")
        }
        #expect(try strays(in: directory, except: []).isEmpty)
    }

    @Test func aMissingDirectoryIsNamed() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("nope/out.txt").path
        #expect(throws: ExportError.missingDirectory(path: path, directory: directory.path("nope").path)) {
            try AtomicFileWriter(path: path, replacing: false)
        }
    }

    @Test func aDirectoryIsNotAnOutputFile() throws {
        let directory = TemporaryDirectory()
        #expect(throws: ExportError.outputIsDirectory(path: directory.url.path)) {
            try AtomicFileWriter(path: directory.url.path, replacing: true)
        }
    }

    /// Root may write anywhere, so the real check only runs for other users.
    @Test(.enabled(if: getuid() != 0)) func aReadOnlyDirectoryIsRefused() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.url.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path) }
        let path = directory.path("out.txt").path
        #expect(throws: ExportError.permissionDenied(path: path, directory: directory.url.path)) {
            try AtomicFileWriter(path: path, replacing: false)
        }
    }

    @Test(arguments: [(EACCES, "no permission"), (EROFS, "no permission"), (ENOENT, "does not exist"), (ENOSPC, "No space")])
    func systemErrorsBecomeSentences(code: Int32, phrase: String) {
        let error = AtomicFileWriter.error(errno: code, path: "no-such-d/out.csv", directory: "no-such-d")
        #expect(error.description.contains(phrase), "\(error)")
        #expect(error.description.contains("no-such-d/out.csv"))
    }
}
