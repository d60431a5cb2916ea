import Testing
@testable import WagecaseCore

@Suite("Closing a case says why when money is still owed")
struct ClosingReasonTests {
    func wageCase(claimed: Int64, recovered: Int64) -> WageCase {
        WageCase(id: 1, caseNumber: nil, clueID: 1, workerID: 1, workerName: "张三", workerIDNumber: "", employerID: 1,
                 employerName: "甲公司", seriesID: nil, seriesName: nil, claimed: Fen(claimed), recovered: Fen(recovered),
                 stage: .judgment, stageDate: day("2025-01-01"), opened: day("2024-12-01"), createdAt: "")
    }

    @Test func aReasonIsAskedOnlyWhileMoneyIsOwed() throws {
        let owed = wageCase(claimed: 1_799_000, recovered: 1_000)
        do {
            _ = try ClosingReason.decide(for: owed, to: .closed, given: nil)
            Issue.record("closed with ¥17,980 owed and no reason")
        } catch {
            #expect(error.message(.zh) == "结案理由未填写（尚有17,980.00元未追回）；应为partly-recovered（部分追回）、unrecoverable（无法追回）或other-route（转其他途径）之一")
        }
        #expect(throws: WagecaseError.self) { try ClosingReason.decide(for: owed, to: .closed, given: .fullyRecovered) }
        #expect(try ClosingReason.decide(for: owed, to: .closed, given: .unrecoverable) == .unrecoverable)
        #expect(try ClosingReason.parse("转其他途径", field: "closing_reason") == .otherRoute)
        // Nothing owed: fully recovered, whether said or not; anything else does not fit.
        let paid = wageCase(claimed: 1_000, recovered: 1_000)
        #expect(try ClosingReason.decide(for: paid, to: .closed, given: nil) == .fullyRecovered)
        #expect(throws: WagecaseError.self) { try ClosingReason.decide(for: paid, to: .closed, given: .partlyRecovered) }
        // Only a close takes a reason.
        #expect(try ClosingReason.decide(for: owed, to: .enforcement, given: nil) == nil)
        #expect(throws: WagecaseError.self) { try ClosingReason.decide(for: owed, to: .enforcement, given: .unrecoverable) }
    }
}
