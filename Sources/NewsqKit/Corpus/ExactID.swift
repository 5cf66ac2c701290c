/// An article id as a dictionary or set key that compares its UTF-8 bytes.
///
/// Ids are file paths exactly as the file system spells them, and SQLite compares them byte
/// by byte; Swift's `String` compares canonically equivalent spellings as equal (`café` in
/// NFC and in NFD). Keyed by `String`, a renamed file's new spelling would find its old
/// spelling's article and leave it behind in the index, so every id lookup outside SQL uses
/// this key.
struct ExactID: Hashable, Sendable {
    let id: String

    init(_ id: String) {
        self.id = id
    }

    static func == (left: ExactID, right: ExactID) -> Bool {
        left.id.utf8.elementsEqual(right.id.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = id
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
