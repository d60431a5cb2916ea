import Foundation
import WagecaseCore

/// A rule file or holiday schedule named on the command line, read whole (they are small) or refused naming the
/// file and why, never with Foundation's error text.
enum ConfigurationFile {
    static let sizeLimit = 4 << 20

    static func read(_ path: String) throws(WagecaseError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .invalidField(field: "file", value: path, reason: "does not exist", allowed: "the path of a JSON file")
        }
        guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else {
            throw .invalidField(field: "file", value: path, reason: "cannot be read", allowed: "a JSON file this user may read")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: sizeLimit + 1)) ?? Data()
        guard data.count <= sizeLimit else {
            throw .invalidField(field: "file", value: path, reason: "is larger than 4 MiB", allowed: "a rule or holiday file of at most 4 MiB")
        }
        return data
    }
}
