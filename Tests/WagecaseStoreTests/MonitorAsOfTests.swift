import Foundation
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport

/// The monitor judges every record as it stood on the day asked, from its history (人社部发〔2021〕65号 as the bureau
/// applies it to a past date): the cases open then, the draws made by then, the letters and rules of the time.
@Suite("The monitor as of the date asked")
struct MonitorAsOfTests {
    /// One project (permit 2024-02-20, ¥1.8亿, unfinished): case 1 opened 2024-03-05 and declined on 2024-10-10,
    /// case 2 opened 2024-09-04 and still open.
    static func world() throws -> World {
        let world = try World()
        var details = try ProjectDetails.parse(region: "620403", contractPrice: "18000万", start: "2024-03-01")
        details.deposit = try DepositFactChanges.parse(permitDate: "2024-02-20")
        _ = try world.database.updateProject(.id(world.project.id), details, reason: "施工许可证载明", actor: "t")
        let first = try world.openCase()
        _ = try world.database.advanceCase(CaseReference("#\(first.id)"), to: .investigating, on: date("2024-03-10"),
                                           note: nil, actor: "t")
        _ = try world.database.advanceCase(CaseReference("#\(first.id)"), to: .declined, on: date("2024-10-10"),
                                           note: "证据不足", actor: "t")
        let clue = try world.clue([World.idNumbers[1]], amount: "9000", received: "2024-09-01").clue
        _ = try world.database.openCases(OpenCases(clueID: clue.id, opened: date("2024-09-04"),
                                                   caseNumbers: ["平检民支〔2024〕2号"]), actor: "t")
        return world
    }

    func arrears(_ database: AppDatabase, on day: String) throws -> [Alert] {
        try database.alerts(asOf: date(day), code: .arrearsDepositUnused)
    }

    @Test func theCasesOpenThenAreTheOnesCounted() throws {
        let world = try Self.world()
        // 2024-08-26: only case 1 was open; case 2 was opened on 2024-09-04.
        #expect(try arrears(world.database, on: "2024-08-26").map(\.caseIDs) == [[1]])
        // 2024-09-10: both.
        #expect(try arrears(world.database, on: "2024-09-10").map(\.caseIDs) == [[1, 2]])
        // After case 1 was declined (not open, here as in the digest and the case list), case 2 alone.
        #expect(try arrears(world.database, on: "2024-11-01").map(\.caseIDs) == [[2]])
        #expect(try world.database.cases(CaseFilter(openOnly: true)).map(\.id) == [2])
        // The digest counts the same, on the same days.
        for day in ["2024-08-26", "2024-09-10", "2024-11-01"] {
            let digest = try world.database.digest(.week(before: date(day)), asOf: date(day))
            #expect(digest.alerts.byCode[AlertCode.arrearsDepositUnused.rawValue] == 1, "\(day)")
            let listed = try arrears(world.database, on: day)
            #expect(digest.alerts.mostUrgent.filter { $0.code == .arrearsDepositUnused }.map(\.caseIDs)
                    == listed.map(\.caseIDs), "\(day)")
            #expect(digest.largestOpenCases.items.map(\.caseID) == listed.first?.caseIDs, "\(day)")
        }
        // With no deposit at all the alert says there is nothing to draw on.
        #expect(try arrears(world.database, on: "2024-08-26")[0].detail.contains("无可动用的保证金"))
    }

    @Test func aDrawYearsAgoDoesNotSilenceANewCase() throws {
        let world = try Self.world()
        let cash = try world.database.addGuarantee(NewGuarantee(
            project: .id(world.project.id), kind: .cashDeposit, amount: Fen(360_000_000), effective: date("2024-03-01")),
            actor: "t")
        _ = try world.database.recordGuaranteeEvent(NewGuaranteeEvent(
            guaranteeID: cash.guarantee.id, kind: .drawn, date: date("2024-03-20"), amount: Fen(300_000),
            noticeNumber: "平人社支〔2024〕1号", cases: [DrawnCase(CaseReference("#1"))], paidOn: date("2024-03-22")),
            actor: "t")
        _ = try world.database.recordGuaranteeEvent(NewGuaranteeEvent(
            guaranteeID: cash.guarantee.id, kind: .replenished, date: date("2024-03-28"), amount: Fen(300_000)), actor: "t")
        // The draw met case 1's arrears: nothing on 2024-08-26.
        #expect(try arrears(world.database, on: "2024-08-26").isEmpty)
        // Case 2 arose after it: the deposit sits unused again.
        let later = try arrears(world.database, on: "2024-11-01")
        #expect(later.map(\.caseIDs) == [[2]] && later[0].detail.contains("2024-03-20"))
        // Today's path (kept counts, the latest case read per drawn project) finds the same.
        #expect(try world.database.alerts(code: .arrearsDepositUnused).map(\.projectID) == [world.project.id])
        let digest = try world.database.digest(.week(before: date("2026-11-25")))
        #expect(digest.alerts.mostUrgent.filter { $0.code == .arrearsDepositUnused }.map(\.detail) == [
            try world.database.alerts(code: .arrearsDepositUnused)[0].detail])
    }

    @Test func aLetterShorterThanTheLawIsRecordedOnlyWithAnAuditedReason() throws {
        let world = try Self.world()
        _ = try world.database.updateProject(.id(world.project.id), ProjectDetails.parse(plannedCompletion: "2026-12-31"),
                                             reason: "合同工期", actor: "t")
        let before = try contentDigest(world.database)
        let letter = { (reason: String?) in
            try NewGuarantee(project: .id(world.project.id), kind: .bankLetter, amount: Fen(360_000_000),
                             documentNumber: "BH-1", effective: date("2024-03-01"), ends: date("2025-02-28"),
                             validityOverride: reason)
        }
        expectRefused(.field("ends", mentioning: "Art. 17")) { try world.database.addGuarantee(letter(nil), actor: "t") }
        #expect(try contentDigest(world.database) == before)
        let added = try world.database.addGuarantee(letter("银行仅出具一年期保函，约定到期前续期"), actor: "u")
        #expect(added.guarantee.validityOverride == "银行仅出具一年期保函，约定到期前续期")
        let audit = try #require(try world.database.auditEntries(table: "guarantee").last)
        #expect(audit.actor == "u" && audit.reason == "银行仅出具一年期保函，约定到期前续期")
        // A replacement letter is a letter handed in: the same check, the reason kept in its note and audit entry.
        let replace = { (reason: String?) in
            try NewGuaranteeEvent(guaranteeID: added.guarantee.id, kind: .replaced, date: date("2025-02-20"),
                                  newEnds: date("2026-02-19"), newDocument: "BH-1-R", validityOverride: reason)
        }
        expectRefused(.field("ends", mentioning: "2026-12-31")) {
            try world.database.recordGuaranteeEvent(replace(nil), actor: "t")
        }
        let replaced = try world.database.recordGuaranteeEvent(replace("续保一年，竣工前再续"), actor: "u")
        #expect(replaced.events.last?.note?.contains("有效期例外：续保一年，竣工前再续") == true)
        #expect(try world.database.auditEntries(table: "guarantee_event").last?.reason == "续保一年，竣工前再续")
        // A long enough letter keeps no override, whatever was typed.
        let long = try world.database.addGuarantee(NewGuarantee(
            project: .id(world.project.id), kind: .bankLetter, amount: Fen(1), documentNumber: "BH-2",
            effective: date("2024-03-01"), ends: date("2027-01-31"), validityOverride: "不需要"), actor: "t")
        #expect(long.guarantee.validityOverride == nil)
    }

    @Test func aRuleFileBelowTheLawIsRefusedWholeWithItsArticle() throws {
        let world = try Self.world()
        let before = try contentDigest(world.database)
        let file = #"{"rules": [{"region": "62", "effective_from": "2024-01-01", "name": "ok", "ratio_bp": 200},"#
            + #" {"region": "41", "effective_from": "2024-01-01", "name": "宽于国家规定", "ratio_bp": 200, "replenish_working_days": 15}]}"#
        expectRefused(.field("replenish_working_days", mentioning: "Art. 20")) {
            try world.database.loadGuaranteeRules(Data(file.utf8), actor: "t")
        }
        #expect(try contentDigest(world.database) == before)
    }

    @Test func theProjectTellsItsDepositDuty() throws {
        let world = try Self.world()
        let duty = try world.database.requiredGuarantee(for: .id(world.project.id))
        // 2024-02-20 + 20 working days, Spring Festival 2024 behind it.
        #expect(duty.required == Fen(360_000_000) && duty.due == date("2024-03-19") && duty.basis == .permit)
        #expect(duty.text(.zh) == "3,600,000.00元，应于2024-03-19前存储或提交（取得施工许可证后20个工作日）")
    }
}
