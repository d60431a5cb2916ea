import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport

@Suite("Correcting workers, employers and clues on record")
struct RecordCorrectionTests {
    @Test func aWorkerCorrectionIsAuditedMaskedAndADuplicateNumberRefused() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let workers = try database.workers(limit: 2)
        let (first, second) = (workers[0], workers[1])
        let updated = try database.updateWorker(id: first.id, try WorkerChanges.parse(phone: "13987654321", reason: "本人来电更正"),
                                                actor: "检察官甲")
        #expect(updated.phone == "13987654321" && updated.name == first.name)
        let entry = try #require(try database.auditEntries(table: "worker").last)
        #expect(entry.action == "update" && entry.reason == "本人来电更正" && entry.actor == "检察官甲")
        // Only the field that changed, masked as the log keeps every number.
        #expect(entry.before == #"{"phone":"\#(PhoneNumber.mask(first.phone ?? ""))"}"# || first.phone == nil)
        #expect(entry.after == #"{"phone":"139****4321"}"#)
        // Another worker's ID number: refused, nothing written; the same values again write nothing.
        let digest = try contentDigest(database)
        expectRefused(.duplicate("worker")) {
            try database.updateWorker(id: first.id, try WorkerChanges.parse(idNumber: second.idNumber, reason: "x"), actor: "t")
        }
        _ = try database.updateWorker(id: first.id, try WorkerChanges.parse(phone: "13987654321", reason: "再次"), actor: "t")
        #expect(try contentDigest(database) == digest)
        expectRefused(.notFound("worker")) {
            try database.updateWorker(id: 999_999, try WorkerChanges.parse(name: "某", reason: "x"), actor: "t")
        }
        // Only hidden digits corrected: the entry still names the field (its masked values alike).
        _ = try database.updateWorker(id: first.id, try WorkerChanges.parse(phone: "13900004321", reason: "中间四位录错"), actor: "t")
        let hidden = try #require(try database.auditEntries(table: "worker").last)
        #expect(hidden.before == #"{"phone":"139****4321"}"# && hidden.after == #"{"phone":"139****4321"}"#)
        // A card recorded as printed though its check digit fails: the entry says so, with why.
        _ = try database.updateWorker(id: first.id, try WorkerChanges.parse(overrideReason: "卡面如此", bankCard: "4111111111111112",
                                                                            reason: "补录银行卡"), actor: "t")
        #expect(try database.auditEntries(table: "worker").last?.reason == "补录银行卡; bank card check digit overridden: 卡面如此")
        // Cases show the corrected name.
        _ = try database.updateWorker(id: first.id, try WorkerChanges.parse(name: "张建华", reason: "身份证"), actor: "t")
        for c in try database.cases(CaseFilter(workerID: first.id, limit: 10)) { #expect(c.workerName == "张建华") }
    }

    @Test func anEmployerCorrectionKeepsOneRecordPerCreditCode() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let employers = try database.employers(limit: 2)
        let updated = try database.updateEmployer(.id(employers[0].id), try EmployerChanges.parse(name: "更名后的公司",
                                                  kind: "general-contractor", reason: "工商变更登记"), actor: "t")
        #expect(updated.name == "更名后的公司" && updated.kind == .generalContractor)
        #expect(try database.auditEntries(table: "employer").last?.reason == "工商变更登记")
        let digest = try contentDigest(database)
        expectRefused(.duplicate("employer")) {
            try database.updateEmployer(.id(employers[0].id), try EmployerChanges.parse(creditCode: employers[1].creditCode,
                                                                                        reason: "x"), actor: "t")
        }
        #expect(try contentDigest(database) == digest)
    }

    @Test func aClueCorrectionMovesItsFirstChannelAndTheFiguresFollow() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let clue = try #require(try database.clues(ClueFilter(limit: 100)).first { $0.channels.count == 1 && $0.status != .converted })
        let corrected = try database.updateClue(id: clue.id, try ClueChanges.parse(source: "legal-aid", received: "2024-12-02",
                                                                                  summary: "更正后的摘要", reason: "登记有误"),
                                                actor: "检察官甲")
        #expect(corrected.source == .legalAid && corrected.received == date("2024-12-02") && corrected.summary == "更正后的摘要")
        #expect(corrected.channels.map(\.source) == [.legalAid] && corrected.channels.first?.received == date("2024-12-02"))
        #expect(try database.verifyFigures().agrees)
        let entry = try #require(try database.auditEntries(table: "clue").last)
        #expect(entry.reason == "登记有误" && entry.after?.contains(#""source":"legal-aid""#) == true)
        // A project of another employer, a date in the future, a date after its cases: refused, nothing written.
        let other = try #require(try database.projects(employer: nil, region: nil, limit: 100).first { $0.employerID != clue.employerID })
        let digest = try contentDigest(database)
        expectRefused(.field("project")) {
            try database.updateClue(id: clue.id, try ClueChanges.parse(project: String(other.id), reason: "x"), actor: "t")
        }
        expectRefused(.field("received")) {
            try database.updateClue(id: clue.id, try ClueChanges.parse(received: "2026-11-26", reason: "x"), actor: "t")
        }
        let converted = try #require(try database.clues(ClueFilter(status: .converted, limit: 1)).first)
        let opened = try #require(try database.cases(CaseFilter(clueID: converted.id, limit: 1)).first).opened
        expectRefused(.field("received")) {
            try database.updateClue(id: converted.id, try ClueChanges.parse(received: opened.adding(days: 1).iso, reason: "x"),
                                    actor: "t")
        }
        #expect(try contentDigest(database) == digest)
        // Moved to the other employer with its project: the cases follow the clue.
        let moved = try database.updateClue(id: converted.id, try ClueChanges.parse(employer: String(other.employerID),
                                                                                   project: String(other.id), reason: "被申请人有误"),
                                            actor: "t")
        #expect(moved.employerID == other.employerID && moved.projectID == other.id)
        for c in try database.cases(CaseFilter(clueID: converted.id, limit: 10)) { #expect(c.employerID == other.employerID) }
        #expect(try database.verifyFigures().agrees)
    }
}

@Suite("Search")
struct SearchTests {
    @Test func findsEachKindByNameOrNumberAndOnlyWhatTheReaderMaySee() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let worker = try #require(try database.workers(limit: 1).first)
        let bySuffix = try database.search(try SearchTerms.parse(String(worker.idNumber.suffix(4)), mayMatchWholeIDNumbers: false))
        #expect(bySuffix.workers.contains { $0.id == worker.id })
        #expect(bySuffix.workers.allSatisfy { $0.idNumber.hasSuffix(String(worker.idNumber.suffix(4))) })
        let byName = try database.search(try SearchTerms.parse(String(worker.name.prefix(1)), mayMatchWholeIDNumbers: false))
        #expect(byName.workers.contains { $0.id == worker.id } && byName.workers.allSatisfy { $0.name.hasPrefix(String(worker.name.prefix(1))) })
        let whole = try database.search(try SearchTerms.parse(worker.idNumber, mayMatchWholeIDNumbers: true))
        #expect(whole.workers.map(\.id) == [worker.id])
        // Cases by the office's number and by the court's.
        let wageCase = try #require(try database.cases(CaseFilter(limit: 1)).first)
        _ = try database.updateCase(.init("#\(wageCase.id)"), try CaseChanges.parse(
            caseNumber: nil, employmentEnded: nil, paymentDue: nil, courtCaseNumber: "（2024）甘0403民初77号", clear: [],
            reason: "判决书"), actor: "t")
        #expect(try database.search(try SearchTerms.parse("民初77", mayMatchWholeIDNumbers: false)).cases.map(\.id) == [wageCase.id])
        #expect(try database.search(try SearchTerms.parse(wageCase.caseNumber ?? "", mayMatchWholeIDNumbers: false)).cases
            .contains { $0.id == wageCase.id })
        let employer = try #require(try database.employers(limit: 1).first)
        let byCode = try database.search(try SearchTerms.parse(employer.creditCode, mayMatchWholeIDNumbers: false))
        #expect(byCode.employers.map(\.id) == [employer.id])
        // A reader of guarantees only finds employers and projects.
        let limited = try database.search(try SearchTerms.parse(String(worker.name.prefix(1)), mayMatchWholeIDNumbers: false),
                                          caseFiles: false)
        #expect(limited.workers.isEmpty && limited.cases.isEmpty && limited.clues.isEmpty)
        #expect(try database.search(try SearchTerms.parse("没有这样的名字", mayMatchWholeIDNumbers: false)).isEmpty)
    }
}
