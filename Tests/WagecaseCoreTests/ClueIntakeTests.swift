import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("Clue intake decisions")
struct ClueIntakeTests {
    static let today = LocalDate(year: 2026, month: 3, day: 31)!
    static let received = LocalDate(year: 2026, month: 3, day: 9)!

    static func clue(_ id: Int64, status: ClueStatus, workers: [(Int64, Int64)] = [(1, 1_200_000)],
                     channel: ClueSource = .petition) -> Clue {
        Clue(id: id, source: channel, received: LocalDate(year: 2026, month: 3, day: 5)!, employerID: 1,
             employerName: "某公司", projectID: 1, projectName: "某项目", summary: nil, status: status,
             statusReason: status == .rejected ? "不属实" : status == .referred ? "劳动监察" : nil, createdAt: "t",
             workers: workers.map { ClueWorker(workerID: $0.0, name: "工人", idNumber: "x", claimed: Fen($0.1)) },
             channels: [ClueChannel(source: channel, received: LocalDate(year: 2026, month: 3, day: 5)!)])
    }

    static func decide(_ claims: [(Int64, Int64)], policy: DuplicatePolicy = .merge, stands: ClueIntake.AmountStands? = nil,
                       open: Clue? = nil, closed: Clue? = nil, source: ClueSource = .legalAid,
                       received: LocalDate = received) throws(WagecaseError) -> ClueIntake.Decision {
        try ClueIntake.decide(source: source, received: received,
                              claims: claims.map { .init(workerID: $0.0, claimed: Fen($0.1), label: "w\($0.0)") },
                              today: today, policy: policy, amountStands: stands, open: open, closed: closed)
    }

    @Test func aClaimReceivedInTheFutureIsRefusedByEveryPolicy() {
        for policy in DuplicatePolicy.allCases {
            expectRefused(.field("received", mentioning: "in the future")) {
                try Self.decide([(1, 100)], policy: policy, received: LocalDate(year: 2026, month: 4, day: 1)!)
            }
        }
    }

    @Test func nothingOnRecordMakesANewClue() throws {
        #expect(try Self.decide([(1, 100)]) == .create(follows: nil))
    }

    @Test func aDecidedClueNeverAbsorbsANewClaim() throws {
        for status in [ClueStatus.rejected, .referred] {
            #expect(try Self.decide([(1, 1_200_000)], closed: Self.clue(7, status: status)) == .create(follows: 7))
        }
    }

    @Test func theSameArrearsIsRefusedMergedOrKeptAsTheOperatorSays() throws {
        let open = Self.clue(3, status: .new)
        expectRefused(.duplicate("clue")) { try Self.decide([(1, 1_200_000)], policy: .refuse, open: open) }
        #expect(try Self.decide([(1, 1_200_000)], policy: .keepBoth, open: open) == .create(follows: nil))
        #expect(try Self.decide([(1, 1_200_000)], open: open)
            == .merge(clue: 3, addsChannel: true, newWorkers: [], changedAmounts: []))
        // The same channel again adds nothing (a file imported twice).
        #expect(try Self.decide([(1, 1_200_000)], open: open, source: .petition,
                                received: LocalDate(year: 2026, month: 3, day: 5)!) == .known(clue: 3))
    }

    @Test func aDifferentAmountStandsOnlyWhenTheOperatorSaysWhich() throws {
        let open = Self.clue(3, status: .screening)
        #expect {
            try Self.decide([(1, 1_500_000)], open: open)
        } throws: { error in
            if case .invalidField(let field, _, _, _) = error as? WagecaseError { field == "claimed" } else { false }
        }
        #expect(try Self.decide([(1, 1_500_000)], stands: .existing, open: open)
            == .merge(clue: 3, addsChannel: true, newWorkers: [], changedAmounts: []))
        #expect(try Self.decide([(1, 1_500_000)], stands: .new, open: open)
            == .merge(clue: 3, addsChannel: true, newWorkers: [], changedAmounts: [0]))
    }

    @Test func aConvertedClueTakesAChannelButNoNewWorkers() throws {
        let converted = Self.clue(3, status: .converted)
        #expect(try Self.decide([(1, 1_200_000)], open: converted)
            == .merge(clue: 3, addsChannel: true, newWorkers: [], changedAmounts: []))
        expectRefused(.state(action: "more worker(s) by merging")) { try Self.decide([(1, 1_200_000), (2, 100)], open: converted) }
        #expect(try Self.decide([(1, 1_200_000), (2, 100)], open: Self.clue(3, status: .new))
            == .merge(clue: 3, addsChannel: true, newWorkers: [1], changedAmounts: []))
    }
}
