/// The API's description, OpenAPI 3.0, served at `/api/openapi.json`: `Resources/openapi.json`,
/// hand-written and compiled into the binary, checked against a running server by
/// `scripts/api-test` (schemathesis).
enum OpenAPIDocument {
    static let json = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
