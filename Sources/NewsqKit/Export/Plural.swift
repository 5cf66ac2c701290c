/// Words that agree with a count, for every count newsq prints for people: "1 article matches",
/// "2 articles match".
///
/// For example:
///
/// ```swift
/// Plural.count(1, "article")                 // "1 article"
/// Plural.form(12, "article matches", "articles match")  // "articles match"
/// ```
public enum Plural {
    /// `singular` for a count of one, else `plural` (by default `singular` with an s).
    public static func form(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }

    /// The count and its words: "1 article", "12 articles".
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + form(count, singular, plural)
    }
}
