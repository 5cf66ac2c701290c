/// A strict reader of RFC 4180 text, written for the tests so that CSV and TSV output is parsed
/// by something other than the code that wrote it. It refuses what the RFC forbids (a quote
/// inside an unquoted field, text after a closing quote, an unterminated quote) instead of
/// guessing, so a quoting bug fails a test.
struct RFC4180Reader {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    let delimiter: Character

    /// The records of `text`; rows end in CRLF or LF, the last one optionally.
    func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var characters = Array(text)[...]
        var fieldStarted = false
        while let character = characters.popFirst() {
            if !fieldStarted && field.isEmpty && character == "\"" {
                // A quoted field: runs to the quote that is not doubled.
                var closed = false
                while let inner = characters.popFirst() {
                    if inner == "\"" {
                        if characters.first == "\"" {
                            characters.removeFirst()
                            field.append("\"")
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        field.append(inner)
                    }
                }
                guard closed else { throw Malformed(description: "unterminated quoted field") }
                guard
                    characters.first == nil || characters.first == delimiter
                        || characters.first == "\r\n" || characters.first == "\n"
                else {
                    throw Malformed(description: "text after a closing quote: \(String(characters.prefix(10)))")
                }
                fieldStarted = true
            } else if character == delimiter {
                record.append(field)
                field = ""
                fieldStarted = false
            } else if character == "\r\n" || character == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
                fieldStarted = false
            } else if character == "\"" {
                throw Malformed(description: "a quote inside an unquoted field")
            } else if character == "\r" {
                throw Malformed(description: "a bare CR outside quotes")
            } else {
                field.append(character)
                fieldStarted = true
            }
        }
        if fieldStarted || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
