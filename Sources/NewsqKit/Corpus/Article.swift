import Foundation

/// One news article as read from a corpus file: the fields search and display need.
///
/// The `id` is the file's path relative to the indexed directory, without its extension
/// (`2021/06/30-shenzhen-ai` for `2021/06/30-shenzhen-ai.md`); every machine-readable
/// output names articles by it.
public struct Article: Sendable, Equatable {
    public var id: String
    public var title: String
    public var excerpt: String
    /// The body as plain text: Markdown and HTML markup removed, paragraphs kept as lines.
    public var body: String
    public var published: Date?
    /// Editorial quality, higher is better; `nil` where the corpus has none.
    public var quality: Int?
    /// Popularity; `nil` where unknown (the format's `-1`).
    public var heat: Int?
    public var type: String?
    public var category: String?
    public var topics: [String]
    public var provider: Provider?
    public var webURL: String?
    public var originalURL: String?
    public var related: [RelatedArticle]

    public init(
        id: String, title: String, excerpt: String = "", body: String = "",
        published: Date? = nil, quality: Int? = nil, heat: Int? = nil,
        type: String? = nil, category: String? = nil, topics: [String] = [],
        provider: Provider? = nil, webURL: String? = nil, originalURL: String? = nil,
        related: [RelatedArticle] = []
    ) {
        self.id = id
        self.title = title
        self.excerpt = excerpt
        self.body = body
        self.published = published
        self.quality = quality
        self.heat = heat
        self.type = type
        self.category = category
        self.topics = topics
        self.provider = provider
        self.webURL = webURL
        self.originalURL = originalURL
        self.related = related
    }

    /// The address to show a reader: `webUrl`, else `originalUrl`.
    public var displayURL: String? { webURL ?? originalURL }
}

/// The outlet that published an article.
public struct Provider: Sendable, Equatable {
    public var name: String
    public var domain: String?

    public init(name: String, domain: String? = nil) {
        self.name = name
        self.domain = domain
    }
}

/// A stub of another outlet's article on the same story (`related[]` in the front matter).
public struct RelatedArticle: Sendable, Equatable {
    public var title: String
    public var excerpt: String
    public var published: Date?
    public var url: String?
    public var providerName: String?
    public var quality: Int?

    public init(
        title: String, excerpt: String = "", published: Date? = nil,
        url: String? = nil, providerName: String? = nil, quality: Int? = nil
    ) {
        self.title = title
        self.excerpt = excerpt
        self.published = published
        self.url = url
        self.providerName = providerName
        self.quality = quality
    }
}
