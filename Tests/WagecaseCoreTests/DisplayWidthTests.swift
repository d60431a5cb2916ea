import Testing
import WagecaseCore
import WagecaseTestSupport

/// The one-pass measure of plain text against the full measure and the escaping a table applies.
@Suite("Display width")
struct DisplayWidthTests {
    /// Characters at and around every edge of the plain ranges, and what must be escaped or measured apart.
    static let pool: [Character] = [
        "a", "Z", "0", " ", "~", "#", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{A0}", "·", "é", "e\u{301}",
        "\u{2010}", "\u{2027}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{200E}", "\u{202E}", "\u{2066}",
        "\u{3000}", "、", "。", "「", "」", "\u{303E}", "\u{303F}", "\u{3040}", "ぁ", "ア",
        "\u{4DFF}", "一", "欠", "薪", "\u{9FFF}", "\u{A000}", "\u{FF00}", "，", "：", "\u{FF60}", "\u{FF61}",
        "\u{FEFF}", "\u{FFFD}", "😀", "\u{20000}", "\u{E000}", "\n", "\t",
    ]

    @Test func plainTextIsMeasuredAsTheFullMeasureDoesAndNeedsNoEscaping() {
        var random = SplitMix(state: 7)
        var plain = 0
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...8, using: &random)).map { _ in
                Self.pool.randomElement(using: &random)!
            })
            if let width = DisplayWidth.ofPlainText(text) {
                plain += 1
                #expect(width == DisplayWidth.of(text), "\(text.unicodeScalars.map(\.value))")
                #expect(TextField.escaped(text) == text, "\(text.unicodeScalars.map(\.value))")
            } else {
                // Not measured here: something in it is not in the plain ranges (it may or may not need escaping).
                #expect(!text.unicodeScalars.allSatisfy { scalar in
                    (0x20...0x7E).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
                        || (0x3001...0x303F).contains(scalar.value) || (0xFF01...0xFF60).contains(scalar.value)
                        || (0x2010...0x2027).contains(scalar.value)
                }, "\(text.unicodeScalars.map(\.value))")
            }
        }
        #expect(plain > 200)
        #expect(DisplayWidth.ofPlainText("示例项目20 (#20)") == 16)
        #expect(DisplayWidth.ofPlainText("") == 0)
    }
}
