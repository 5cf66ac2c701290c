import Foundation
import Hummingbird
import NewsqKit

/// The responses the server sends: a body as text, with its type and status.
enum Answer {
    static let json = "application/json; charset=utf-8"
    static let html = "text/html; charset=utf-8"

    /// Everything the server sends shares these: pages may run only the server's own script
    /// and style, so an escaping mistake cannot run a script from article text.
    static func text(
        _ body: String, type: String, status: HTTPResponse.Status = .ok,
        download filename: String? = nil
    ) -> Response {
        var headers: HTTPFields = [
            .contentType: type,
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            .xContentTypeOptions: "nosniff",
            .cacheControl: "no-store",
        ]
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// `{"error": sentence}` with the error's status.
    static func jsonError(_ error: any Error) -> Response {
        let (status, sentence) = described(error)
        let body =
            (try? String(
                decoding: JSONSerialization.data(
                    withJSONObject: ["error": sentence], options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)) ?? "{}"
        return text(body + "\n", type: json, status: status)
    }

    /// The HTTP status of `error`, and its sentence as the command line writes it.
    static func described(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as ServerError: (HTTPResponse.Status(code: error.status), error.description)
        case let error as QueryError: (.badRequest, error.description)
        case let error as ExportError: (.badRequest, error.description)
        case let error as ArticleLookupError: (.notFound, error.description)
        case let error as IndexError: (.serviceUnavailable, error.description)
        default: (.internalServerError, IndexError.searchFailed(reason: String(describing: error)).description)
        }
    }
}
