import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("Recovery rules")
struct RecoveryRulesTests {
    private func day(_ text: String) -> LocalDate { LocalDate.parseISO(text)! }
    private var wageCase: WageCase {
        var wageCase = JSONBufferTests.sample(caseNumber: "平检民支〔2024〕1号", series: nil, name: "张三")
        wageCase.claimed = Fen(1_000_000)
        wageCase.recovered = Fen(400_000)
        return wageCase
    }

    @Test func aPaymentWithinTheClaimIsAcceptedAndNotForced() throws {
        let forced = try RecoveryRules.check(wageCase, amount: Fen(600_000), paid: day("2024-05-01"),
                                             route: .employerPaid, today: day("2026-11-26"), force: false)
        #expect(forced == false)
    }

    @Test func pastTheClaimNeedsForceAndIsMarked() throws {
        #expect(throws: WagecaseError.overRecovery(caseLabel: wageCase.label, claimed: Fen(1_000_000),
                                                   alreadyRecovered: Fen(400_000), amount: Fen(600_001))) {
            try RecoveryRules.check(wageCase, amount: Fen(600_001), paid: day("2024-05-01"), route: .employerPaid,
                                    today: day("2026-11-26"), force: false)
        }
        let forced = try RecoveryRules.check(wageCase, amount: Fen(600_001), paid: day("2024-05-01"),
                                             route: .courtEnforcement, today: day("2026-11-26"), force: true)
        #expect(forced)
    }

    @Test func aGuaranteePaymentIsOnlyRecordedByItsDrawAndNeverForced() throws {
        do {
            _ = try RecoveryRules.check(wageCase, amount: Fen(100), paid: day("2024-05-01"), route: .guaranteeDraw,
                                        today: day("2026-11-26"), force: true)
            Issue.record("a guarantee-draw recovery without a draw was accepted")
        } catch let error {
            guard case .invalidField(let field, let value, _, _) = error else { Issue.record("\(error)"); return }
            #expect(field == "route" && value == "guarantee-draw")
        }
        #expect(try RecoveryRules.check(wageCase, amount: Fen(600_000), paid: day("2024-05-01"), route: .guaranteeDraw,
                                        today: day("2026-11-26"), force: false, viaDraw: true) == false)
        expectRefused(.overRecovery) {
            try RecoveryRules.check(wageCase, amount: Fen(600_001), paid: day("2024-05-01"), route: .guaranteeDraw,
                                    today: day("2026-11-26"), force: true, viaDraw: true)
        }
    }

    @Test(arguments: ["2026-11-27", "2024-01-31"])
    func aPaymentDatedInTheFutureOrBeforeTheCaseIsRefused(paid: String) {
        do {
            _ = try RecoveryRules.check(wageCase, amount: Fen(100), paid: day(paid), route: .employerPaid,
                                        today: day("2026-11-26"), force: false)
            Issue.record("\(paid) was accepted")
        } catch let error {
            guard case .dateOutOfOrder(let field, let value, _) = error else { Issue.record("\(error)"); return }
            #expect(field == "on" && value == day(paid))
        }
    }

    @Test func aDrawIsSplitOverTheCasesItNames() throws {
        let one = CaseReference("A"), two = CaseReference("B")
        #expect(try RecoveryRules.split(draw: Fen(900), over: [(one, nil)]) == [Fen(900)])
        #expect(try RecoveryRules.split(draw: Fen(900), over: [(one, Fen(400)), (two, Fen(500))]) == [Fen(400), Fen(500)])
        #expect(try RecoveryRules.split(draw: Fen(900), over: []) == [])
    }

    @Test(arguments: [
        ([("A", Int64?.none), ("B", Int64?(500))], "has no amount"),
        ([("A", Int64?(400)), ("B", Int64?(400))], "does not add up"),
        ([("A", Int64?(450)), ("A", Int64?(450))], "is named twice"),
        ([("A", Int64?(0)), ("B", Int64?(900))], "has no amount"),
    ])
    func aSplitThatDoesNotAccountForTheDrawIsRefused(cases: [(String, Int64?)], reason expected: String) {
        do {
            _ = try RecoveryRules.split(draw: Fen(900), over: cases.map { (CaseReference($0.0), $0.1.map(Fen.init)) })
            Issue.record("\(cases) was accepted")
        } catch let error {
            guard case .invalidField(let field, _, let reason, _) = error else { Issue.record("\(error)"); return }
            #expect(field == "case" && reason.key.contains(expected))
        }
    }

    @Test func aReversalTakesBackTheSameMoneyOnTheSameDayOnce() throws {
        let payment = Recovery(id: 7, caseID: 3, paid: day("2026-05-01"), amount: Fen(1_799_000), route: .employerPaid,
                               payer: "某建筑公司", note: "工资", forced: false, actor: "检察官甲")
        let entry = try RecoveryRules.reversal(of: payment, in: wageCase, reason: " 重复录入 ")
        #expect(entry.amount == Fen(-1_799_000) && entry.paid == payment.paid && entry.route == .employerPaid)
        #expect(entry.caseID == 3 && entry.reverses == 7 && entry.payer == "某建筑公司" && entry.note == "重复录入")
        #expect(RecoveryNote.text(entry, .zh) == "冲正第 7 号支付记录；重复录入")

        var reversed = payment
        reversed.reversedBy = 9
        #expect(RecoveryNote.text(reversed, .en) == "reversed by #9; 工资")
        var drawn = payment
        drawn.route = .guaranteeDraw
        for (record, why) in [(reversed, "already reversed by #9"), (entry, "itself a balancing entry"),
                              (drawn, "paid by a draw")] {
            expectRefused(.state(action: "reverse it")) { try RecoveryRules.reversal(of: record, in: wageCase, reason: "录入错误") }
            #expect(throws: WagecaseError.self) { try RecoveryRules.reversal(of: record, in: wageCase, reason: "录入错误") }
            do { _ = try RecoveryRules.reversal(of: record, in: wageCase, reason: "录入错误") } catch {
                #expect(error.message(.en).contains(why))
            }
        }
        expectRefused(.field("reason")) { try RecoveryRules.reversal(of: payment, in: wageCase, reason: "  ") }
        // A closed case is reopened first: its closing reason counted the payments as they stood.
        var closed = wageCase
        closed.stage = .closed
        expectRefused(.state(action: "reverse one of its payments")) {
            try RecoveryRules.reversal(of: payment, in: closed, reason: "录入错误")
        }
    }
}
