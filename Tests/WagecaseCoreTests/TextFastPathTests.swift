import PropertyBased
import Testing
@testable import WagecaseCore

/// The import's checks decide most cells on their bytes before walking characters; on any text they must
/// answer as the character-by-character rule they stand for.
@Suite("Text decided on bytes")
struct TextFastPathTests {
    /// Every kind of first and last byte: ASCII, each Unicode space (C2, E1, E2, E3 leads), CJK, a combining mark
    /// after a space, Latin with an accent (C3), control characters, a zero-width space (not whitespace).
    static let pieces = ["张", "区", "a", "1", " ", "\t", "\n", "\r\n", "\u{3000}", "\u{00A0}", "\u{0085}", "\u{1680}",
                         "\u{2003}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{200B}", "\u{FEFF}", "é", "e\u{0301}",
                         " \u{0301}", "\u{7F}", "\u{1}", "合计", "制表人", "注：", "ｱ", "𠀀", "·"]

    static let words = Gen.int(in: 0..<pieces.count).array(of: 0...6).map { $0.map { pieces[$0] }.joined() }

    @Test func trimmingDropsWhatCharacterByCharacterWould() async {
        await propertyCheck(count: 3_000, input: Self.words) { text in
            var characters = Substring(text)
            while let first = characters.first, first.isWhitespace { characters = characters.dropFirst() }
            while let last = characters.last, last.isWhitespace { characters = characters.dropLast() }
            #expect(text.trimmingWhitespace() == String(characters), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func aBlankCellIsOneOfWhitespaceOnly() async {
        await propertyCheck(count: 3_000, input: Self.words) { text in
            #expect(ImportText.isBlank(text) == text.allSatisfy(\.isWhitespace), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func aMarginRowIsFoundWhateverOpensItsCells() async {
        await propertyCheck(count: 3_000, input: Self.words.array(of: 0...3)) { cells in
            // The rule scalar by scalar: the first cell with a visible character decides.
            var expected = false
            for cell in cells {
                guard let opener = cell.unicodeScalars.first(where: { !$0.properties.isWhitespace }) else { continue }
                let text = String(cell.unicodeScalars.filter { !$0.properties.isWhitespace })
                expected = TableMargin.openers.contains(opener) && TableMargin.markers.contains { text.hasPrefix($0) }
                break
            }
            #expect(TableMargin.isMargin(cells) == expected, "\(cells)")
        }
    }

    @Test func lengthsAreCountedInCharactersNotBytes() throws {
        // 100 ideographs are 300 bytes; 60 accented letters written with a combining mark are 180 bytes.
        #expect(try TextField.name(String(repeating: "张", count: 100), field: "name", maxLength: 100).count == 100)
        #expect(try TextField.name(String(repeating: "e\u{0301}", count: 60), field: "name", maxLength: 60).count == 60)
        for (text, limit) in [(String(repeating: "张", count: 101), 100), (String(repeating: "e\u{0301}", count: 61), 60),
                              (String(repeating: "a", count: 11), 10)] {
            #expect(throws: WagecaseError.self) { try TextField.name(text, field: "name", maxLength: limit) }
            #expect(throws: WagecaseError.self) { try TextField.optional(text, field: "hometown", maxLength: limit) }
        }
        #expect(try TextField.optional(String(repeating: "a", count: 10), field: "hometown", maxLength: 10)?.count == 10)
    }
}
