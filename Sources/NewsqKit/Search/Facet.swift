/// How many of a query's matches have each value of one field, largest first.
public struct Facet: Sendable, Equatable {
    public struct Value: Sendable, Equatable {
        /// The value as first met (values that differ only in ASCII case are one, as filters treat them).
        public var value: String
        public var count: Int
    }

    public var field: FacetField
    /// The largest counts, at most the limit asked for; ties by value.
    public var values: [Value]
    /// How many other values there are beyond `values`.
    public var moreValues: Int
    /// Matches without a value for the field (no type, no date, no topic).
    public var missing: Int
}
