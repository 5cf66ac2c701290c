import Foundation

/// Whether terminal output gets ANSI colors: only on a terminal, and never when `NO_COLOR` is set
/// (https://no-color.org).
public struct TerminalStyle: Sendable {
    public let colors: Bool

    public init(colors: Bool) { self.colors = colors }

    /// Colors when `descriptor` is a terminal and `NO_COLOR` is unset or empty.
    public static func detect(
        descriptor: Int32 = STDOUT_FILENO,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> TerminalStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(colors: !noColor && isatty(descriptor) == 1)
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func cyan(_ text: String) -> String { wrap(text, "36") }
    func highlight(_ text: String) -> String { wrap(text, "1;33") }

    private func wrap(_ text: String, _ code: String) -> String {
        colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
