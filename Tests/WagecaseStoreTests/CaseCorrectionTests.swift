import Foundation
import GRDB
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

@Suite("Correcting a case's own facts")
struct CaseCorrectionTests {
    func changes(number: String? = nil, ended: String? = nil, due: String? = nil, clear: [String] = [],
                 reason: String? = "劳动合同载明") throws -> CaseChanges {
        try CaseChanges.parse(caseNumber: number, employmentEnded: ended, paymentDue: due, clear: clear, reason: reason)
    }

    @Test func aCorrectionIsAuditedWithItsReasonAndTheTimeLimitsFollow() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let wageCase = try #require(try database.cases(CaseFilter(stage: .investigating, limit: 1)).first)
        let reference = CaseReference("#\(wageCase.id)")
        let detail = try database.updateCase(reference, changes(ended: "2025-10-01"), actor: "检察官甲")
        #expect(detail.wageCase.employmentEnded == date("2025-10-01"))
        // A year from 2025-10-01 ends in the National Day holiday of 2026: the limit is the next working day.
        let arbitration = try #require(detail.deadlines.first { $0.kind == .arbitrationLimitation })
        #expect(arbitration.due == date("2026-10-08") && !arbitration.provisional)
        #expect(detail.deadlines.contains { $0.kind == .officeDecision })
        let entry = try #require(try database.auditEntries(table: "wage_case").last)
        #expect(entry.reason == "劳动合同载明" && entry.actor == "检察官甲" && entry.action == "update")
        #expect(entry.before == #"{"employment_ended_on":null}"#)
        #expect(entry.after == #"{"employment_ended_on":"2025-10-01"}"#)
        #expect(try database.caseDetail(reference).deadlines == detail.deadlines)

        // A labor-service claim too, then the mistaken end date removed.
        let both = try database.updateCase(reference, changes(due: "2023-10-01"), actor: "检察官甲")
        #expect(both.deadlines.map(\.kind).filter(\.isStatutory) == [.litigationLimitation, .arbitrationLimitation]
                || both.deadlines.map(\.kind).filter(\.isStatutory) == [.arbitrationLimitation, .litigationLimitation])
        let cleared = try database.updateCase(reference, changes(clear: ["employment-ended"], reason: "录入错误"),
                                              actor: "检察官甲")
        #expect(cleared.wageCase.employmentEnded == nil && cleared.wageCase.paymentDue == date("2023-10-01"))
        #expect(!cleared.deadlines.contains { $0.kind == .arbitrationLimitation })
        // The office's days are a setting.
        _ = try database.setSetting(.caseDecisionDays, to: "15", actor: "admin")
        let decision = try #require(try database.caseDetail(reference).deadlines.first { $0.kind == .officeDecision })
        #expect(decision.basis.contains("15日内"))
    }

    @Test func refusedCorrectionsChangeNothing() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let cases = try database.cases(CaseFilter(limit: 2))
        let (first, second) = (cases[0], cases[1])
        let before = try contentDigest(database)
        // Another case's office number.
        #expect(throws: WagecaseError.self) {
            try database.updateCase(.init("#\(first.id)"), changes(number: second.caseNumber), actor: "t")
        }
        // An employment that ends tomorrow (today is 2026-11-25 here).
        #expect(throws: WagecaseError.self) {
            try database.updateCase(.init("#\(first.id)"), changes(ended: "2026-11-26"), actor: "t")
        }
        #expect(try contentDigest(database) == before)
        // No reason, nothing to change, set and cleared at once, an unknown field: refused before the store.
        #expect(throws: WagecaseError.self) { try changes(ended: "2025-01-01", reason: nil) }
        #expect(throws: WagecaseError.self) { try changes() }
        #expect(throws: WagecaseError.self) { try changes(ended: "2025-01-01", clear: ["employment-ended"]) }
        #expect(throws: WagecaseError.self) { try changes(clear: ["stage"]) }
        // The same values again write nothing, not even an audit line.
        let count = try database.auditEntries(limit: 10_000).count
        _ = try database.updateCase(.init("#\(first.id)"), changes(number: first.caseNumber), actor: "t")
        #expect(try database.auditEntries(limit: 10_000).count == count)
    }
}

@Suite("Who handles a case")
struct CaseAssignmentTests {
    @Test func aCaseIsAssignedToProsecutorsOnlyAuditedAndListedByHandler() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        for (name, role) in [("王检察官", Role.prosecutor), ("李助理", .prosecutor), ("人社张", .labor), ("离任赵", .prosecutor)] {
            _ = try database.addUser(name: name, role: role, actor: "admin")
        }
        _ = try database.revokeUser("离任赵", actor: "admin")
        let cases = try database.cases(CaseFilter(limit: 3))
        let assigned = try database.assignCase(.init("#\(cases[0].id)"), CaseAssignment(handler: "王检察官", assistant: "李助理"),
                                               actor: "科长")
        #expect(assigned.handler == "王检察官" && assigned.assistant == "李助理")
        _ = try database.assignCase(.init("#\(cases[1].id)"), CaseAssignment(handler: "李助理"), actor: "科长")
        let entry = try #require(try database.auditEntries(table: "wage_case").last)
        #expect(entry.before == #"{"handler":null,"assistant":null}"# && entry.after == #"{"handler":"李助理","assistant":null}"#)
        #expect(entry.actor == "科长")
        // "My cases": handled or assisted on.
        #expect(try database.cases(CaseFilter(handler: "王检察官")).map(\.id) == [cases[0].id])
        #expect(try database.cases(CaseFilter(handler: "李助理")).map(\.id) == [cases[0].id, cases[1].id])
        #expect(try database.cases(CaseFilter(handler: "人社张")).isEmpty)
        let before = try contentDigest(database)
        for (handler, problem) in [("人社张", "is not a prosecutor"), ("离任赵", "revoked"), ("无此人", "user")] {
            do {
                _ = try database.assignCase(.init("#\(cases[2].id)"), CaseAssignment(handler: handler), actor: "科长")
                Issue.record("\(handler) was accepted")
            } catch let error as WagecaseError {
                #expect(error.message(.en).contains(problem), "\(error.message(.en))")
            }
        }
        #expect(throws: WagecaseError.self) { try CaseAssignment.parse(handler: "王检察官", assistant: "王检察官") }
        #expect(throws: WagecaseError.self) { try CaseAssignment.parse(handler: " ", assistant: nil) }
        #expect(try contentDigest(database) == before)
    }
}

@Suite("Closing with money owed")
struct ClosingWithMoneyOwedTests {
    @Test func aCaseClosedWithMoneyOwedKeepsItsReasonAndARefusalChangesNothing() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let judged = try #require(try database.cases(CaseFilter(stage: .judgment, limit: 10)).first { $0.outstanding > .zero })
        let before = try contentDigest(database)
        #expect(throws: WagecaseError.self) {
            try database.advanceCase(.init("#\(judged.id)"), to: .closed, on: date("2025-06-01"), note: nil, actor: "t")
        }
        #expect(try contentDigest(database) == before)
        let closed = try database.advanceCase(.init("#\(judged.id)"), to: .closed, on: date("2025-06-01"), note: nil,
                                              closingReason: .unrecoverable, actor: "t")
        #expect(closed.stage == .closed && closed.closingReason == .unrecoverable)
        let entry = try #require(try database.auditEntries(table: "wage_case").last)
        #expect(entry.after?.contains(#""closing_reason":"unrecoverable""#) == true)
        // The sample's closed cases all say why.
        #expect(try database.cases(CaseFilter(stage: .closed, limit: 100)).allSatisfy { $0.closingReason != nil })
    }
}

@Suite("Withdrawing a move, reopening a case")
struct CaseUndoReopenTests {
    @Test func theLatestMoveIsWithdrawnWithItsReasonAndTheFiguresFollow() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let judged = try #require(try database.cases(CaseFilter(stage: .judgment, limit: 1)).first)
        let reference = CaseReference("#\(judged.id)")
        let before = try database.caseDetail(reference)
        let moved = try database.advanceCase(reference, to: .enforcement, on: date("2025-06-01"), note: "误点", actor: "t")
        #expect(moved.stage == .enforcement)
        let undone = try database.undoCaseMove(reference, reason: "误将判决案件移送执行", actor: "检察官甲")
        #expect(undone.wageCase.stage == .judgment && undone.wageCase.stageDate == judged.stageDate)
        #expect(undone.events == before.events)
        let deleted = try #require(try database.auditEntries(table: "case_event").last)
        #expect(deleted.action == "delete" && deleted.reason == "误将判决案件移送执行")
        #expect(deleted.before?.contains(#""stage":"enforcement""#) == true && deleted.before?.contains("误点") == true)
        #expect(try database.verifyFigures().agrees)
        // The acceptance is never withdrawn.
        let accepted = try #require(try database.cases(CaseFilter(stage: .accepted, limit: 1)).first)
        #expect(throws: WagecaseError.self) { try database.undoCaseMove(.init("#\(accepted.id)"), reason: "x", actor: "t") }
        #expect(throws: WagecaseError.self) { try database.undoCaseMove(reference, reason: " ", actor: "t") }
    }

    @Test func aClosedCaseIsReopenedAtTheStageBeforeAndItsClosingReasonCleared() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let judged = try #require(try database.cases(CaseFilter(stage: .judgment, limit: 10)).first { $0.outstanding > .zero })
        let reference = CaseReference("#\(judged.id)")
        _ = try database.advanceCase(reference, to: .closed, on: date("2025-06-01"), note: nil, closingReason: .unrecoverable,
                                     actor: "t")
        #expect(throws: WagecaseError.self) {
            try database.reopenCase(reference, on: date("2025-05-01"), reason: "发现可供执行财产", actor: "t")
        }
        let reopened = try database.reopenCase(reference, on: date("2025-07-01"), reason: "发现可供执行财产", actor: "检察官甲")
        #expect(reopened.wageCase.stage == .judgment && reopened.wageCase.closingReason == nil)
        #expect(reopened.events.last?.note == "重新办理：发现可供执行财产" && reopened.events.last?.date == date("2025-07-01"))
        #expect(reopened.allowedNext.contains(.enforcement))
        #expect(try database.verifyFigures().agrees)
        // Only a closed or declined case reopens.
        #expect(throws: WagecaseError.self) { try database.reopenCase(reference, on: nil, reason: "再次", actor: "t") }
    }
}

@Suite("Watching cases' time limits reads only the cases that have any")
struct CasesUnderWatchPlanTests {
    @Test func theWatchReadsTheStageIndexNotEveryCase() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        try database.writer.write { db in
            // Statistics as an office with most cases closed or in court would have them.
            try db.execute(sql: "ANALYZE")
            try db.execute(sql: "DELETE FROM sqlite_stat1 WHERE tbl = 'wage_case'")
            try db.execute(sql: """
                INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('wage_case', 'wage_case_by_stage', '1000000 200000'),
                    ('wage_case', 'wage_case_by_worker', '1000000 1'), ('wage_case', 'wage_case_by_opened', '1000000 500'),
                    ('wage_case', 'sqlite_autoindex_wage_case_2', '1000000 4 1'), ('wage_case', 'sqlite_autoindex_wage_case_1', '1000000 1')
                """)
            try db.execute(sql: "ANALYZE sqlite_schema")
        }
        let details = try database.writer.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + AppDatabase.casesUnderWatchSQL).map { $0["detail"] as String }
        }
        #expect(details.contains { $0.contains("USING INDEX wage_case_by_stage") }, "\(details)")
        #expect(!details.contains { $0.hasPrefix("SCAN c") }, "\(details)")
    }
}
