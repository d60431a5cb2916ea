import Testing
@testable import WagecaseCore

@Suite("Money in fen")
struct MoneyTests {
    @Test("parses the ways people write amounts", arguments: [
        ("38000", Int64(3_800_000)), ("38,000.00", 3_800_000), ("3.8万", 3_800_000), ("¥38,000.00", 3_800_000),
        ("38000元", 3_800_000), ("0.01", 1), ("0", 0), ("1,234,567.89", 123_456_789), ("2803.9万", 2_803_900_000),
        ("0.000001万", 1), ("3.8万元", 3_800_000), (" 12.5 ", 1250), ("１２", 0),
    ])
    func parsesValid(text: String, fen: Int64) throws {
        if text == "１２" {
            // Full-width digits are not amounts at this layer; the importer normalises them first.
            #expect(throws: WagecaseError.self) { try Fen.parse(text, field: "amount") }
            return
        }
        #expect(try Fen.parse(text, field: "amount") == Fen(fen))
    }

    @Test("refuses what is not an exact amount, naming the field", arguments: [
        "", "3.805", "-5", "abc", "12a", "1,23", "1.2.3", "5.", ".5", "0.0000001万", "3.8元万", "1e5",
        "1000000000000", "38 000",
    ])
    func refusesInvalid(text: String) {
        do {
            _ = try Fen.parse(text, field: "amount")
            Issue.record("accepted \(text)")
        } catch {
            guard case let .invalidField(field, value, _, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(field == "amount")
            #expect(value == text)
        }
    }

    @Test func formatsYuanAndWan() {
        #expect(Fen(3_800_000).yuan == "38,000.00")
        #expect(Fen(5).yuan == "0.05")
        #expect(Fen(123_456_789).yuan == "1,234,567.89")
        #expect(Fen(0).yuan == "0.00")
        #expect(Fen(100).yuan == "1.00")
        #expect(Fen(99_999).yuan == "999.99")
        #expect(Fen(100_000).yuan == "1,000.00")
        #expect(Fen(-1_700_050).yuan == "-17,000.50")
        #expect(Fen(.min).yuan == "-92,233,720,368,547,758.08")
        #expect(Fen(.max).yuan == "92,233,720,368,547,758.07")
        #expect(Fen(3_800_000).wanCompact() == "3.8")
        #expect(Fen(2_803_900_000).wanCompact() == "2803.9")
        #expect(Fen(1_000_000).wanCompact() == "1")
        #expect(Fen(3_805_000).wan(decimals: 2) == "3.81")
        #expect(Fen(3_804_999).wan(decimals: 2) == "3.80")
    }
}
