import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("Statistics")
struct StatisticsTests {
    func sample(claimed: Int64, recovered: Int64) throws -> Statistics {
        var cases = Statistics.Cases()
        cases.add(18, reaching: .supportDecided)
        cases.add(4, reaching: .settled)
        return Statistics(range: try DateRange(), cluesBySource: [.petition: 8, .legalAid: 7, .laborDispute: 7],
                          cases: cases, workers: 20, claimed: Fen(claimed), recovered: Fen(recovered),
                          recoveredByRoute: [.employerPaid: Fen(recovered)])
    }

    @Test func headlineInTheSeedsStyle() throws {
        let statistics = try sample(claimed: 26_400_000, recovered: 3_800_000)
        #expect(statistics.headline(.zh)
            == "从信访、法律援助、劳动纠纷等渠道摸排拖欠农民工工资案件线索22件，提出支持起诉18件，达成检察和解4件，为农民工挽回损失3.8万元。")
        #expect(statistics.clues.total == 22)
        #expect(statistics.clues.bySource["walk-in"] == 0)
    }

    @Test func recoveryRateIsExactBasisPoints() throws {
        #expect(try sample(claimed: 3, recovered: 1).recoveryRateBasisPoints == 3333)
        #expect(try sample(claimed: 3, recovered: 2).recoveryRateBasisPoints == 6667)
        #expect(try sample(claimed: 26_400_000, recovered: 3_800_000).recoveryRateText == "14.39%")
        #expect(try sample(claimed: 0, recovered: 0).recoveryRateBasisPoints == nil)
    }

    @Test func rangeRefusesEndBeforeStart() {
        expectRefused(.field("to", mentioning: "before from")) {
            try DateRange(from: LocalDate(year: 2024, month: 5, day: 1), to: LocalDate(year: 2024, month: 4, day: 30))
        }
    }
}
