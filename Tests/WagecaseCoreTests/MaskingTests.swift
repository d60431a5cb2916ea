import Testing
@testable import WagecaseCore

@Suite("Masking and entity tags")
struct MaskingTests {
    @Test(arguments: [
        ("13909431234", "139****1234"), ("139-0943-1234", "139-****-1234"), ("+86 139 0943 1234", "+86 1** **** 1234"),
        ("0943-1234567", "094*-***4567"), ("12345", "*2345"), ("1234", "****"), ("12-34", "**-**"),
    ])
    func phonesKeepOnlyWhatIdentifiesNobody(phone: String, masked: String) {
        #expect(PhoneNumber.mask(phone) == masked)
        #expect(PhoneNumber.mask(masked) == masked)
    }

    @Test func refusalsQuoteLongNumbersMasked() {
        #expect(ResidentID.quotable("110105194912310020") == "110105********0020")
        #expect(ResidentID.quotable("12345") == "12345")
        #expect(BankCard.quotable("6228480439110012345") == "***************2345")
        do {
            _ = try ResidentID.parse("110105194912310020")
            Issue.record("a wrong check digit was accepted")
        } catch {
            #expect(!error.description.contains("110105194912310020") && error.description.contains("110105********0020"))
        }
    }

    @Test func tagsDependOnlyOnWhatEveryReaderSees() {
        let worker = Worker(id: 1, name: "张建国", idNumber: "11010519491231002X", idNumberOverrideReason: nil,
                            phone: "13909431234", bankCard: "6228480439110012345", hometown: nil, createdAt: "t")
        var otherHidden = worker
        otherHidden.idNumber = "11010519800101002X"
        otherHidden.bankCard = "6228000000000002345"
        otherHidden.phone = "13900001234"
        #expect(ETag.of(worker) == ETag.of(otherHidden))
        #expect(ETag.of(worker) == ETag.of(worker.masked()))
        var renamed = worker
        renamed.name = "张建民"
        #expect(ETag.of(worker) != ETag.of(renamed))
        #expect(ETag.matches("\"a\", \(ETag.of(worker))", current: ETag.of(worker)))
        #expect(ETag.matches("*", current: ETag.of(worker)))
        #expect(!ETag.matches("W/" + ETag.of(worker), current: ETag.of(worker)))
    }
}
