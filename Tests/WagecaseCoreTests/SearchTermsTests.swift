import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("What a search looks for")
struct SearchTermsTests {
    @Test func theTextDecidesWhichNumbersItMayMatch() throws {
        let suffix = try SearchTerms.parse(" 002x ", mayMatchWholeIDNumbers: false)
        #expect(suffix.idSuffix == "002X" && suffix.idNumber == nil && suffix.text == "002x")
        #expect(try SearchTerms.parse("张建国", mayMatchWholeIDNumbers: false).idSuffix == nil)
        #expect(try SearchTerms.parse("12345", mayMatchWholeIDNumbers: false).idSuffix == nil)
        // A whole ID number is a key only for a reader who may see whole numbers; otherwise refused, masked.
        #expect(try SearchTerms.parse("11010519491231002x", mayMatchWholeIDNumbers: true).idNumber == "11010519491231002X")
        expectRefused(.field("q", mentioning: "whole ID number")) {
            try SearchTerms.parse("11010519491231002X", mayMatchWholeIDNumbers: false)
        }
        do { _ = try SearchTerms.parse("11010519491231002X", mayMatchWholeIDNumbers: false) } catch {
            #expect(!error.message(.zh).contains("11010519491231002X") && !error.message(.en).contains("11010519491231002X"))
        }
        #expect(try SearchTerms.parse("91350200776049653A", mayMatchWholeIDNumbers: false).creditCode == "91350200776049653A")
        #expect(try SearchTerms.parse("#23", mayMatchWholeIDNumbers: false).recordID == 23)
        #expect(try SearchTerms.parse("23", mayMatchWholeIDNumbers: false).recordID == 23)
        expectRefused(.field("q")) { try SearchTerms.parse("  ", mayMatchWholeIDNumbers: true) }
        expectRefused(.field("q")) { try SearchTerms.parse(String(repeating: "张", count: 101), mayMatchWholeIDNumbers: true) }
    }
}
