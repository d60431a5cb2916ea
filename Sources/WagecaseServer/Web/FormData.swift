import Foundation
import WagecaseCore

/// A posted form (application/x-www-form-urlencoded): each name with its values in the order sent. Field names
/// are the API's JSON field names (`source`, `received`, `id_number`, `claimed`, …).
struct FormData: Sendable {
    private(set) var values: [String: [String]] = [:]

    init() {}

    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    mutating func append(_ name: String, _ value: String) { values[name, default: []].append(value) }

    /// The first value, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    /// Every value of a repeated field, untrimmed (rows of a table keep their positions).
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The form as sent, for filling it in again after a refusal.
    var echo: [String: String] { values.compactMapValues { $0.first } }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// A member unit chosen in a select (its record number), as the store's reference "#id"; a missing or
    /// malformed choice is refused naming the field.
    func unitReference(_ name: String) throws(WagecaseError) -> String {
        guard let text = self[name], let id = Int64(text), id > 0 else {
            throw .invalidField(field: name, value: self[name] ?? "", reason: "is not a member unit",
                                allowed: "one of the member units listed")
        }
        return "#\(id)"
    }
}
