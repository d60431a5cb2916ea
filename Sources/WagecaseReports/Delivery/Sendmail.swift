import Foundation

/// Hands a mail to the system's mail transfer agent: `sendmail -t -i`, reading recipients from the headers.
public struct Sendmail: Sendable {
    public let path: String

    /// `sendmail` from PATH, else the usual /usr/sbin/sendmail or /usr/lib/sendmail.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Sendmail? {
        let candidates = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/sendmail" }
            + ["/usr/sbin/sendmail", "/usr/lib/sendmail"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(Sendmail.init(path:))
    }

    public init(path: String) { self.path = path }

    public func send(_ message: MailMessage, retry: RetryPolicy) async throws(DeliveryError) {
        let text = message.render()
        try await retry.run({ () async throws(AttemptFailure) in try run(text) },
                            failure: { .mail(attempts: $0, reason: $1) })
    }

    private func run(_ text: String) throws(AttemptFailure) {
        // A sendmail that exits before reading the whole message must not kill this process with SIGPIPE: the
        // write fails instead, and the exit status says what happened.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-i"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AttemptFailure(reason: "cannot run \(path): \(error.localizedDescription)", retryable: false)
        }
        // Only the child reads: with this process's copy of the read end closed, a child that exits early makes
        // the write fail at once instead of blocking on a full pipe.
        try? input.fileHandleForReading.close()
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))  // an early exit shows in the status
        try? input.fileHandleForWriting.close()
        let said = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: said, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw AttemptFailure(reason: message.isEmpty ? "\(path) exited with status \(process.terminationStatus)"
                : "\(path) exited with status \(process.terminationStatus): \(message)")
        }
    }
}
