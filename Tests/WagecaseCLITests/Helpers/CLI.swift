import Foundation
import GRDB

/// Runs the built `wagecase` binary as a user would, on a temporary database.
struct CLI {
    let directory: URL
    var databasePath: String { directory.appendingPathComponent("test.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: directory) }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `wagecase` built beside the test bundle.
    static let binary: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<4 {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("wagecase")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/wagecase")
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        /// False when a signal ended the process (a trap is SIGILL or SIGTRAP), whatever `status` says.
        var exited = true
    }

    /// Runs `wagecase ARGS --db <temp>`; environment WAGECASE_DB also points at it.
    @discardableResult
    func run(_ arguments: [String], addDatabase: Bool = true, input: String? = nil) throws -> Result {
        try Self.execute(Self.binary, arguments + (addDatabase ? ["--db", databasePath] : []),
                         environment: ["WAGECASE_DB": databasePath], input: input)
    }

    /// With `input`, that text is the child's standard input; without, it reads an empty one.
    static func execute(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                        input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        // Read before waiting so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), exited: process.terminationReason == .exit)
    }

    /// `execute` on a Dispatch thread, so the wait does not hold one of the cooperative pool's few threads (an
    /// in-process server answering the child needs them).
    static func executeAsync(_ executable: URL, _ arguments: [String],
                             environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result { try execute(executable, arguments, environment: environment) })
            }
        }
    }

    /// Any blocking work (processes, waits, polling) on a Dispatch thread, for the same reason.
    static func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    @discardableResult
    func runAsync(_ arguments: [String]) async throws -> Result {
        try await Self.executeAsync(Self.binary, arguments + ["--db", databasePath], environment: ["WAGECASE_DB": databasePath])
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw CLIFailure(result: result) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// Every row of every table: equal digests mean equal content.
    func contentDigest() throws -> String {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            var out = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").count
                let order = (1...columns).map(String.init).joined(separator: ", ")
                out += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") { out += "\(row)\n" }
            }
            return out
        }
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    let result: CLI.Result
    var description: String { "exit \(result.status): \(result.stderr)" }
}

extension Dictionary where Key == String, Value == Any {
    func int(_ path: String) -> Int? {
        var current: Any? = self
        for key in path.split(separator: ".") { current = (current as? [String: Any])?[String(key)] }
        return (current as? NSNumber)?.intValue
    }
}
