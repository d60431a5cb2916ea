import Foundation
import Testing

@Suite("wagecase serve")
struct ServeCLITests {
    /// A real server process on 127.0.0.1: a user's token works, and SIGTERM stops it with status 0 after
    /// closing the database cleanly (every write checkpointed into the database file, the WAL empty or gone).
    @Test func servesAndStopsGracefullyOnSIGTERM() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        let added = try cli.run(["user", "add", "alice", "--role", "prosecutor"])
        let token = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        #expect(added.status == 0 && token.hasPrefix("wc_"))

        let port = 20_000 + Int(getpid() % 10_000)
        let server = Process()
        server.executableURL = CLI.binary
        server.arguments = ["serve", "--db", cli.databasePath, "--port", String(port), "--log-level", "warning"]
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        var status: Int?
        for _ in 0..<100 where status == nil {
            try await Task.sleep(for: .milliseconds(100))
            status = try? await request(port: port, path: "/healthz").status
        }
        #expect(status == 200)
        let created = try await request(port: port, path: "/api/v1/employers", token: token, method: "POST",
                                        body: #"{"name":"某公司","credit_code":"91440101MA5CJQ4N59"}"#)
        #expect(created.status == 201)
        #expect(try await request(port: port, path: "/api/v1/employers").status == 401)

        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        #expect(server.terminationReason == .exit && server.terminationStatus == 0)
        let wal = try? FileManager.default.attributesOfItem(atPath: cli.databasePath + "-wal")
        #expect((wal?[.size] as? NSNumber)?.intValue ?? 0 == 0)
        #expect(try cli.run(["employer", "list", "--json"]).stdout.contains("91440101MA5CJQ4N59"))
    }

    /// curl, a real HTTP client: prints the body, then the status on its own last line.
    private func request(port: Int, path: String, token: String? = nil, method: String = "GET",
                         body: String? = nil) async throws -> (status: Int, body: String) {
        var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", "http://127.0.0.1:\(port)\(path)"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let result = try CLI.execute(URL(fileURLWithPath: "/usr/bin/curl"), arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard result.status == 0, let code = lines.last.flatMap({ Int($0) }) else {
            throw CLIFailure(result: result)
        }
        return (code, lines.dropLast().joined(separator: "\n"))
    }
}
