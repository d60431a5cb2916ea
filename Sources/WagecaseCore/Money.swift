// Money is integer fen (分) everywhere; parsing and formatting never go through floating point.

/// An amount of money in fen (1 yuan = 100 fen). Never negative in stored records.
public struct Fen: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = Fen(0)

    public static func < (lhs: Fen, rhs: Fen) -> Bool { lhs.value < rhs.value }
    // Saturating: each stored amount is at most `inputLimit`, so only a sum of about a million of the largest
    // amounts could reach the end of Int64; it stops there instead of stopping the program.
    public static func + (lhs: Fen, rhs: Fen) -> Fen {
        let (sum, overflow) = lhs.value.addingReportingOverflow(rhs.value)
        return Fen(overflow ? (rhs.value > 0 ? .max : .min) : sum)
    }

    public static func - (lhs: Fen, rhs: Fen) -> Fen {
        let (difference, overflow) = lhs.value.subtractingReportingOverflow(rhs.value)
        return Fen(overflow ? (rhs.value < 0 ? .max : .min) : difference)
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// "38,000.00" — yuan with two decimals and thousands separators.
    public var yuan: String {
        // Written from the end of a small buffer: lists format thousands of amounts per second. The longest,
        // Int64.min, is 27 characters.
        String(unsafeUninitializedCapacity: 32) { buffer in
            var end = 32
            func put(_ byte: UInt8) {
                end -= 1
                buffer[end] = byte
            }
            var magnitude = value.magnitude
            for _ in 0..<2 {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            }
            put(UInt8(ascii: "."))
            var written = 0
            repeat {
                if written > 0 && written % 3 == 0 { put(UInt8(ascii: ",")) }
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
                written += 1
            } while magnitude > 0
            if value < 0 { put(UInt8(ascii: "-")) }
            let count = 32 - end
            for index in 0..<count { buffer[index] = buffer[end + index] }
            return count
        }
    }

    /// Amount in 万元 rounded half-up to `decimals` places, e.g. 3.8 for ¥38,000.00 with one decimal.
    public func wan(decimals: Int) -> String {
        precondition((0...6).contains(decimals))
        let sign = value < 0 ? "-" : ""
        var unit: UInt64 = 1_000_000  // fen per 万元
        for _ in 0..<decimals { unit /= 10 }
        let scaled = (value.magnitude + unit / 2) / unit
        guard decimals > 0 else { return sign + String(scaled) }
        var divisor: UInt64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        let fraction = String(scaled % divisor)
        let padded = String(repeating: "0", count: decimals - fraction.count) + fraction
        return sign + String(scaled / divisor) + "." + padded
    }

    /// 万元 with up to `maxDecimals` places and no trailing zeros, as reports write it: 3.8 for ¥38,000.00.
    public func wanCompact(maxDecimals: Int = 2) -> String {
        var text = wan(decimals: maxDecimals)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// As reports write a total: 万元 for sums of 万 and more ("3.8万元"), yuan below what 万元 can show, and
    /// nothing recovered reads "0元" (never "0万元").
    public var wanYuan: String {
        if value == 0 { return "0元" }
        let wan = wanCompact()
        return wan == "0" || wan == "-0" ? "\(yuan)元" : "\(wan)万元"
    }

    public var description: String { "¥" + yuan }
}

extension Fen {
    /// Largest amount accepted from input: ¥100,000,000,000.00 (far above any wage claim or deposit,
    /// far below Int64 overflow when summed).
    public static let inputLimit = Fen(10_000_000_000_000)

    /// Parses an amount in yuan as people write it: "38000", "38,000.00", "3.8万", "3.8万元", "¥38,000.00", "38000元".
    /// At most two decimals (four with 万, which is still whole fen); no sign, no exponent, no spaces inside.
    public static func parse(_ text: String, field: String) throws(WagecaseError) -> Fen {
        let fail = { (reason: Phrase) in
            WagecaseError.invalidField(
                field: field, value: text, reason: reason,
                allowed: "a non-negative amount in yuan such as 38000, 38,000.00 or 3.8万 (at most 2 decimals)")
        }
        var body = Substring(text.trimmingWhitespace())
        if body.isEmpty { throw fail("is empty") }
        if body.hasPrefix("¥") || body.hasPrefix("￥") { body = body.dropFirst() }
        if body.hasSuffix("元") { body = body.dropLast() }  // "38000元", "3.8万元"
        var multiplierDigits = 2  // decimal places that make whole fen: yuan → 2
        if body.hasSuffix("万") {
            body = body.dropLast()
            multiplierDigits = 6
            if body.hasSuffix("元") { throw fail("has 元 before 万") }
        }
        if body.hasPrefix("-") { throw fail("is negative") }
        if body.isEmpty { throw fail("has no digits") }
        let parts = body.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count > 2 { throw fail("has more than one decimal point") }
        let wholePart = parts[0]
        let fractionPart = parts.count == 2 ? parts[1] : ""
        if wholePart.isEmpty { throw fail("has no digits before the decimal point") }
        if parts.count == 2 && fractionPart.isEmpty { throw fail("ends with a decimal point") }
        if wholePart.utf8.contains(UInt8(ascii: ",")) {
            let groups = wholePart.split(separator: ",", omittingEmptySubsequences: false)
            let wellGrouped = groups.first.map { (1...3).contains($0.count) } == true
                && groups.dropFirst().allSatisfy { $0.count == 3 }
            if !wellGrouped { throw fail("has misplaced thousands separators") }
        }
        let wholeDigits = wholePart.filter { $0 != "," }
        guard wholeDigits.allSatisfy({ $0.isASCII && $0.isNumber }),
              fractionPart.allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw fail("contains characters other than digits, one decimal point and thousands separators") }
        if fractionPart.count > multiplierDigits {
            throw fail(multiplierDigits == 2
                ? "has more than 2 decimals (fen is the smallest unit)"
                : "has more than 6 decimals of 万 (fen is the smallest unit)")
        }
        // 12 digits keep the multiplication below Int64.max even with 万 (10^12 × 10^6 fen).
        if wholeDigits.count > 12 { throw fail("is larger than \(inputLimit.yuan) yuan") }
        var fen: Int64 = 0
        for digit in wholeDigits { fen = fen * 10 + Int64(digit.wholeNumberValue!) }
        var scale: Int64 = 1
        for _ in 0..<multiplierDigits { scale *= 10 }
        fen *= scale
        var fractionScale = scale
        for digit in fractionPart {
            fractionScale /= 10
            fen += Int64(digit.wholeNumberValue!) * fractionScale
        }
        let result = Fen(fen)
        if result > inputLimit { throw fail("is larger than \(inputLimit.yuan) yuan") }
        return result
    }
}

extension StringProtocol {
    /// Trims ASCII and full-width (U+3000) whitespace.
    func trimmingWhitespace() -> String {
        // Most text has no space at either end: decide on the end bytes and the last scalar's lead before walking
        // Characters (every whitespace character starts with an ASCII space or control byte, or C2, E1, E2, E3).
        let text = String(self)
        if let first = text.utf8.first, let last = text.utf8.last {
            let firstMayBeSpace = first <= 0x20 || first == 0xC2 || (0xE1...0xE3).contains(first)
            let lastMayBeSpace: Bool
            if last < 0x80 {
                lastMayBeSpace = last <= 0x20
            } else {
                // An ideograph (lead byte E4–E9) is neither a space nor a mark that could sit on one; anything else
                // is decided by its characters.
                let lead = text.utf8.reversed().first { $0 & 0xC0 != 0x80 } ?? 0
                lastMayBeSpace = !(0xE4...0xE9).contains(lead)
            }
            if !firstMayBeSpace && !lastMayBeSpace { return text }
        }
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        var scalars = Substring(self)
        while let first = scalars.first, isSpace(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, isSpace(last) { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
