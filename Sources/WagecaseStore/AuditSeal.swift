import Crypto
import WagecaseCore

/// The hash chain over the audit log, the same on every engine: each entry's hash covers its fields and the hash
/// of the entry before it, so an entry changed or removed afterwards outside the program shows up when the log is
/// walked (`Walk`). The stores write and read the entries; the sealing and the walk are here, once.
public enum AuditSeal {
    /// The "previous hash" of the first entry.
    public static let origin = String(repeating: "0", count: 64)

    /// An entry's fields as sealed: text exactly as stored (timestamps in +08:00, before/after as written).
    public typealias Entry = AuditEntry

    /// SHA-256 of the previous hash and the entry's fields, each written as its byte length, a colon and its
    /// UTF-8 bytes (a missing field as "-"): unambiguous however the fields read, and nothing to escape.
    public static func hash(previous: String, _ entry: Entry) -> String {
        var input: [UInt8] = []
        input.reserveCapacity(160 + (entry.before?.utf8.count ?? 0) + (entry.after?.utf8.count ?? 0))
        func field(_ text: String?) {
            guard let text else { input.append(UInt8(ascii: "-")); return }
            input.append(contentsOf: String(text.utf8.count).utf8)
            input.append(UInt8(ascii: ":"))
            input.append(contentsOf: text.utf8)
        }
        for text in [previous, String(entry.id), entry.at, entry.actor, entry.action, entry.table,
                     entry.recordID.map { String($0) }, entry.before, entry.after, entry.reason] {
            field(text)
        }
        return Hex.string(SHA256.hash(data: input))
    }

    /// Walks the log in id order: the first entry removed or changed, and the head.
    public struct Walk: Sendable {
        public private(set) var result = AuditVerification(entries: 0)
        private var previous = AuditSeal.origin
        private var expectedID: Int64?

        public init() {}

        public mutating func add(_ entry: Entry, stored: String?) {
            result.entries += 1
            if result.firstBroken == nil {
                if let expectedID, entry.id != expectedID {
                    result.firstBroken = entry.id
                    result.problem = expectedID == entry.id - 1
                        ? "entry #\(expectedID) is missing (removed)"
                        : "entries #\(expectedID)–#\(entry.id - 1) are missing (removed)"
                } else if stored != AuditSeal.hash(previous: previous, entry) {
                    result.firstBroken = entry.id
                    result.problem = "entry #\(entry.id) does not match its hash (changed, or an entry before it removed)"
                }
            }
            previous = stored ?? ""
            expectedID = entry.id + 1
            (result.headID, result.headHash) = (entry.id, stored)
        }
    }
}
