import Foundation
import Hummingbird
import NewsqKit

/// Every path the server answers. Handlers only read a request into NewsqKit's types and
/// write NewsqKit's output; errors become `{"error": sentence}` (pages: the sentence in HTML).
struct Routes: Sendable {
    let reader: ArchiveReader

    /// The hit list downloads: path extension, format, content type.
    static let downloads: [(suffix: String, format: HitListFormat, type: String)] = [
        ("csv", .csv, "text/csv; charset=utf-8"),
        ("tsv", .tsv, "text/tab-separated-values; charset=utf-8"),
        ("jsonl", .jsonl, "application/jsonl; charset=utf-8"),
        ("md", .markdown, "text/markdown; charset=utf-8"),
        ("trec", .trec, "text/plain; charset=utf-8"),
    ]

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: JSONNotFound())
        router.get("/") { request, _ in
            let (page, status) = await SearchPage.html(query: try QueryString(request.uri.query), reader: reader)
            return Answer.text(page, type: Answer.html, status: HTTPResponse.Status(code: status))
        }
        router.get("/articles/**") { request, _ in
            do {
                let article = try await reader.article(id: try Self.articleID(request, prefix: "/articles/"))
                return Answer.text(ArticlePage.html(article), type: Answer.html)
            } catch {
                let (status, sentence) = Answer.described(error)
                let page = PageLayout.page(title: "Not found", content: "<p class=\"error\">\(HTML.escaped(sentence))</p>")
                return Answer.text(page, type: Answer.html, status: status)
            }
        }
        router.get("/static/style.css") { _, _ in Answer.text(StaticFiles.style, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in Answer.text(StaticFiles.script, type: "text/javascript; charset=utf-8") }
        router.get("/api/search") { request, _ in
            await Self.json {
                let search = try SearchParameters(try QueryString(request.uri.query))
                let (answer, timeline) = try await reader.search(search)
                if let timeline { return try TimelineWriter(format: .json).render(timeline, for: answer) }
                return try HitListFormat.json.writer().document([answer])
            }
        }
        for download in Self.downloads {
            router.get("/api/search.\(download.suffix)") { request, _ in
                do {
                    let search = try SearchParameters(try QueryString(request.uri.query))
                    let (answer, _) = try await reader.search(search)
                    let body = try download.format.writer().document([answer])
                    return Answer.text(body, type: download.type, download: "newsq-search.\(download.suffix)")
                } catch {
                    return Answer.jsonError(error)
                }
            }
        }
        router.get("/api/articles/**") { request, _ in
            await Self.json {
                try ArticleJSON(try await reader.article(id: try Self.articleID(request, prefix: "/api/articles/"))).encoded(
                    pretty: true) + "\n"
            }
        }
        router.get("/api/stats") { _, _ in
            await Self.json { try StatisticsRenderer.json(try await reader.statistics()) }
        }
        router.get("/api/openapi.json") { _, _ in Answer.text(OpenAPIDocument.json, type: Answer.json) }
        return router
    }

    private static func json(_ body: () async throws -> String) async -> Response {
        do {
            return Answer.text(try await body(), type: Answer.json)
        } catch {
            return Answer.jsonError(error)
        }
    }

    private static func articleID(_ request: Request, prefix: String) throws(ServerError) -> String {
        guard let id = ArticlePath.id(in: request.uri.path, after: prefix) else {
            throw .notFound(path: request.uri.path)
        }
        return id
    }
}

/// Requests no route takes get the JSON error every other failure gets, not an empty body:
/// 405 for a method other than GET (nothing here changes anything), else 404.
struct JSONNotFound: RouterMiddleware {
    typealias Context = BasicRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            guard request.method == .get || request.method == .head else {
                var answer = Answer.jsonError(ServerError.methodNotAllowed(method: request.method.rawValue))
                answer.headers[.allow] = "GET"
                return answer
            }
            return Answer.jsonError(ServerError.notFound(path: request.uri.path))
        }
    }
}
