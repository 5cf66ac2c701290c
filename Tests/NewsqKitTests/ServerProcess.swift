import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A `newsq serve` process on a free loopback port, stopped when the value goes away.
final class ServerProcess: Sendable {
    let process: Process
    /// `http://127.0.0.1:PORT/`, as the server printed it.
    let address: String
    let port: UInt16

    init(database: String, arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--db", database, "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "http://127.0.0.1:"),
            let port = UInt16(text[range.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            throw ServerStartError(output: text)
        }
        self.process = process
        self.port = port
        address = "http://127.0.0.1:\(port)/"
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    /// `GET path` (sent as written: nothing normalises `..`).
    func get(_ path: String) throws -> RawHTTPResponse {
        try RawHTTPResponse.get(path, port: port)
    }
}

struct ServerStartError: Error, CustomStringConvertible {
    let output: String
    var description: String { "newsq serve did not say where it listens: \(output)" }
}

/// One HTTP/1.1 exchange over a plain socket, so the request path reaches the server exactly
/// as written (HTTP clients resolve `..` before sending).
struct RawHTTPResponse {
    let status: Int
    /// Header names in lower case.
    let headers: [String: String]
    let body: Data
    var text: String { String(decoding: body, as: UTF8.self) }

    static func get(_ path: String, port: UInt16) throws -> RawHTTPResponse {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.init(rawValue: errno) ?? .ECONNREFUSED) }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let written = request[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw POSIXError(.EPIPE) }
            sent += written
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return try parse(received)
    }

    private static func parse(_ data: Data) throws -> RawHTTPResponse {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { throw POSIXError(.EBADMSG) }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return RawHTTPResponse(status: status, headers: headers, body: Data(data[end.upperBound...]))
    }
}
