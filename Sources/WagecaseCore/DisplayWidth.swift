/// Width in a monospaced terminal: East Asian wide and full-width characters take two columns, combining marks none.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : (isZeroWidth($1) ? 0 : 1)) }
    }

    /// The width of text made only of characters shown as they are (printable ASCII, common Chinese and its
    /// punctuation: what `TextField.escaped` leaves alone), read from its UTF-8 in one pass; nil when anything
    /// else is in it (escape it and measure it with `of`). A table of a hundred thousand rows measures most cells here.
    public static func ofPlainText(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var (width, index) = (0, 0)
            while index < bytes.count {
                let lead = bytes[index]
                if lead >= 0x20 && lead <= 0x7E {
                    (width, index) = (width + 1, index + 1)
                    continue
                }
                // Three bytes: U+0800 to U+FFFF, where the common Chinese characters and punctuation are.
                guard lead & 0xF0 == 0xE0, index + 2 < bytes.count else { return nil }
                let scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                    | UInt32(bytes[index + 2] & 0x3F)
                switch scalar {
                case 0x4E00...0x9FFF, 0x3001...0x303E, 0xFF01...0xFF60: width += 2
                case 0x303F, 0x2010...0x2027: width += 1
                default: return nil
                }
                index += 3
            }
            return width
        }
    }

    public static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    public static func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - of(text))) + text
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        (0x0300...0x036F).contains(scalar.value) || (0xFE00...0xFE0F).contains(scalar.value) || scalar.value == 0x200B
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
