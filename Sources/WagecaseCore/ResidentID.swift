/// Resident identity number (居民身份证号, GB 11643): 17 digits and a check character.
public struct ResidentID: Sendable, Hashable, CustomStringConvertible {
    /// The 18-character canonical form, check character upper-case.
    public let value: String

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")

    private init(unchecked value: String, checksumIsValid: Bool? = nil) {
        self.value = value
        if let checksumIsValid {
            self.checksumIsValid = checksumIsValid
        } else {
            let characters = Array(value)
            self.checksumIsValid = characters.count == 18 && Self.checkCharacter(Array(characters[0..<17])) == characters[17]
        }
    }

    /// Validates an 18-character number (or upgrades a 15-character one): digits, a real birth date and the
    /// check character. `overrideReason` accepts a wrong check character for real paperwork with typos; the
    /// shape (18 characters, digits, birth date) is still required so the number stays searchable.
    public static func parse(_ text: String, field: String = "id_number",
                             overrideReason: String? = nil) throws(WagecaseError) -> ResidentID {
        if let valid = fastParse(text) { return valid }
        let raw = normalizeWidth(text.trimmingWhitespace()).uppercased()
        let allowed: Phrase = "18 characters: 17 digits and a check digit 0-9 or X, with a real birth date (GB 11643)"
        func fail(_ reason: Phrase) -> WagecaseError {
            .invalidField(field: field, value: quotable(text), reason: reason, allowed: allowed)
        }
        if raw.isEmpty { throw fail("is empty") }
        let characters = Array(raw)
        if characters.count == 15 {
            guard characters.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw fail("contains non-digits") }
            let upgraded = String(characters[0..<6]) + "19" + String(characters[6...])
            guard birthDateIsReal(Array(upgraded)) else { throw fail("has no real birth date in it") }
            return ResidentID(unchecked: upgraded + String(checkCharacter(Array(upgraded))))
        }
        guard characters.count == 18 else { throw fail("has \(characters.count) characters") }
        guard characters[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw fail("has non-digits in the first 17 characters")
        }
        let last = characters[17]
        guard (last.isASCII && last.isNumber) || last == "X" else { throw fail("ends in neither a digit nor X") }
        guard birthDateIsReal(characters) else { throw fail("has no real birth date in it (characters 7–14)") }
        let expected = checkCharacter(Array(characters[0..<17]))
        if expected != last {
            let reason = overrideReason?.trimmingWhitespace() ?? ""
            if reason.isEmpty {
                throw fail("fails the check digit (expected \(expected), found \(last)); if the paper really says so, record it with an override reason")
            }
        }
        return ResidentID(unchecked: raw)
    }

    /// The common case on bytes — exactly 18 ASCII characters, a real birth date and the right check character —
    /// with no allocation unless its X is lower case (imports check a million of these); nil sends anything else
    /// through the full parse and its specific error.
    private static func fastParse(_ text: String) -> ResidentID? {
        var bytes = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0),
                     UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
        let utf8 = text.utf8
        guard utf8.count == 18 else { return nil }
        return withUnsafeMutableBytes(of: &bytes) { buffer -> ResidentID? in
            var sum = 0
            var index = 0
            var lowerX = false
            for byte in utf8 {
                defer { index += 1 }
                if index < 17 {
                    guard byte >= 48 && byte <= 57 else { return nil }
                    sum += Int(byte - 48) * weights[index]
                    buffer[index] = byte
                } else {
                    lowerX = byte == UInt8(ascii: "x")
                    buffer[index] = lowerX ? UInt8(ascii: "X") : byte
                }
            }
            guard buffer[17] == checkBytes[sum % 11] else { return nil }
            func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(buffer[$1] - 48) } }
            guard let birth = LocalDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)),
                  birth <= firstDayAsked || birth <= LocalDate.today() else { return nil }
            // The text itself unless its X was lower case: no second string.
            return ResidentID(unchecked: lowerX ? String(decoding: buffer, as: UTF8.self) : text, checksumIsValid: true)
        }
    }

    private static let checkBytes = Array("10X98765432".utf8)
    /// A day that had come when first asked: a birth on or before it is not in the future however long the process
    /// runs (days only move on), so a million-row file reads the clock only for births after it.
    private static let firstDayAsked = LocalDate.today()

    /// True when the check character matches; false for numbers accepted with an override.
    public let checksumIsValid: Bool

    /// First 6 and last 4 visible: "110105********002X".
    public var masked: String { Self.mask(value) }

    public static func mask(_ value: String) -> String {
        // ID numbers are ASCII, so bytes are characters; lists mask thousands of these per second.
        let bytes = Array(value.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let characters = Array(value)
            guard characters.count > 10 else { return String(repeating: "*", count: characters.count) }
            return String(characters[0..<6]) + String(repeating: "*", count: characters.count - 10)
                + String(characters[(characters.count - 4)...])
        }
        guard bytes.count > 10 else { return String(repeating: "*", count: bytes.count) }
        var masked = bytes
        for index in 6..<(bytes.count - 4) { masked[index] = UInt8(ascii: "*") }
        return String(decoding: masked, as: UTF8.self)
    }

    public var description: String { masked }

    /// Input as a refusal may quote it: anything long enough to be a whole number is masked like a stored one,
    /// so no message, problem document or log line carries a full ID number.
    public static func quotable(_ text: String) -> String {
        text.count >= 15 ? mask(text) : text
    }

    /// The GB 11643 check character of the first 17 digits (sample data and test fixtures make valid numbers).
    public static func checkCharacter(forFirst17 digits: String) -> Character? {
        let characters = Array(digits)
        guard characters.count == 17, characters.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return checkCharacter(characters)
    }

    private static func checkCharacter(_ first17: [Character]) -> Character {
        var sum = 0
        for (index, digit) in first17.prefix(17).enumerated() { sum += digit.wholeNumberValue! * weights[index] }
        return checkCharacters[sum % 11]
    }

    private static func birthDateIsReal(_ characters: [Character]) -> Bool {
        let digits = characters[6..<14].compactMap(\.wholeNumberValue)
        guard digits.count == 8 else { return false }
        let year = digits[0..<4].reduce(0) { $0 * 10 + $1 }
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard let birth = LocalDate(year: year, month: month, day: day) else { return false }
        return birth <= LocalDate.today()
    }
}


/// Full-width digits and letters (Ｕ+FF10…) to ASCII; spreadsheets and Chinese input methods produce them.
func normalizeWidth(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
            out.append(ascii)
        } else if scalar.value == 0x3000 {
            out.append(" ")
        } else {
            out.append(scalar)
        }
    }
    return String(out)
}
