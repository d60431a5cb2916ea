/// Amounts written in Chinese capitals (大写金额), as documents and receipts carry them beside the figures
/// (domain.md §10): ¥38,000.00 → 人民币叁万捌仟元整, ¥12,350.50 → 人民币壹万贰仟叁佰伍拾元伍角整,
/// ¥10,005.00 → 人民币壹万零伍元整. One 零 stands for a run of zeros inside the number; 整 closes an amount with no 分.
public enum ChineseCapitals {
    private static let digits: [Character] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"]
    private static let placeUnits = ["", "拾", "佰", "仟"]

    /// "人民币…元整". Negative amounts (never in a document, but a balancing entry could be) read 负.
    public static func amount(_ fen: Fen) -> String {
        "人民币" + words(fen)
    }

    /// The capitals without the 人民币 prefix.
    public static func words(_ fen: Fen) -> String {
        let magnitude = fen.value.magnitude
        let sign = fen.value < 0 ? "负" : ""
        let yuan = magnitude / 100
        let jiao = Int((magnitude / 10) % 10)
        let fenDigit = Int(magnitude % 10)
        var text = sign
        if yuan > 0 { text += integerWords(yuan) + "元" }
        if jiao == 0 && fenDigit == 0 {
            return yuan == 0 ? sign + "零元整" : text + "整"
        }
        if jiao > 0 {
            text += String(digits[jiao]) + "角"
        } else if yuan > 0 {
            text += "零"
        }
        if fenDigit > 0 { text += String(digits[fenDigit]) + "分" } else { text += "整" }
        return text
    }

    /// A whole number in capitals: 亿 above 万 above a group of four, each lower part after 零 when its leading
    /// places are empty (壹亿零伍, 壹万零伍佰), 亿 repeated for amounts past 9999亿 (壹万亿, 壹亿亿).
    static func integerWords(_ number: UInt64) -> String {
        if number >= 100_000_000 {
            let high = number / 100_000_000, low = number % 100_000_000
            guard low > 0 else { return integerWords(high) + "亿" }
            return integerWords(high) + "亿" + (low < 10_000_000 ? "零" : "") + integerWords(low)
        }
        if number >= 10_000 {
            let high = Int(number / 10_000), low = Int(number % 10_000)
            guard low > 0 else { return groupWords(high) + "万" }
            return groupWords(high) + "万" + (low < 1000 ? "零" : "") + groupWords(low)
        }
        return number == 0 ? "零" : groupWords(Int(number))
    }

    /// 1–9999 in capitals, one 零 for each run of zeros between non-zero digits.
    private static func groupWords(_ group: Int) -> String {
        let places = [group / 1000, (group / 100) % 10, (group / 10) % 10, group % 10]
        var text = ""
        var zeroPending = false
        for (position, digit) in places.enumerated() {
            if digit == 0 {
                zeroPending = !text.isEmpty
                continue
            }
            if zeroPending { text += "零" }
            zeroPending = false
            text += String(digits[digit]) + placeUnits[3 - position]
        }
        return text
    }
}
