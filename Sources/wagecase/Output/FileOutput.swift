import Foundation
import WagecaseCore
import WagecaseImport
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

    /// A text file (UTF-8, or GBK/GB18030 as Chinese offices save it) of at most `maxBytes`, or a refusal naming it.
    static func readText(_ path: String, field: String, maxBytes: Int = 1 << 20) throws -> String {
        let data = try read(path, field: field)
        guard data.count <= maxBytes else {
            throw WagecaseError.invalidField(field: field, value: path, reason: "is larger than \(maxBytes / 1024) KB",
                                             allowed: "a text file of at most \(maxBytes / 1024) KB")
        }
        if let text = TextDecoding.decode(data) { return text }
        throw WagecaseError.invalidField(field: field, value: path, reason: "is not text",
                                         allowed: "a text file in UTF-8 or GB18030")
    }
}
