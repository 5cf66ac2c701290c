import Foundation
import Testing

/// The README and docs/ stay true: their links resolve, and every example's output is what the
/// current binary prints on `corpus/`.
@Suite struct DocumentationTests {
    static let documents: [URL] = {
        let docs = Repository.root.appendingPathComponent("docs")
        let pages = (try? FileManager.default.contentsOfDirectory(at: docs, includingPropertiesForKeys: nil)) ?? []
        return [Repository.root.appendingPathComponent("README.md"), Repository.root.appendingPathComponent("ARCHITECTURE.md")]
            + pages.filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
    }()

    @Test func readmeIsReadInOneSitting() throws {
        let lines = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
            .filter { $0 == "\n" }.count
        #expect(lines < 300, "README.md has \(lines) lines; move details to docs/")
    }

    @Test(arguments: documents)
    func everyLinkResolves(document: URL) throws {
        let text = try String(contentsOf: document, encoding: .utf8)
        for link in MarkdownLinks.targets(in: text) where !link.contains("://") && !link.hasPrefix("mailto:") {
            let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let target = parts[0].isEmpty ? document : document.deletingLastPathComponent().appendingPathComponent(parts[0])
            #expect(FileManager.default.fileExists(atPath: target.path), "\(document.lastPathComponent): \(link) leads nowhere")
            if parts.count == 2, target.pathExtension == "md", let page = try? String(contentsOf: target, encoding: .utf8) {
                #expect(
                    MarkdownLinks.anchors(in: page).contains(parts[1]),
                    "\(document.lastPathComponent): \(link) names no heading of \(target.lastPathComponent)")
            }
        }
    }

    @Test func examplesShowWhatNewsqPrints() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Repository.root.appendingPathComponent("scripts/readme_examples.py").path,
            "--check", "--newsq", CommandLineTests.executable.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the examples differ from what newsq prints:\n\(text)")
    }
}

/// The links and headings of a Markdown page, as GitHub reads them.
enum MarkdownLinks {
    /// The targets of `[text](target)` links outside code.
    static func targets(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\]\(([^)\s]+)\)"#)
        return prose(of: text).flatMap { line in
            pattern.matches(in: line, range: NSRange(line.startIndex..., in: line)).compactMap {
                Range($0.range(at: 1), in: line).map { String(line[$0]) }
            }
        }
    }

    /// GitHub's anchors for the page's headings: lowercased, punctuation dropped, spaces as `-`.
    static func anchors(in text: String) -> Set<String> {
        Set(
            prose(of: text).filter { $0.hasPrefix("#") }.map { heading in
                let title = heading.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
                return String(
                    title.unicodeScalars.compactMap { scalar -> Character? in
                        if scalar == " " { return "-" }
                        if scalar == "-" || scalar == "_" || CharacterSet.alphanumerics.contains(scalar) {
                            return Character(scalar)
                        }
                        return nil
                    })
            })
    }

    /// The lines outside fenced code blocks.
    private static func prose(of text: String) -> [String] {
        var inCode = false
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                inCode.toggle()
                return nil
            }
            return inCode ? nil : String(line)
        }
    }
}
