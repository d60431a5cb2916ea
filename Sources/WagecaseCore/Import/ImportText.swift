/// Cleaning what spreadsheets hold before validation: full-width letters, digits and punctuation (Ｅｘｃｅｌ on
/// Chinese Windows) become ASCII, the ideographic space a space, and surrounding spaces go.
public enum ImportText {
    /// "１１０１０５ １９４９" → "110105 1949"; "　张三 " → "张三"; a line break inside a cell (Alt+Enter) becomes a
    /// space. Full-width letters and digits always become ASCII; full-width punctuation only in `codes` fields
    /// (numbers, dates, identifiers), since "，" and "（" are ordinary Chinese punctuation in names and addresses.
    public static func normalize(_ text: String, codes: Bool = true) -> String {
        // Only full-width forms (EF BC xx, EF BD xx), the ideographic space (E3 80 80), no-break space (C2 A0)
        // and line breaks need rewriting; most cells, Chinese ones included, have none.
        let needsWork = text.utf8.withContiguousStorageIfAvailable(needsRewriting) ?? needsRewriting(Array(text.utf8))
        if !needsWork { return trimmed(text) }
        var scalars = String.UnicodeScalarView()
        var previousWasBreak = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isBreak = value == 0x0A || value == 0x0D
            defer { previousWasBreak = isBreak }
            switch value {
            case 0x0A, 0x0D: if !previousWasBreak { scalars.append(" ") }
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: scalars.append(Unicode.Scalar(value - 0xFEE0)!)
            case 0xFF01...0xFF5E where codes: scalars.append(Unicode.Scalar(value - 0xFEE0)!)
            case 0x3000, 0x00A0: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return trimmed(String(scalars))
    }

    private static func needsRewriting<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D || (previous == 0xEF && (byte == 0xBC || byte == 0xBD))
                || (beforePrevious == 0xE3 && previous == 0x80 && byte == 0x80) || (previous == 0xC2 && byte == 0xA0) {
                return true
            }
            (beforePrevious, previous) = (previous, byte)
        }
        return false
    }

    /// Whether a text whose first byte is `first` opens with something other than whitespace, decided on that
    /// byte alone (every whitespace character starts with an ASCII space or control byte, or C2, E1, E2 or E3).
    public static func opensVisibly(_ first: UInt8) -> Bool {
        (first > 0x20 && first < 0x7F) || (first >= 0xC3 && !(0xE1...0xE3).contains(first))
    }

    /// Whether a cell holds nothing but whitespace (or nothing).
    public static func isBlank(_ cell: String) -> Bool {
        if let first = cell.utf8.first, opensVisibly(first) { return false }
        return cell.allSatisfy(\.isWhitespace)
    }

    private static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last,
              first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D
                || last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D else { return text }
        return String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// A heading reduced to what identifies it: normalized, no spaces or asterisks (required-field marks), no
    /// bracketed unit such as "（元）" or "(yyyy-mm-dd)", lower case.
    public static func headingKey(_ heading: String) -> String {
        var out = ""
        var depth = 0
        for character in normalize(heading) {
            switch character {
            case "(", "（", "[", "【": depth += 1
            case ")", "）", "]", "】": depth = max(0, depth - 1)
            case " ", "*", "_", "-", ":", "：", "\n", "\r", "\t": continue
            default: if depth == 0 { out.append(character) }
            }
        }
        return out.lowercased()
    }

    /// A date as spreadsheets hold it: ISO, 2026/3/5, 2026.3.5, 2026年3月5日, or an Excel serial day number
    /// (1900 date system: 45356 is 2024-03-05).
    public static func date(_ text: String, field: String) throws(WagecaseError) -> LocalDate {
        let value = normalize(text)
        if let serial = excelSerial(value) { return serial }
        return try LocalDate.parse(value, field: field)
    }

    /// 1 … 73415 (1900-01-01 … 2100-12-31, the years input may have), whole days; Excel's fictitious 1900-02-29
    /// (60) is refused.
    public static func excelSerial(_ text: String) -> LocalDate? {
        var digits = Substring(text)
        if let dot = digits.firstIndex(of: ".") {
            guard digits[digits.index(after: dot)...].allSatisfy({ $0 == "0" }) else { return nil }
            digits = digits[..<dot]
        }
        guard (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let serial = Int(digits), (1...73_415).contains(serial), serial != 60 else { return nil }
        // Excel counts 1900-02-29, which never was: serials after it are one day ahead.
        let epoch = LocalDate(year: 1899, month: 12, day: serial < 60 ? 31 : 30)!
        return epoch.adding(days: serial)
    }
}
