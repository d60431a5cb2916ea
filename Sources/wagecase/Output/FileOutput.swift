import Foundation
import WagecaseCore
import WagecaseReports

/// Files the CLI reads and writes for documents and evidence.
enum FileOutput {
    /// Writes bytes atomically to `path` ("-" for stdout).
    static func write(_ bytes: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(bytes)
            return
        }
        let file = try AtomicFile(path: path)
        try file.write(bytes: [UInt8](bytes))
        try file.commit()
    }

    /// A file's bytes, or a refusal naming it.
    static func read(_ path: String, field: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WagecaseError.invalidField(field: field, value: path, reason: "cannot be read",
                                             allowed: "the path of a readable file")
        }
        return data
    }
}
