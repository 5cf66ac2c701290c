/// The API's description, OpenAPI 3.0, served at `/api/openapi.json`.
enum OpenAPIDocument {
    static let json = """
        {"openapi": "3.0.3", "info": {"title": "newsq", "version": "1"}, "paths": {}}

        """
}
