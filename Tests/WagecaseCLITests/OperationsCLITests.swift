import Foundation
import GRDB
import Testing

/// What an office's administrator relies on: the version, backups, the audit chain, files written safely, a
/// database read-only to its reader, and a service that guards its connections and its metrics.
@Suite("Operations")
struct OperationsCLITests {
    @Test func versionIsPrinted() throws {
        let result = try CLI.execute(CLI.binary, ["--version"])
        #expect(result.status == 0 && result.stdout.split(separator: ".").count == 3)
    }

    /// A new database is readable by its owner and group only: it holds ID numbers and wage claims.
    @Test func aNewDatabaseIsNotReadableByOthers() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        var status = stat()
        #expect(stat(cli.databasePath, &status) == 0 && status.st_mode & 0o007 == 0)
    }

    @Test func backupThenVerifyTheAuditChainOfTheCopy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        let copy = cli.directory.appendingPathComponent("backup.sqlite").path
        let result = try cli.run(["backup", "--to", copy, "--lang", "en"])
        #expect(result.status == 0 && result.stdout.contains("integrity ok"))
        let copied = try Data(contentsOf: URL(fileURLWithPath: copy))
        let again = try cli.run(["backup", "--to", copy, "--lang", "en"])  // never overwrites
        #expect(again.status == 1 && again.stderr.contains("a file is already there; backups never overwrite"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == copied)
        let verified = try CLI.execute(CLI.binary, ["audit", "verify", "--db", copy, "--lang", "en"])
        #expect(verified.status == 0 && verified.stdout.contains("audit log intact"))
        #expect(try CLI.execute(CLI.binary, ["stats", "--db", copy, "--json"]).stdout.contains("3800000"))
    }

    @Test func aChangedAuditEntryFailsVerification() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        #expect(try cli.run(["audit", "verify"]).status == 0)
        let sqlite = try CLI.execute(URL(fileURLWithPath: "/usr/bin/sqlite3"),
                                     [cli.databasePath, "UPDATE audit_log SET actor = 'x' WHERE id = 5"])
        #expect(sqlite.status == 0)
        let broken = try cli.run(["audit", "verify", "--lang", "en"])
        #expect(broken.status == 4 && broken.stdout.contains("#5"))
    }

    /// --out never writes through a planted link nor replaces something that is not a regular file.
    @Test func digestOutIsWrittenSafely() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        let victim = cli.directory.appendingPathComponent("victim.txt")
        try Data("keep".utf8).write(to: victim)
        let link = cli.directory.appendingPathComponent("digest.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: victim.path)
        let viaLink = try cli.run(["digest", "--on", "2024-08-26", "--out", link])
        #expect(viaLink.status == 1 && viaLink.stderr.contains("无法写入 \(link)：该路径已存在且不是普通文件"),
                "\(viaLink.stderr)")
        let viaLinkEnglish = try cli.run(["digest", "--on", "2024-08-26", "--out", link, "--lang", "en"])
        #expect(viaLinkEnglish.status == 1
                    && viaLinkEnglish.stderr.contains("cannot write \(link): it exists and is not a regular file"),
                "\(viaLinkEnglish.stderr)")
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep")
        let device = try cli.run(["digest", "--on", "2024-08-26", "--out", "/dev/null", "--lang", "en"])
        #expect(device.status == 1 && device.stderr.contains("cannot write /dev/null: it exists and is not a regular file"),
                "\(device.stderr)")
        var status = stat()
        #expect(lstat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
        // A plain file is written, and no temporary file is left beside it.
        let out = cli.directory.appendingPathComponent("week.md").path
        #expect(try cli.run(["digest", "--on", "2024-08-26", "--format", "markdown", "--out", out]).status == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
        #expect(names.contains("week.md") && !names.contains { $0.contains(".tmp-") })
    }

    /// A reading command never migrates: a file an older version wrote is refused, the message saying once what
    /// upgrades it.
    @Test func anOlderFileIsRefusedByAReaderSayingOnceWhatUpgradesIt() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        let queue = try DatabaseQueue(path: cli.databasePath)
        try queue.write { db in
            try db.execute(sql: """
                DELETE FROM grdb_migrations WHERE identifier = (SELECT identifier FROM grdb_migrations
                                                                ORDER BY CAST(substr(identifier, 2) AS INTEGER) DESC LIMIT 1)
                """)
        }
        try queue.close()
        let zh = try cli.run(["digest"])
        #expect(zh.status != 0)
        #expect(zh.stderr.components(separatedBy: "wagecase init").count == 2
                && zh.stderr.contains("需要升级，任一写入命令（如 wagecase init）都会完成升级"), "\(zh.stderr)")
        let en = try cli.run(["stats", "--lang", "en"])
        #expect(en.status != 0)
        #expect(en.stderr.components(separatedBy: "wagecase init").count == 2 && en.stderr.contains("such as `wagecase init`"),
                "\(en.stderr)")
    }

    /// A database file its reader may not write (a copy handed over read-only) can still be read.
    @Test func aReadOnlyDatabaseCanStillBeRead() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        try cli.run(["backup", "--to", cli.directory.appendingPathComponent("ro.sqlite").path])
        let readOnly = cli.directory.appendingPathComponent("ro.sqlite").path
        chmod(readOnly, 0o444)
        chmod(cli.directory.path, 0o555)
        defer { chmod(cli.directory.path, 0o755) }
        // As root, permissions do not bind: run the reader as nobody.
        let prefix = geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"] : []
        for command in [["stats"], ["alerts"], ["digest", "--on", "2024-08-26"], ["audit", "verify"]] {
            let arguments = prefix.dropFirst() + [CLI.binary.path] + command + ["--db", readOnly]
            let result = try CLI.execute(URL(fileURLWithPath: prefix.first ?? CLI.binary.path),
                                         prefix.isEmpty ? command + ["--db", readOnly] : Array(arguments))
            #expect((0...3).contains(result.status), "\(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "\(command)")
        }
        let write = try CLI.execute(URL(fileURLWithPath: prefix.first ?? CLI.binary.path),
                                    prefix.isEmpty ? ["init", "--db", readOnly, "--lang", "en"]
                                        : Array(prefix.dropFirst()) + [CLI.binary.path, "worker", "add", "--name", "某",
                                                                       "--id-number", "11010519491231002X", "--db", readOnly, "--lang", "en"])
        #expect(write.status == 1 && write.stderr.contains("read-only"))
    }

    /// A reader who may not write the file (a digest run by a member of the service's group) sees the service's
    /// newest commits, those still in the write-ahead log, not a stale or damaged picture of the file.
    @Test func aReaderWhoMayNotWriteSeesTheNewestCommits() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        // A writer that keeps the database open: its commit stays in the WAL, not yet in the file.
        let writer = try DatabasePool(path: cli.databasePath)
        try writer.write { db in
            try db.execute(sql: "INSERT INTO clue (source, received_on, employer_id, created_at) VALUES ('petition', '2024-05-01', 1, 't')")
        }
        let wal = (try? FileManager.default.attributesOfItem(atPath: cli.databasePath + "-wal")[.size] as? NSNumber)?.intValue
        #expect((wal ?? 0) > 0)
        for suffix in ["", "-wal", "-shm"] { chmod(cli.databasePath + suffix, 0o644) }
        let prefix = geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"] : []
        let arguments = Array(prefix.dropFirst()) + [CLI.binary.path, "stats", "--json", "--db", cli.databasePath]
        let result = try CLI.execute(URL(fileURLWithPath: prefix.first ?? CLI.binary.path),
                                     prefix.isEmpty ? Array(arguments.dropFirst()) : arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(figures?.int("clues.total") == 23)
        try writer.close()
    }

    @Test func theServiceGuardsItsConnectionsAndItsMetrics() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        let token = try #require(try cli.run(["user", "add", "ops", "--role", "viewer"]).stdout
            .split(separator: "\n").last.map(String.init))
        let tokenFile = cli.directory.appendingPathComponent("metrics.token")
        try Data("metrics-secret-0123456789\n".utf8).write(to: tokenFile)
        let server = try await ServerProcess(cli: cli, extraArguments: [
            "--idle-timeout", "1", "--metrics-token-file", tokenFile.path,
        ])
        defer { server.stop() }
        // A path of 100 kB, raw bytes in the request line: problem+json, not a bare 400.
        let long = try await server.request("/api/v1/" + String(repeating: "a", count: 100_000), token: token)
        #expect(long.status == 431 && long.body.contains("\"type\":\"/problems/malformed-request\""))
        let raw = try rawRequest(port: server.port, "GET /api/v1/cases?series=班组 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(raw.hasPrefix("HTTP/1.1 400") && raw.contains("application/problem+json"))
        // A request begun and never finished is dropped after the idle timeout.
        let started = Date()
        let stalled = try rawRequest(port: server.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n", waitForClose: true)
        #expect(stalled.isEmpty && Date().timeIntervalSince(started) < 5)
        // Unknown and malformed filters are refused, not ignored.
        let unknown = try await server.request("/api/v1/cases?from=2026-01-01", token: token)
        #expect(unknown.status == 422 && unknown.body.contains("\"field\":\"from\""))
        #expect(try await server.request("/api/v1/cases?open=maybe", token: token).status == 422)
        #expect(try await server.request("/api/v1/clues?from=2026-02-30", token: token).status == 422)
        // Refusals on path records are 404 for every method; a case number percent-encoded in the path is found.
        let prosecutor = try #require(try cli.run(["user", "add", "ops-p", "--role", "prosecutor"]).stdout
            .split(separator: "\n").last.map(String.init))
        #expect(try await server.request("/api/v1/clues/999999/screen", token: prosecutor, method: "POST", body: "{}").status == 404)
        #expect(try await server.request("/api/v1/cases/999999/recoveries", token: prosecutor, method: "POST",
                                         body: #"{"amount_fen":1,"on":"2025-01-02","route":"employer-paid"}"#).status == 404)
        let encoded = "/api/v1/cases/" + "平检民支〔2024〕1号".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        #expect(try await server.request(encoded, token: token).status == 200)
        // /metrics needs the metrics token.
        #expect(try await server.request("/metrics").status == 401)
        #expect(try await server.request("/metrics", token: token).status == 401)
        let metrics = try await server.request("/metrics", token: "metrics-secret-0123456789")
        #expect(metrics.status == 200 && metrics.body.contains("wagecase_guarantee_open_alerts"))
        #expect(server.isRunning)
    }

    /// Log lines carry the time as everything else does (Asia/Shanghai, +08:00) and the route's template, never the
    /// path as sent; the audit API gives before and after as JSON objects.
    @Test func logsAndAuditSpeakLikeTheRestOfTheProduct() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        let admin = try #require(try cli.run(["user", "add", "ops-admin", "--role", "admin"]).stdout
            .split(separator: "\n").last.map(String.init))
        let log = cli.directory.appendingPathComponent("serve.log")
        let server = try await ServerProcess(cli: cli, logTo: log)
        _ = try await server.request("/api/v1/workers/620403198203136761", token: admin)
        let audit = try await server.request("/api/v1/audit?limit=5", token: admin)
        server.stop()
        let items = try #require((try JSONSerialization.jsonObject(with: Data(audit.body.utf8)) as? [String: Any])?["items"]
            as? [[String: Any]])
        #expect(items.contains { $0["after"] is [String: Any] })
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("request") }
        #expect(!lines.isEmpty && lines.allSatisfy { $0.prefix(25).hasSuffix("+08:00") })
        // An administrator reads no workers (403, before any lookup); the line names the route, not the number.
        #expect(lines.contains { $0.contains("route=/api/v1/workers/{id}") && $0.contains("status=403") })
        #expect(!lines.contains { $0.contains("620403198203136761") })
    }

    @Test func metricsCanListenOnTheirOwnAddress() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        let metricsPort = ServerProcess.freePort()
        let server = try await ServerProcess(cli: cli, extraArguments: ["--metrics-listen", "127.0.0.1:\(metricsPort)"])
        defer { server.stop() }
        var status = 0
        for _ in 0..<50 where status != 200 {
            status = (try? await server.request("/metrics", port: metricsPort).status) ?? 0
            if status != 200 { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(status == 200)
        #expect(try await server.request("/metrics").status == 404)
    }

    /// Sends raw bytes and returns what comes back until the server closes (or 10 s pass).
    private func rawRequest(port: Int, _ text: String, waitForClose: Bool = false) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw CLIFailure(result: .init(status: -1, stdout: "", stderr: "connect failed")) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

@Suite("Fuzz corpus")
struct FuzzCorpusTests {
    /// Every seed and every input the fuzzer ever found a failure with goes through its parser again.
    @Test func theCorpusReplaysCleanly() throws {
        let replay = CLI.binary.deletingLastPathComponent().appendingPathComponent("wagecase-fuzz")
        let result = try CLI.execute(replay, [CLI.packageRoot.appendingPathComponent("Fuzz/Corpus").path])
        #expect(result.status == 0, "\(result.stderr)")
        let count = Int(result.stdout.split(separator: " ").dropFirst().first ?? "") ?? 0
        #expect(count >= 30)
    }
}

@Suite("Writers wait, then say so")
struct BusyDatabaseTests {
    /// Another program holds the write lock past the 10 s a writer waits: the command says the database is busy
    /// and that nothing changed, exit 1, instead of a raw "database is locked".
    @Test func aCommandLineWriteThatWaitsTooLongSaysBusy() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["init"])
        let holder = try DatabaseQueue(path: cli.databasePath)
        let result = try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try cli.run(["worker", "add", "--name", "张三", "--id-number", "11010519491231002X", "--lang", "en"])
        }
        #expect(result.status == 1 && result.stderr.contains("busy") && result.stderr.contains("nothing was changed"))
        #expect(!result.stderr.contains("database is locked"))
        #expect((try cli.json(["worker", "list"]) as? [Any])?.isEmpty == true)
    }

    /// The same on the API: 503 with Retry-After, and the clue is not written.
    @Test func anAPIWriteThatWaitsTooLongIs503WithRetryAfter() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        let token = try #require(try cli.run(["user", "add", "busy", "--role", "prosecutor"]).stdout
            .split(separator: "\n").last.map(String.init))
        let server = try await ServerProcess(cli: cli)
        defer { server.stop() }
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the lock is held across the request on purpose
        let holder = try DatabaseQueue(path: cli.databasePath, configuration: configuration)
        try await holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let answer = try await server.request(
            "/api/v1/clues", token: token, method: "POST",
            body: #"{"source":"petition","received":"2025-01-02","employer":1,"workers":[{"id_number":"620403198203136761","claimed_fen":100}],"on_duplicate":"keep-both"}"#,
            headers: [], includeHeaders: true)
        try await holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        #expect(answer.status == 503 && answer.body.lowercased().contains("retry-after: 5"))
        #expect(answer.body.contains("/problems/busy"))
        #expect(server.isRunning)
    }
}
