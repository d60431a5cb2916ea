import Foundation
import Testing

/// A real `wagecase serve` process on 127.0.0.1 over a CLI test's database, spoken to with curl.
final class ServerProcess {
    let port: Int
    let process = Process()

    /// With `logTo`, the server logs at info level into that file.
    /// `database`: a postgres:// URL (or another file) instead of the CLI test's file.
    init(cli: CLI, database: String? = nil, extraArguments: [String] = [], environment: [String: String] = [:],
         logTo: URL? = nil) async throws {
        port = Self.freePort()
        process.executableURL = CLI.binary
        process.arguments = ["serve", "--db", database ?? cli.databasePath, "--port", String(port),
                             "--log-level", logTo == nil ? "error" : "info"] + extraArguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let logTo {
            guard FileManager.default.createFile(atPath: logTo.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            process.standardError = try FileHandle(forWritingTo: logTo)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        for _ in 0..<150 {
            if (try? await request("/healthz").status) == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CLIFailure(result: .init(status: -1, stdout: "", stderr: "server did not start on \(port)"))
    }

    deinit { if process.isRunning { process.terminate() } }

    /// A port the kernel says is free now (bound to port 0, read back, released).
    static func freePort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    var isRunning: Bool { process.isRunning }

    /// curl, a real HTTP client: the status and the body.
    /// With `includeHeaders`, the body starts with the response's header lines.
    func request(_ path: String, token: String? = nil, method: String = "GET", body: String? = nil,
                 headers: [String] = [], port: Int? = nil, includeHeaders: Bool = false) async throws
        -> (status: Int, body: String) {
        var arguments = ["-s", "-g", "-X", method, "-w", "\n%{http_code}", "--max-time", "20",
                         "http://127.0.0.1:\(port ?? self.port)\(path)"]
        if includeHeaders { arguments.append("-i") }
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let result = try await CLI.executeAsync(URL(fileURLWithPath: "/usr/bin/curl"), arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard let code = lines.last.flatMap({ Int($0) }) else { throw CLIFailure(result: result) }
        return (code, lines.dropLast().joined(separator: "\n"))
    }

    func stop() {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
