import Foundation

/// A document number (文号) from the office's pattern for its kind: `{year}` is the year the document is made,
/// `{n}` its sequence within that kind and year, e.g. 平检民支〔{year}〕{n}号 → 平检民支〔2026〕3号 (domain.md §10).
public enum DocumentNumber {
    /// Refuses a pattern without exactly one `{n}`, with an unknown placeholder, or too long to print on one line.
    public static func validatePattern(_ pattern: String, field: String) throws(WagecaseError) -> String {
        let text = pattern.trimmingWhitespace()
        guard (1...60).contains(text.count), !text.contains(where: \.isNewline) else {
            throw .invalidField(field: field, value: pattern, reason: "is not a document number pattern",
                                allowed: "one line of 1 to 60 characters, such as 平检民支〔{year}〕{n}号")
        }
        let withoutKnown = text.replacingOccurrences(of: "{year}", with: "").replacingOccurrences(of: "{n}", with: "")
        guard text.components(separatedBy: "{n}").count == 2,
              !withoutKnown.contains("{"), !withoutKnown.contains("}") else {
            throw .invalidField(field: field, value: pattern, reason: "is not a document number pattern",
                                allowed: "the placeholder {n} exactly once and optionally {year}, such as 平检民支〔{year}〕{n}号")
        }
        return text
    }

    /// The number for the `sequence`th document of `year`.
    public static func format(_ pattern: String, year: Int, sequence: Int64) -> String {
        pattern.replacingOccurrences(of: "{year}", with: String(year))
            .replacingOccurrences(of: "{n}", with: String(sequence))
    }
}
