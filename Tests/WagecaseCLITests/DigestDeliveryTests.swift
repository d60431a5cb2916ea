import Crypto
import Foundation
import Testing

@Suite("Digest delivery", .serialized)
struct DigestDeliveryTests {
    private func sampleCLI() throws -> CLI { try CLI.sample() }

    /// WeCom: {"msgtype":"markdown","markdown":{"content":…}}, each message within 4096 bytes, split in order
    /// with nothing lost, the robot's key kept, and nothing printed on success.
    @Test func postsMarkdownToAWeComRobotSplitWithinItsLimit() async throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let robot = RobotServer()
        try await robot.serve { port in
            let result = try await cli.runAsync(["digest", "--on", "2024-08-26", "--limit", "100",
                                      "--webhook", "http://127.0.0.1:\(port)/cgi-bin/webhook/send?key=team-key"])
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result.stderr)")
        }
        let posts = robot.received
        #expect(posts.count >= 2, "a 100-item digest exceeds 4096 bytes and must be split")
        var contents: [String] = []
        for post in posts {
            #expect(post.path == "/cgi-bin/webhook/send" && post.query == "key=team-key")
            #expect(post.body["msgtype"] as? String == "markdown")
            let content = try #require((post.body["markdown"] as? [String: any Sendable])?["content"] as? String)
            #expect(content.utf8.count <= 4096)
            contents.append(content)
        }
        #expect(contents[0].hasPrefix("# 周汇报（2024年8月19日—2024年8月25日）"))
        #expect(contents[1].hasPrefix("**周汇报（2024年8月19日—2024年8月25日）（2/\(posts.count)）**"))
        let all = contents.joined(separator: "\n")
        for expected in ["本周新增线索1件", "保函 BH620403-2023-017", "平检民支〔2024〕9号", "长征街商住楼班组欠薪系列案", "2024-08-19"] {
            #expect(all.contains(expected), "\(expected) lost in the split")
        }
    }

    /// DingTalk with a signing secret: timestamp and sign in the query, sign = base64(HMAC-SHA256(secret,
    /// "timestamp\nsecret")); title and text in the body. The secret can come from the environment.
    @Test func signsDingTalkMessages() async throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let robot = RobotServer()
        let secret = "SEC0123456789abcdef"
        try await robot.serve { port in
            let result = try await CLI.executeAsync(CLI.binary, [
                "digest", "--db", cli.databasePath, "--on", "2024-08-26", "--lang", "en",
                "--webhook", "http://127.0.0.1:\(port)/robot/send?access_token=tok", "--webhook-kind", "dingtalk",
            ], environment: ["WAGECASE_WEBHOOK_SECRET": secret])
            #expect(result.status == 0 && result.stdout.isEmpty, "\(result.stderr)")
        }
        let post = try #require(robot.received.first)
        var query: [String: String] = [:]
        for pair in post.query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            query[parts[0]] = parts[1].removingPercentEncoding
        }
        #expect(query["access_token"] == "tok")
        let timestamp = try #require(query["timestamp"])
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(abs(now - (Int64(timestamp) ?? 0)) < 120_000)
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp)\n\(secret)".utf8),
                                                  using: SymmetricKey(data: Data(secret.utf8)))
        #expect(query["sign"] == Data(mac).base64EncodedString())
        let markdown = try #require(post.body["markdown"] as? [String: any Sendable])
        #expect(markdown["title"] as? String == "Weekly digest, 2024-08-19 to 2024-08-25")
        #expect((markdown["text"] as? String)?.contains("This week: 1 new clue") == true)
    }

    /// A robot that keeps failing is retried a bounded number of times, then the command exits 1 saying so;
    /// the --out file is written all the same.
    @Test func failedDeliveryRetriesThenExitsNonZeroAndStillWritesTheFile() async throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let robot = RobotServer(replies: Array(repeating: (500, "busy"), count: 10))
        let out = cli.directory.appendingPathComponent("weekly.md").path
        try await robot.serve { port in
            let started = Date()
            let result = try await cli.runAsync(["digest", "--on", "2024-08-26", "--format", "markdown", "--out", out,
                                      "--webhook", "http://127.0.0.1:\(port)/send?key=k", "--attempts", "3",
                                      "--retry-delay", "0.2"])
            #expect(result.status == 1 && result.stdout.isEmpty)
            #expect(result.stderr.contains("推送失败（已尝试3次）") && result.stderr.contains("HTTP 500"), "\(result.stderr)")
            #expect(Date().timeIntervalSince(started) >= 0.6, "waits 0.2 s, then 0.4 s between the attempts")
        }
        #expect(robot.received.count == 3)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("# 周汇报"))
    }

    /// A refusal that retrying cannot fix (a wrong key) is not retried.
    @Test func aRefusedKeyIsNotRetried() async throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let robot = RobotServer(replies: [(200, #"{"errcode":93000,"errmsg":"invalid webhook url"}"#)])
        try await robot.serve { port in
            let result = try await cli.runAsync(["digest", "--on", "2024-08-26", "--webhook", "http://127.0.0.1:\(port)/send?key=bad",
                                      "--retry-delay", "0"])
            #expect(result.status == 1 && result.stderr.contains("errcode 93000"), "\(result.stderr)")
        }
        #expect(robot.received.count == 1)
    }

    /// `--mail` pipes one MIME message to `sendmail -t -i` (a stand-in script on PATH records it): UTF-8 subject as
    /// RFC 2047 words, multipart/alternative with the text and HTML reports, base64.
    @Test func mailsAMIMEMessageThroughSendmail() throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let bin = try standInSendmail(in: cli, exitStatus: 0)
        let result = try CLI.execute(CLI.binary, [
            "digest", "--db", cli.databasePath, "--on", "2024-08-26", "--mail", "office@example.org",
            "--mail", "chief@example.org", "--mail-from", "wagecase@example.org",
        ], environment: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result.stderr)")
        let arguments = try String(contentsOf: bin.appendingPathComponent("args"), encoding: .utf8)
        #expect(arguments == "-t -i\n")
        let mail = try String(contentsOf: bin.appendingPathComponent("mail.eml"), encoding: .utf8)
        let (headers, body) = try #require(split(mail))
        #expect(headers.contains("To: office@example.org, chief@example.org"))
        #expect(headers.contains("From: wagecase@example.org") && headers.contains("MIME-Version: 1.0"))
        let subject = try #require(headers.split(separator: "\r\n").first { $0.hasPrefix("Subject: ") })
        #expect(subject.hasPrefix("Subject: =?UTF-8?B?"))
        let decodedSubject = headers.components(separatedBy: "Subject: ")[1].components(separatedBy: "\r\nDate:")[0]
            .components(separatedBy: "\r\n ").map { word in
                String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
            }.joined()
        #expect(decodedSubject == "周汇报（2024年8月19日—2024年8月25日）")
        let boundary = try #require(headers.components(separatedBy: "boundary=\"").last?.components(separatedBy: "\"").first)
        let parts = body.components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4 && parts[3].hasPrefix("--"))
        let text = try cli.run(["digest", "--on", "2024-08-26"]).stdout
        let html = try cli.run(["digest", "--on", "2024-08-26", "--format", "html"]).stdout
        for (part, type, expected) in [(parts[1], "text/plain", text), (parts[2], "text/html", html)] {
            let (partHeaders, encoded) = try #require(split(part.trimmingPrefix("\r\n").description))
            #expect(partHeaders.contains("Content-Type: \(type); charset=UTF-8"))
            #expect(partHeaders.contains("Content-Transfer-Encoding: base64"))
            let lines = encoded.split(separator: "\r\n")
            #expect(lines.allSatisfy { $0.count <= 76 })
            let decoded = Data(base64Encoded: lines.joined())
            #expect(decoded.map { String(decoding: $0, as: UTF8.self) } == expected)
        }
    }

    /// A sendmail that fails is retried, then the command exits 1 with its status and what it said.
    @Test func failingSendmailIsRetriedThenReported() throws {
        let cli = try sampleCLI()
        defer { cli.cleanUp() }
        let bin = try standInSendmail(in: cli, exitStatus: 75)
        let result = try CLI.execute(CLI.binary, [
            "digest", "--db", cli.databasePath, "--on", "2024-08-26", "--mail", "office@example.org",
            "--attempts", "2", "--retry-delay", "0", "--lang", "en",
        ], environment: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(result.stderr.contains("mail delivery failed after 2 attempts"), "\(result.stderr)")
        #expect(result.stderr.contains("status 75") && result.stderr.contains("queue unavailable"))
        let runs = try String(contentsOf: bin.appendingPathComponent("runs"), encoding: .utf8)
        #expect(runs == "run\nrun\n")
    }

    /// A sendmail that gives up before reading a message larger than a pipe holds (600 projects in progress
    /// with no guarantee: 600 alerts listed) is reported with its status — no crash by SIGPIPE, no hang on a
    /// full pipe (`timeout` would end the run with 124).
    @Test func sendmailExitingBeforeReadingIsReported() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["init"]).status == 0)
        let projects = cli.directory.appendingPathComponent("projects.csv").path
        try ("项目名称,施工单位,统一社会信用代码,项目状态\n"
            + (1...600).map { "在建项目\($0),甘肃平川建设工程有限公司,91620403MA71XY2Q0J,在建\n" }.joined())
            .write(toFile: projects, atomically: true, encoding: .utf8)
        #expect(try cli.run(["import", "projects", projects]).status == 0)
        let bin = cli.directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho 'cannot connect to relay' >&2\nexit 1\n".write(
            to: bin.appendingPathComponent("sendmail"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("sendmail").path)
        let result = try CLI.execute(URL(fileURLWithPath: "/usr/bin/timeout"), [
            "30", CLI.binary.path, "digest", "--db", cli.databasePath, "--limit", "1000", "--mail", "office@example.org",
            "--attempts", "1", "--lang", "en",
        ], environment: ["PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(result.status == 1, "status \(result.status): 124 is a hang, 141 a SIGPIPE")
        #expect(result.stderr.contains("mail delivery failed after 1 attempt: ") && result.stderr.contains("cannot connect to relay"))
    }

    /// A `sendmail` script that records its arguments and input, counts its runs and exits with `exitStatus`.
    private func standInSendmail(in cli: CLI, exitStatus: Int) throws -> URL {
        let bin = cli.directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let script = bin.appendingPathComponent("sendmail")
        try """
            #!/bin/sh
            echo "$@" > "\(bin.path)/args"
            cat > "\(bin.path)/mail.eml"
            echo run >> "\(bin.path)/runs"
            [ \(exitStatus) -eq 0 ] || echo "queue unavailable" >&2
            exit \(exitStatus)

            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return bin
    }

    private func split(_ message: String) -> (headers: String, body: String)? {
        guard let range = message.range(of: "\r\n\r\n") else { return nil }
        return (String(message[..<range.lowerBound]), String(message[range.upperBound...]))
    }
}
