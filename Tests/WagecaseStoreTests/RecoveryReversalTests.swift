import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport

@Suite("Reversing a payment entered wrongly")
struct RecoveryReversalTests {
    @Test func aBalancingEntryTakesTheMoneyBackAndEverythingCountsWhatStands() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let wageCase = try #require(try database.cases(CaseFilter(limit: 100)).first { $0.outstanding > Fen(100_000) && $0.stage != .closed })
        let reference = CaseReference("#\(wageCase.id)")
        let year = try DateRange(from: date("2025-01-01"), to: date("2025-12-31"))
        let statsBefore = try database.statistics(year)
        // Entered twice by mistake: the second is reversed.
        let first = try database.recordRecovery(NewRecovery(caseReference: reference, amount: Fen(100_000),
                                                            paid: date("2025-06-02"), route: .employerPaid,
                                                            payer: "某公司", note: nil, force: false), actor: "t")
        let twice = try database.recordRecovery(NewRecovery(caseReference: reference, amount: Fen(100_000),
                                                            paid: date("2025-06-02"), route: .employerPaid,
                                                            payer: "某公司", note: nil, force: false), actor: "t")
        #expect(try database.statistics(year).recovered == statsBefore.recovered + Fen(200_000))
        let detail = try database.reverseRecovery(id: twice.id, reason: "重复录入", actor: "检察官甲")
        #expect(detail.wageCase.recovered == wageCase.recovered + Fen(100_000))
        // The original stays, marked; the entry beside it names it.
        let original = try #require(detail.recoveries.first { $0.id == twice.id })
        let entry = try #require(detail.recoveries.first { $0.reverses == twice.id })
        #expect(original.amount == Fen(100_000) && original.reversedBy == entry.id)
        #expect(entry.amount == Fen(-100_000) && entry.paid == twice.paid && entry.note == "重复录入" && entry.actor == "检察官甲")
        #expect(detail.recoveries.first { $0.id == first.id }?.reversedBy == nil)
        let audit = try #require(try database.auditEntries(table: "recovery").last)
        #expect(audit.reason == "重复录入" && audit.actor == "检察官甲" && audit.after?.contains(#""reverses_id":\#(twice.id)"#) == true)
        // Stats, kept figures and the records agree to the fen.
        #expect(try database.statistics(year).recovered == statsBefore.recovered + Fen(100_000))
        #expect(try database.verifyFigures().agrees)
        let kept = try database.statistics(year)
        let fromRecords = try database.read { db in try AppDatabase.fetchStatisticsFromRecords(db, year, asOf: date("2025-12-31")) }
        #expect(kept.recoveredByRoute == fromRecords.recoveredByRoute)

        // Refused, and nothing changes: twice, the entry itself, an unknown id, no reason.
        let digest = try contentDigest(database)
        expectRefused(.state(action: "reverse it")) { try database.reverseRecovery(id: twice.id, reason: "再次", actor: "t") }
        expectRefused(.state(action: "reverse it")) { try database.reverseRecovery(id: entry.id, reason: "x", actor: "t") }
        expectRefused(.notFound("recovery")) { try database.reverseRecovery(id: 999_999, reason: "x", actor: "t") }
        expectRefused(.field("reason")) { try database.reverseRecovery(id: first.id, reason: " ", actor: "t") }
        #expect(try contentDigest(database) == digest)
        // A closed case's payments are reversed only once it is reopened.
        let paidUp = try #require(try database.cases(CaseFilter(stage: .closed, limit: 100)).first {
            try database.caseDetail(.init("#\($0.id)")).recoveries.contains { $0.route != .guaranteeDraw }
        })
        let payment = try #require(try database.caseDetail(.init("#\(paidUp.id)")).recoveries.first { $0.route != .guaranteeDraw })
        expectRefused(.state(action: "reverse one of its payments")) {
            try database.reverseRecovery(id: payment.id, reason: "录入错误", actor: "t")
        }
    }

    @Test func aPaymentAndItsReversalOnOneDayLeaveThatDayAsItWas() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let wageCase = try #require(try database.cases(CaseFilter(limit: 100)).first { $0.outstanding > Fen(100) && $0.stage != .closed })
        let paid = wageCase.opened
        let range = try DateRange(from: paid, to: paid)
        let before = try database.statistics(range).recoveredByRoute["court-enforcement"]
        let payment = try database.recordRecovery(NewRecovery(caseReference: .init("#\(wageCase.id)"), amount: Fen(100),
                                                              paid: paid, route: .courtEnforcement, payer: nil,
                                                              note: nil, force: false), actor: "t")
        _ = try database.reverseRecovery(id: payment.id, reason: "法院退回", actor: "t")
        #expect(try database.statistics(range).recoveredByRoute["court-enforcement"] == before)
        #expect(try database.verifyFigures().agrees)
    }
}
