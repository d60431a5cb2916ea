/// Unified social credit code of an organisation (统一社会信用代码, GB 32100): 17 characters and a check character.
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    private static let charset = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    private init(unchecked value: String) { self.value = value }

    /// The check character for 17 characters of the code's set, or nil when one is outside it (for generators and
    /// tests that need valid codes).
    public static func checkCharacter(forFirst17 text: String) -> Character? {
        let characters = Array(text)
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (index, character) in characters.enumerated() {
            guard let value = charset.firstIndex(of: character) else { return nil }
            sum += value * weights[index]
        }
        return charset[(31 - sum % 31) % 31]
    }

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
    /// The card number's digits. Its last digit must check (Luhn, ISO/IEC 7812) unless a reason says why the
    /// number is recorded as written (paperwork has typos that must still be recorded).
    public static func parse(_ text: String, field: String = "bank_card",
                             overrideReason: String? = nil) throws(WagecaseError) -> String {
        let digits = normalizeWidth(text).filter { !$0.isWhitespace && $0 != "-" }
        guard (12...19).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalidField(field: field, value: quotable(text), reason: "is not a card number",
                                allowed: "12 to 19 digits (spaces and dashes are ignored)")
        }
        if !passesLuhn(digits) && (overrideReason ?? "").trimmingWhitespace().isEmpty {
            throw .invalidField(field: field, value: quotable(text), reason: "fails the card number's check digit (Luhn)",
                                allowed: "the number as printed on the card; if the paper really says so, record it with an override reason")
        }
        return digits
    }

    /// The Luhn check of a card number: from the right, every second digit doubled (less 9 above 9), the sum a
    /// multiple of 10.
    public static func passesLuhn(_ digits: String) -> Bool {
        var sum = 0
        for (position, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue, character.isASCII else { return false }
            let value = position % 2 == 1 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        return !digits.isEmpty && sum % 10 == 0
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
    /// `value` (width-normalised, trimmed) in its stored form, or nil when it is neither a mobile number nor a
    /// landline with an area code.
    static func stored(_ value: String) -> String? {
        let allowed = Set("0123456789+-() ")
        // A number abroad (+1 …) is not one this office can call or a worker here has.
        guard value.allSatisfy(allowed.contains), !value.hasPrefix("+") || value.hasPrefix("+86") else { return nil }
        var digits = value.filter(\.isNumber)
        if value.hasPrefix("+86") || value.hasPrefix("0086") || (digits.count == 13 && digits.hasPrefix("861")) {
            digits.removeFirst(value.hasPrefix("0086") ? 4 : 2)
        }
        if digits.count == 11, digits.hasPrefix("1"), let second = digits.dropFirst().first, "3456789".contains(second) {
            return digits
        }
        guard digits.hasPrefix("0") else { return nil }
        // Area codes: 010 and 02X have three digits, the rest four; a separator typed after it is taken as given.
        var area = digits.hasPrefix("010") || digits.hasPrefix("02") ? 3 : 4
        let parts = value.split(whereSeparator: { "-() ".contains($0) })
        if parts.count == 2, let first = parts.first, first.hasPrefix("0"), (3...4).contains(first.count) { area = first.count }
        let local = digits.dropFirst(area)
        guard (7...8).contains(local.count), local.first != "0" else { return nil }
        return "\(digits.prefix(area))-\(local)"
    }

    public static func mask(_ value: String) -> String {
        // Stored numbers are ASCII: mask their bytes without building Characters.
        if value.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(value.utf8)
            let isPosition: (UInt8) -> Bool = { (0x30...0x39).contains($0) || $0 == UInt8(ascii: "*") }
            let positions = bytes.lazy.filter(isPosition).count
            let keepFront = positions >= 11 ? 3 : 0
            var seen = 0
            let masked = bytes.map { byte -> UInt8 in
                guard isPosition(byte) else { return byte }
                seen += 1
                return positions > 4 && (seen <= keepFront || seen > positions - 4) ? byte : UInt8(ascii: "*")
            }
            return String(decoding: masked, as: UTF8.self)
        }
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
