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
        // {year} is required: the sequence starts again each year, so a number without the year would repeat.
        guard text.components(separatedBy: "{n}").count == 2, text.components(separatedBy: "{year}").count == 2,
              !withoutKnown.contains("{"), !withoutKnown.contains("}") else {
            throw .invalidField(field: field, value: pattern, reason: "is not a document number pattern",
                                allowed: "the placeholders {year} and {n} once each, such as 平检民支〔{year}〕{n}号")
        }
        return text
    }

    /// Refuses a pattern another kind already uses: their numbers would collide.
    public static func checkDistinct(_ pattern: String, for setting: Setting,
                                     current: [Setting: String]) throws(WagecaseError) {
        for kind in DocumentKind.allCases where kind.numberSetting != setting {
            let other = current[kind.numberSetting] ?? kind.numberSetting.defaultValue
            if other == pattern {
                throw .invalidField(field: setting.rawValue, value: pattern, reason: "is the pattern of another kind (\(kind))",
                                    allowed: "a pattern of this kind's own, such as a different abbreviation before 〔{year}〕")
            }
        }
    }

    /// The number for the `sequence`th document of `year`.
    public static func format(_ pattern: String, year: Int, sequence: Int64) -> String {
        pattern.replacingOccurrences(of: "{year}", with: String(year))
            .replacingOccurrences(of: "{n}", with: String(sequence))
    }
}
