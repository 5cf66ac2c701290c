/// Lays styled text out in lines of at most `width` terminal columns for `TerminalRenderer`.
///
/// Lines break at spaces, and between two characters when either is East Asian wide (Chinese and
/// Japanese have no spaces between words, and may break between any two characters); a word
/// longer than a whole line is cut. Wide characters count as two columns. Styles are applied to
/// each line's part of a run, so no escape sequence spans a line break.
struct TextWrapper {
    /// Text and how to style it once laid out; styling adds no columns.
    struct Run {
        let text: String
        let style: @Sendable (String) -> String
    }

    /// The widest a line may be, indent included.
    let width: Int

    private struct Cell {
        let character: Character
        let run: Int
        let columns: Int
        var isSpace: Bool { character == " " }
        var isWide: Bool { columns == 2 }
    }

    /// The lines of `runs`: the first after `firstIndent`, the others after `indent`.
    func lines(_ runs: [Run], firstIndent: String, indent: String) -> [String] {
        let cells = runs.enumerated().flatMap { index, run in
            run.text.map { Cell(character: $0, run: index, columns: Self.columns(of: $0)) }
        }
        var lines: [[Cell]] = []
        var line: [Cell] = []
        for cell in cells {
            if cell.isSpace, line.isEmpty, !lines.isEmpty { continue }
            line.append(cell)
            let available = width - Self.columns(of: lines.isEmpty ? firstIndent : indent)
            while Self.columns(of: Self.trimmed(line)) > max(available, 1), line.count > 1 {
                let cut = Self.lastBreak(in: line) ?? line.count - 1
                lines.append(Self.trimmed(line[..<cut]))
                line = Array(line[cut...].drop(while: \.isSpace))
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(Self.trimmed(line[...])) }
        return lines.enumerated().map { number, cells in
            (number == 0 ? firstIndent : indent) + render(cells, runs: runs)
        }
    }

    /// Where `line` may break: before a space, or between two characters when either is wide.
    private static func lastBreak(in line: [Cell]) -> Int? {
        var index = line.count - 1
        while index > 0 {
            let before = line[index - 1], here = line[index]
            if here.isSpace && !before.isSpace { return index }
            if !here.isSpace, !before.isSpace, here.isWide || before.isWide,
                !closingPunctuation.contains(here.character)
            {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// Punctuation that ends a clause and never starts a line in Chinese or Japanese text.
    private static let closingPunctuation: Set<Character> = [
        "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "》", "〉", "…", "”", "’",
    ]

    private static func trimmed<Cells: BidirectionalCollection<Cell>>(_ cells: Cells) -> [Cell] {
        Array(cells.reversed().drop(while: \.isSpace).reversed())
    }

    private static func columns(of cells: [Cell]) -> Int { cells.reduce(0) { $0 + $1.columns } }

    /// Consecutive cells of one run become one styled piece.
    private func render(_ cells: [Cell], runs: [Run]) -> String {
        var output = ""
        var start = cells.startIndex
        while start < cells.endIndex {
            let run = cells[start].run
            let end = cells[start...].firstIndex { $0.run != run } ?? cells.endIndex
            output += runs[run].style(String(cells[start..<end].map(\.character)))
            start = end
        }
        return output
    }

    /// The columns `text` takes in a terminal.
    static func columns(of text: String) -> Int { text.reduce(0) { $0 + columns(of: $1) } }

    /// Two for an East Asian wide or fullwidth character, one for any other.
    static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return wideRanges.contains { $0.contains(scalar.value) } ? 2 : 1
    }

    /// Unicode's East Asian Width W and F blocks that text in Chinese, Japanese and Korean uses.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
