import Foundation

/// A record that can carry an entity tag: its public form is what every reader may see, so a tag derived from it
/// gives away nothing the body does not (a tag over hidden digits could be inverted by trying candidates).
public protocol Tagged: Encodable {
    associatedtype PublicForm: Encodable
    var publicForm: PublicForm { get }
}

extension Tagged where Self: Maskable {
    public var publicForm: Self { masked() }
}

extension Worker: Tagged {}
extension Clue: Tagged {}
extension WageCase: Tagged {}
extension Employer: Tagged { public var publicForm: Employer { self } }
extension Project: Tagged { public var publicForm: Project { self } }
extension Suggestion: Tagged { public var publicForm: Suggestion { self } }
extension GuaranteeEvent: Tagged { public var publicForm: GuaranteeEvent { self } }
extension Array: Tagged where Element: Tagged {
    public var publicForm: [Element.PublicForm] { map(\.publicForm) }
}

/// Entity tags for optimistic concurrency: a hash of a record's public form as canonical JSON. Two staff editing one
/// record send back the tag they read; a write against a changed record is refused instead of overwriting it.
public enum ETag {
    public static func of<T: Tagged>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value.publicForm)) ?? Data()
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
            return trimmed == "*" || trimmed == current
        }
    }
}
extension Referral: Tagged { public var publicForm: Referral { self } }
extension JointTask: Tagged { public var publicForm: JointTask { self } }
