import Foundation

/// Entity tags for optimistic concurrency: a hash of a record's canonical JSON. Two staff editing one record
/// send back the tag they read; a write against a changed record is refused instead of overwriting it.
public enum ETag {
    public static func of<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data()
        // FNV-1a, 64-bit: stable across runs and platforms, and enough to tell versions of one record apart.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether an If-Match header value matches `current` ("*" matches anything; a list matches any member).
    public static func matches(_ header: String, current: String) -> Bool {
        header.split(separator: ",").contains { tag in
            let trimmed = tag.trimmingCharacters(in: .whitespaces)
            return trimmed == "*" || trimmed == current || trimmed == "W/" + current
        }
    }
}
