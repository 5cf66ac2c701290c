import ArgumentParser

/// Query words that start with one dash, such as `-crypto` (leave out articles with "crypto").
///
/// ArgumentParser reads a single-dash word as a pack of one-letter options (`-c -r -y -p -t -o`),
/// where `-o` would take the next word as an output file. Before parsing, each such word of a
/// command that takes query words gets a mark in front, so the parser sees a plain value (and
/// still rejects every unknown `--option`); the command takes the marks off again.
struct SingleDashWords {
    /// A Unicode noncharacter: reserved for a program's own use, so no text a user types holds it.
    static let mark = Character(Unicode.Scalar(UInt32(0xFDD0))!)

    /// The arguments to parse, with the single-dash words marked.
    let arguments: [String]
    /// The words that were marked, in order.
    let marked: [String]

    /// Marks the single-dash words of `arguments` when its first argument names one of `commands`;
    /// fails on a word that is an option's name after one dash (`-limit`), a mistyped option.
    init(_ arguments: [String], commands: [any QueryWordsCommand.Type]) throws(SingleDashWordError) {
        guard let name = arguments.first, let command = commands.first(where: { $0.configuration.commandName == name }) else {
            self.arguments = arguments
            marked = []
            return
        }
        let options = Self.longOptionNames(of: command)
        var result: [String] = []
        var marked: [String] = []
        var afterTerminator = false
        for argument in arguments {
            if argument == "--" { afterTerminator = true }
            if !afterTerminator, Self.isSingleDashWord(argument) {
                if options.contains(String(argument.dropFirst())) {
                    throw .optionWithOneDash(word: argument)
                }
                result.append(String(Self.mark) + argument)
                marked.append(argument)
            } else {
                result.append(argument)
            }
        }
        self.arguments = result
        self.marked = marked
    }

    /// `-crypto`, `-北京`: one dash, then a letter and more; not `-o` (an option), `-5` (a number)
    /// or `-o=file` (an option with its value).
    static func isSingleDashWord(_ argument: String) -> Bool {
        let characters = Array(argument)
        return characters.count >= 3 && characters[0] == "-" && characters[1].isLetter && !characters.contains("=")
    }

    /// The `--name`s of `command`'s options, as its help lists them: the lines that start with
    /// an option, indented by two.
    static func longOptionNames(of command: any ParsableCommand.Type) -> Set<String> {
        var names: Set<String> = []
        for line in command.helpMessage(columns: 400).split(separator: "\n") {
            guard let match = line.wholeMatch(of: /\ \ (?:-\w, )?--([a-z0-9][a-z0-9-]*)(?:[ ,].*)?/) else { continue }
            names.insert(String(match.1))
        }
        return names
    }

    /// `words` without their marks.
    static func unmarked(_ words: [String]) -> [String] {
        words.map { $0.first == mark ? String($0.dropFirst()) : $0 }
    }

    /// Fails when a marked word ended up as an option's value (`--topic -crypto`) instead of a
    /// query word: the option would silently get a value the user did not mean.
    func check(queryWords: [String]) throws {
        let taken = queryWords.filter { $0.first == Self.mark }.count
        guard taken == marked.count else {
            let lost = marked.first { word in !queryWords.contains(String(Self.mark) + word) } ?? marked[0]
            throw SingleDashWordError.takenAsOptionValue(word: lost)
        }
    }
}

/// Why the command line's single-dash words could not be read. Reads as a sentence for the user.
enum SingleDashWordError: Error, CustomStringConvertible {
    case takenAsOptionValue(word: String)
    case optionWithOneDash(word: String)

    var description: String {
        switch self {
        case .takenAsOptionValue(let word):
            "\(word) follows an option that takes a value; write a value that starts with - as --option=\(word), or move the word after the option's value"
        case .optionWithOneDash(let word):
            "\(word) is the option -\(word) with one dash; to leave out articles with the word \(word.dropFirst()), give it after a lone --"
        }
    }
}

/// A command whose arguments are query words, where `-word` leaves out articles with the word.
protocol QueryWordsCommand: ParsableCommand {
    /// The query words as parsed, single-dash words still marked.
    var markedQueryWords: [String] { get }
}
