/// Unified social credit code of an organisation (统一社会信用代码, GB 32100): 17 characters and a check character.
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    private static let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    private init(unchecked value: String) { self.value = value }

    /// Validates the shape and the check character; `overrideReason` accepts a wrong check character only.
    public static func parse(_ text: String, field: String = "credit_code",
                             overrideReason: String? = nil) throws(WagecaseError) -> CreditCode {
        let raw = normalizeWidth(text.trimmingWhitespace()).uppercased()
        let allowed: Phrase = "18 characters from 0-9 and A-Y without I, O, S, V, Z, the last a check character (GB 32100)"
        func fail(_ reason: Phrase) -> WagecaseError {
            .invalidField(field: field, value: text, reason: reason, allowed: allowed)
        }
        if raw.isEmpty { throw fail("is empty") }
        let characters = Array(raw)
        guard characters.count == 18 else { throw fail("has \(characters.count) characters") }
        var values: [Int] = []
        for character in characters {
            guard let index = charset.firstIndex(of: character) else {
                throw fail("contains \"\(character)\", which is not in the code's character set")
            }
            values.append(index)
        }
        var sum = 0
        for index in 0..<17 { sum += values[index] * weights[index] }
        let expected = charset[(31 - sum % 31) % 31]
        if expected != characters[17] {
            let reason = overrideReason?.trimmingWhitespace() ?? ""
            if reason.isEmpty {
                throw fail("fails the check character (expected \(expected), found \(characters[17])); if the paper really says so, record it with an override reason")
            }
        }
        return CreditCode(unchecked: raw)
    }

    /// True when the check character matches; false for codes accepted with an override.
    public var checksumIsValid: Bool { (try? CreditCode.parse(value)) != nil }

    public var description: String { value }
}

/// Bank card numbers are shown as their last 4 digits unless revealed.
public enum BankCard {
    public static func parse(_ text: String, field: String = "bank_card") throws(WagecaseError) -> String {
        let digits = normalizeWidth(text).filter { !$0.isWhitespace && $0 != "-" }
        guard (12...19).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidField(field: field, value: quotable(text), reason: "is not a card number",
                                allowed: "12 to 19 digits (spaces and dashes are ignored)")
        }
        return digits
    }

    /// Input as a refusal may quote it: a long run of digits is masked like a stored card.
    public static func quotable(_ text: String) -> String {
        text.filter(\.isNumber).count >= 12 ? mask(text) : text
    }

    public static func mask(_ value: String) -> String {
        guard value.count > 4 else { return String(repeating: "*", count: value.count) }
        return String(repeating: "*", count: value.count - 4) + String(value.suffix(4))
    }
}

/// Phone numbers are shown with their middle digits hidden unless revealed: 139****1234 for a number of 11 digits or
/// more, ****1234 for a shorter one. Only digits are hidden, separators stay; masking a masked number changes nothing.
public enum PhoneNumber {
    public static func mask(_ value: String) -> String {
        let isPosition: (Character) -> Bool = { $0.isNumber || $0 == "*" }
        let positions = value.filter(isPosition).count
        guard positions > 4 else { return String(value.map { isPosition($0) ? "*" : $0 }) }
        let keepFront = positions >= 11 ? 3 : 0
        var seen = 0
        return String(value.map { character -> Character in
            guard isPosition(character) else { return character }
            seen += 1
            return seen <= keepFront || seen > positions - 4 ? character : "*"
        })
    }
}
