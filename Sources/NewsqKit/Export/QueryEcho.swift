/// A query shown back to the user inside a sentence, as they wrote it and quoted once.
public enum QueryEcho {
    /// `query` in double quotes; a query that has its own double quotes (a "phrase") is shown as
    /// written, since its quotes already set it apart and more would double them.
    ///
    /// For example: `AI regulation` → `"AI regulation"`, `"AI regulation"` → `"AI regulation"`.
    public static func quoted(_ query: String) -> String {
        query.contains("\"") ? query : "\"" + query + "\""
    }
}
