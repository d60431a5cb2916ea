import Foundation
import Testing

/// The README's CLI tour and API example run as written, so the document cannot drift from the product.
///
/// The convention, stated in the README beside the blocks:
/// - A fenced block directly after an HTML comment `<!-- readme-test: tour … -->` is part of the CLI tour. The
///   tour's blocks run in order on one new database: each `$ wagecase …` line (with `\` continuations joined) is
///   run by bash in an empty directory, `wagecase` being the binary just built, with no `--db` (so the database
///   is `./wagecase.sqlite`, as for a reader). Lines starting with `#` are comments; the other lines are the
///   output shown, compared with what the command prints on stdout and stderr together: `…` stands for any number
///   of lines, runs of spaces are one space, timestamps (`2026-11-25T19:44:14+08:00`) match any timestamp and the
///   user running the test is `root`, as in the README. A command shown with no output must print nothing.
/// - A command exits 0, unless its only output shown is a refusal (`wagecase: …`), which must exit 2, or its
///   line ends in `; echo "exit $?"`, whose `exit N` line shown gives the status.
/// - A block directly after `<!-- readme-test: api … -->` runs after the tour, on its database: its
///   `wagecase serve` line in the background on a free port (standing for 8080), the other commands in order in
///   one bash; every curl must be answered 2xx.
/// - A ```text block with `$ wagecase` lines and no marker is an error, so a new tour block cannot be left out.
@Suite("The README runs as written")
struct ReadmeTests {
    static let readme = CLI.packageRoot.appendingPathComponent("README.md")

    struct Block {
        let kind: String
        /// 1-based line number of the block's first content line in README.md.
        let firstLine: Int
        let lines: [String]
    }

    struct Step {
        let command: String
        let shown: [String]
        let expectedStatus: Int32
        let line: Int
    }

    // MARK: Reading the README

    /// The fenced blocks marked `<!-- readme-test: KIND … -->`, in order; unmarked ```text blocks that hold
    /// `$ wagecase` lines are reported as issues.
    static func markedBlocks(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Block] {
        let lines = text.components(separatedBy: "\n")
        var blocks: [Block] = []
        var pendingKind: String?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("<!-- readme-test:") {
                let rest = line.dropFirst("<!-- readme-test:".count).trimmingCharacters(in: .whitespaces)
                pendingKind = String(rest.prefix { $0.isLetter || $0 == "-" })
                while !lines[index].contains("-->") && index + 1 < lines.count { index += 1 }
                index += 1
                continue
            }
            if line.hasPrefix("```") {
                let fence = line
                var content: [String] = []
                index += 1
                let first = index + 1
                while index < lines.count && !lines[index].hasPrefix("```") {
                    content.append(lines[index])
                    index += 1
                }
                if let kind = pendingKind {
                    blocks.append(Block(kind: kind, firstLine: first, lines: content))
                } else if fence == "```text" && content.contains(where: { $0.hasPrefix("$ wagecase") }) {
                    Issue.record("README.md:\(first): a block of `$ wagecase` lines has no <!-- readme-test: … --> marker",
                                 sourceLocation: sourceLocation)
                }
                pendingKind = nil
                index += 1
                continue
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { pendingKind = nil }  // a marker must touch its block
            index += 1
        }
        return blocks
    }

    /// The tour's commands with their output shown and expected status.
    static func steps(_ block: Block) throws -> [Step] {
        var steps: [(command: String, shown: [String], line: Int)] = []
        var index = 0
        while index < block.lines.count {
            let line = block.lines[index]
            let lineNumber = block.firstLine + index
            index += 1
            if line.hasPrefix("$ ") {
                var command = String(line.dropFirst(2))
                while command.hasSuffix("\\") && index < block.lines.count {
                    command = command.dropLast().trimmingCharacters(in: .whitespaces) + " "
                        + block.lines[index].trimmingCharacters(in: .whitespaces)
                    index += 1
                }
                guard command.hasPrefix("wagecase ") else {
                    throw ReadmeFailure("README.md:\(lineNumber): a tour command that is not wagecase: \(command)")
                }
                steps.append((command, [], lineNumber))
            } else if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                continue
            } else {
                guard !steps.isEmpty else { throw ReadmeFailure("README.md:\(lineNumber): output before any command") }
                steps[steps.count - 1].shown.append(line)
            }
        }
        let echoStatus = #"; echo "exit $?""#
        return try steps.map { step in
            var command = step.command, shown = step.shown
            var status: Int32 = 0
            if command.hasSuffix(echoStatus) {
                command.removeLast(echoStatus.count)
                guard let last = shown.last, last.hasPrefix("exit "), let code = Int32(last.dropFirst(5)) else {
                    throw ReadmeFailure("README.md:\(step.line): `; echo \"exit $?\"` but no `exit N` line shown")
                }
                shown.removeLast()
                status = code
            } else if shown.count == 1 && shown[0].hasPrefix("wagecase: ") {
                status = 2
            }
            return Step(command: command, shown: shown, expectedStatus: status, line: step.line)
        }
    }

    /// The commands of a shell block: `\`-newline continues a line, quotes may span lines, `#` at the start of a
    /// word begins a comment.
    static func shellCommands(_ block: Block) -> [String] {
        var commands: [String] = []
        var current = ""
        var quote: Character?
        var characters = Array(block.lines.joined(separator: "\n"))[...]
        while let character = characters.popFirst() {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                current.append(character)
            case "\\" where characters.first == "\n":
                characters.removeFirst()
                current.append(" ")
            case "#" where current.isEmpty || current.last!.isWhitespace:
                while let next = characters.first, next != "\n" { characters.removeFirst() }
            case "\n":
                let command = current.trimmingCharacters(in: .whitespaces)
                if !command.isEmpty { commands.append(command) }
                current = ""
            default:
                current.append(character)
            }
        }
        let command = current.trimmingCharacters(in: .whitespaces)
        if !command.isEmpty { commands.append(command) }
        return commands
    }

    // MARK: Comparing output

    static let user: String = {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "root"
    }()

    static func normalised(_ line: String) -> String {
        let timestamp = try! Regex(#"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})"#)
        return line.replacing(timestamp, with: "<time>")
            .split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map { $0 == user ? "root" : String($0) }
            .joined(separator: " ")
    }

    /// Whether `actual` is `shown`, with each `…` line standing for any number of lines.
    static func matches(_ shown: [String], _ actual: [String]) -> Bool {
        let pattern = shown.map { $0.trimmingCharacters(in: .whitespaces) == "…" ? nil : normalised($0) }
        let lines = actual.map(normalised)
        // matched[i][j]: pattern[i...] matches lines[j...]
        var matched = Array(repeating: Array(repeating: false, count: lines.count + 1), count: pattern.count + 1)
        matched[pattern.count][lines.count] = true
        for i in stride(from: pattern.count - 1, through: 0, by: -1) {
            for j in stride(from: lines.count, through: 0, by: -1) {
                if let expected = pattern[i] {
                    matched[i][j] = j < lines.count && lines[j] == expected && matched[i + 1][j + 1]
                } else {
                    matched[i][j] = matched[i + 1][j] || (j < lines.count && matched[i][j + 1])
                }
            }
        }
        return matched[0][0]
    }

    // MARK: Running

    struct Output {
        let status: Int32
        let text: String
        let exited: Bool
    }

    /// The environment a reader has: the built `wagecase` first on PATH, no WAGECASE_DB.
    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["WAGECASE_DB"] = nil
        environment["PATH"] = CLI.binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        return environment
    }

    /// `script` run by bash in `directory`, stdout and stderr in one stream as on a terminal.
    static func bash(_ script: String, in directory: URL, environment extra: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = directory
        process.environment = environment().merging(extra) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self),
                      exited: process.terminationReason == .exit)
    }

    /// Runs the tour's blocks in order in `directory`. Returns what did not go as the README says, and whether the
    /// tour ran to its end (it stops at a command that exits otherwise than the README implies: later commands
    /// would run on the wrong database).
    static func runTour(_ blocks: [Block], in directory: URL) throws -> (failures: [String], completed: Bool) {
        var failures: [String] = []
        for block in blocks where block.kind == "tour" {
            for step in try steps(block) {
                let comment = "README.md:\(step.line): $ \(step.command)"
                guard !step.command.contains("…") else {
                    return (failures + ["\(comment)\na command with a placeholder (…) cannot run"], false)
                }
                let output = try bash(step.command, in: directory)
                var actual = output.text.components(separatedBy: "\n")
                while actual.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { actual.removeLast() }
                guard output.exited && output.status == step.expectedStatus else {
                    return (failures + ["\(comment)\nexited \(output.status), the README implies \(step.expectedStatus):\n\(output.text)"], false)
                }
                if !matches(step.shown, actual) {
                    failures.append("""
                        \(comment)
                        the README shows:
                        \(step.shown.joined(separator: "\n"))
                        the command printed:
                        \(actual.joined(separator: "\n"))
                        """)
                }
            }
        }
        return (failures, true)
    }

    struct APIRun: Sendable {
        var serverStarted = false
        var serverLog = ""
        var script: Output?
        var statuses: [Int] = []
        var answers: [String] = []
        var stoppedCleanly = false
    }

    /// Runs the API block in `directory` (on the tour's database): the serve line in the background on `port`, the
    /// other commands in one bash, each curl's status and body kept; then stops the server with SIGTERM.
    static func runAPI(serve: String, rest: [String], port: Int, in directory: URL) throws -> APIRun {
        var run = APIRun()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/bin/bash")
        server.arguments = ["-c", "exec " + serve]
        server.currentDirectoryURL = directory
        server.environment = environment()
        let log = directory.appendingPathComponent("serve.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        server.standardOutput = try FileHandle(forWritingTo: log)
        server.standardError = server.standardOutput
        try server.run()
        defer {
            if server.isRunning { server.terminate(); server.waitUntilExit() }
        }
        for _ in 0..<150 where !run.serverStarted {
            let probe = try bash("curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:\(port)/healthz", in: directory)
            run.serverStarted = probe.text == "200"
            if !run.serverStarted { Thread.sleep(forTimeInterval: 0.1) }
        }
        run.serverLog = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        guard run.serverStarted else { return run }

        // Each curl's status and body go to files; the README's commands are otherwise run as written.
        let script = """
            set -euo pipefail
            n=0
            curl() { n=$((n + 1)); command curl -sS --max-time 20 -o "answer.$n" -w '%{http_code}\\n' "$@" >> statuses; }
            \(rest.joined(separator: "\n"))
            """
        run.script = try bash(script, in: directory)
        run.statuses = (try? String(contentsOf: directory.appendingPathComponent("statuses"), encoding: .utf8))?
            .split(separator: "\n").compactMap { Int($0) } ?? []
        run.answers = run.statuses.indices.map {
            (try? String(contentsOf: directory.appendingPathComponent("answer.\($0 + 1)"), encoding: .utf8)) ?? ""
        }
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        run.stoppedCleanly = server.terminationReason == .exit && server.terminationStatus == 0
        return run
    }

    // MARK: Tests

    @Test func theCLITourRunsAsWritten() async throws {
        let blocks = Self.markedBlocks(try String(contentsOf: Self.readme, encoding: .utf8))
        let tour = blocks.filter { $0.kind == "tour" }
        #expect(tour.count >= 2, "the README's tour blocks are not marked")
        #expect(try tour.flatMap(Self.steps).count >= 25, "the tour has lost commands")
        let cli = try CLI()
        defer { cli.cleanUp() }
        let directory = cli.directory
        let outcome = try await CLI.offThePool { try Self.runTour(blocks, in: directory) }
        for failure in outcome.failures { Issue.record(Comment(rawValue: failure)) }
        #expect(outcome.completed)
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("wagecase.sqlite").path))
    }

    @Test func theAPIExampleRunsOnTheToursDatabase() async throws {
        let blocks = Self.markedBlocks(try String(contentsOf: Self.readme, encoding: .utf8))
        let api = try #require(blocks.first { $0.kind == "api" }, "the README's API example is not marked")
        let cli = try CLI()
        defer { cli.cleanUp() }
        let directory = cli.directory
        let tour = try await CLI.offThePool { try Self.runTour(blocks, in: directory) }
        try #require(tour.completed, "the tour failed; the API example needs its database: \(tour.failures)")

        let port = ServerProcess.freePort()
        let commands = Self.shellCommands(api).map { $0.replacingOccurrences(of: "8080", with: String(port)) }
        let serve = try #require(commands.first { $0.hasPrefix("wagecase serve ") }, "no wagecase serve line")
        let rest = commands.filter { $0 != serve }
        let curls = rest.filter { $0.hasPrefix("curl ") }
        #expect(curls.count >= 2)

        let run = try await CLI.offThePool { try Self.runAPI(serve: serve, rest: rest, port: port, in: directory) }
        try #require(run.serverStarted, "the README's serve line did not start a server: \(run.serverLog)")
        #expect(run.script?.status == 0, "the README's API example failed: \(run.script?.text ?? "")")
        #expect(run.statuses.count == curls.count, "\(run.statuses) for \(curls)")
        for (index, status) in run.statuses.enumerated() {
            #expect((200..<300).contains(status), "\(curls[index])\n→ \(status) \(run.answers[index])")
        }
        #expect(run.stoppedCleanly, "serve did not stop cleanly on SIGTERM")
    }
}

struct ReadmeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
