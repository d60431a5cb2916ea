import Testing
@testable import WagecaseCore

@Suite("Resident ID numbers and credit codes")
struct IdentifierTests {
    @Test("domain.md's valid ID numbers pass", arguments: ["11010519491231002X", "440524188001010014",
                                                           "11010519491231002x"])
    func validIDs(text: String) throws {
        let id = try ResidentID.parse(text)
        #expect(id.value == text.uppercased())
        #expect(id.checksumIsValid)
    }

    @Test func wrongCheckDigitIsRefusedUnlessOverridden() throws {
        #expect(throws: WagecaseError.self) { try ResidentID.parse("110105194912310020") }
        let overridden = try ResidentID.parse("110105194912310020", overrideReason: "原件如此")
        #expect(!overridden.checksumIsValid)
        // An override never excuses a malformed number.
        #expect(throws: WagecaseError.self) { try ResidentID.parse("11010519491331002X", overrideReason: "x") }
    }

    @Test("malformed ID numbers name the field", arguments: [
        "", "1101051949123100", "11010519491331002X", "110105194902300026", "1101051949123100AX", "11010520991231002X",
    ])
    func malformedIDs(text: String) {
        #expect(throws: WagecaseError.self) { try ResidentID.parse(text, field: "id_number") }
    }

    @Test func fifteenDigitNumbersAreUpgraded() throws {
        let id = try ResidentID.parse("110105491231002")
        #expect(id.value == "11010519491231002X")
    }

    @Test func masksFirstSixAndLastFour() throws {
        #expect(try ResidentID.parse("11010519491231002X").masked == "110105********002X")
        #expect(BankCard.mask("6228480439110012345") == "***************2345")
    }

    @Test("domain.md's credit codes", arguments: [("91350200776049653A", true), ("91440101MA5CJQ4N59", true),
                                                  ("91350203M0001QAY9B", false)])
    func creditCodes(text: String, valid: Bool) {
        if valid {
            #expect((try? CreditCode.parse(text))?.value == text)
        } else {
            #expect(throws: WagecaseError.self) { try CreditCode.parse(text) }
            #expect((try? CreditCode.parse(text, overrideReason: "营业执照如此"))?.value == text)
        }
    }

    @Test func creditCodeCharacterSetExcludesIOSVZ() {
        #expect(throws: WagecaseError.self) { try CreditCode.parse("91350200776049653I", overrideReason: "x") }
    }
}
