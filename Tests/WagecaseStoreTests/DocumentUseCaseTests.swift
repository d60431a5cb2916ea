import Crypto
import ZIPFoundation
import Foundation
import GRDB
import Testing
import WagecaseCore
@testable import WagecaseReports
@testable import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport

/// Documents made from the sample's records: the right parties, amounts in figures and capitals, the number; the
/// number given once, in the transaction that records the document; every making audited as a reveal.
@Suite("Documents from the record")
struct DocumentUseCaseTests {
    static func sample() throws -> AppDatabase {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        return database
    }

    static func html(_ database: AppDatabase, _ kind: DocumentKind, _ subject: DocumentSubject) throws
        -> (document: IssuedDocument, text: String) {
        let made = try database.makeDocument(DocumentRequest(kind: kind, subject: subject, format: .html), actor: "检察官甲",
                                             render: DocumentRendering.render)
        return (made.document, String(decoding: made.file, as: UTF8.self))
    }

    @Test func eachKindCarriesItsPartiesAmountsAndNumber() throws {
        let database = try Self.sample()
        let single = try #require(try database.cases(CaseFilter(limit: 100)).first { $0.stage == .letterIssued })
        let worker = try database.worker(id: single.workerID)
        let letter = try Self.html(database, .supportLetter, .wageCase(CaseReference("#\(single.id)")))
        #expect(letter.document.number == "平检民支〔2026〕1号")
        for expected in ["平川区人民检察院", "支持起诉书", "平检民支〔2026〕1号", worker.name, worker.idNumber, single.employerName,
                         single.claimed.yuan + "元", ChineseCapitals.amount(single.claimed), "2026年11月25日"] {
            #expect(letter.text.contains(expected), "support letter lacks \(expected)")
        }
        let declined = try #require(try database.cases(CaseFilter(limit: 100)).first { $0.stage == .declined })
        let decline = try Self.html(database, .declineNotice, .wageCase(CaseReference("#\(declined.id)")))
        #expect(decline.document.number == "平检民不支〔2026〕1号")
        #expect(decline.text.contains(declined.workerName) && decline.text.contains(ChineseCapitals.amount(declined.claimed)))
        let acceptance = try Self.html(database, .acceptanceNotice, .wageCase(CaseReference("#\(declined.id)")))
        #expect(acceptance.document.number == "平检民受〔2026〕1号" && acceptance.text.contains("决定予以受理"))
        let suggestion = try Self.html(database, .suggestion, .suggestion("平检行建〔2024〕1号"))
        #expect(suggestion.document.number == "平检行建〔2026〕1号")
        for expected in ["平川区人力资源和社会保障局", "兴平路安置小区二期", "长征街商住楼", "2个月"] {
            #expect(suggestion.text.contains(expected), "suggestion lacks \(expected)")
        }
        let referred = try #require(try database.clues(ClueFilter(status: .referred, limit: 10)).first)
        let referral = try Self.html(database, .referralLetter, .clue(referred.id))
        let referredWorker = try #require(referred.workers.first)
        #expect(referral.document.number == "平检民移〔2026〕1号")
        for expected in [referred.statusReason ?? "", referredWorker.name, referredWorker.idNumber,
                         ChineseCapitals.amount(referred.claimedTotal)] {
            #expect(referral.text.contains(expected), "referral letter lacks \(expected)")
        }
        // A series' letter lists every worker of the series.
        let crew = try #require(try database.cases(CaseFilter(limit: 100)).first { $0.seriesID != nil })
        let crewLetter = try Self.html(database, .supportLetter, .wageCase(CaseReference("#\(crew.id)")))
        #expect(crewLetter.document.number == "平检民支〔2026〕2号")
        let members = try database.cases(CaseFilter(limit: 100)).filter { $0.seriesID == crew.seriesID }
        #expect(members.count == 6)
        for member in members { #expect(crewLetter.text.contains(member.workerIDNumber)) }
    }

    @Test func aDocumentTheRecordDoesNotSupportIsRefusedAndNumbersNothing() throws {
        let database = try Self.sample()
        let open = try #require(try database.cases(CaseFilter(limit: 100)).first { $0.stage == .accepted })
        expectRefused(.state(action: "make a support letter")) {
            try database.makeDocument(DocumentRequest(kind: .supportLetter, subject: .wageCase(CaseReference("#\(open.id)"))),
                                      actor: "t", render: DocumentRendering.render)
        }
        expectRefused(.field("case")) {
            try database.makeDocument(DocumentRequest(kind: .referralLetter, subject: .wageCase(CaseReference("#\(open.id)"))),
                                      actor: "t", render: DocumentRendering.render)
        }
        #expect(try database.documents(subject: nil).isEmpty)
    }

    @Test func numbersAreNeverReusedAndTheRegisterKeepsTheFilesHash() throws {
        let database = try Self.sample()
        let reference = DocumentSubject.wageCase(CaseReference("#1"))
        func make(on date: String? = nil) throws -> (document: IssuedDocument, file: Data) {
            try database.makeDocument(DocumentRequest(kind: .acceptanceNotice, subject: reference, date: date.map(date(_:))),
                                      actor: "t", render: DocumentRendering.render)
        }
        let first = try make()
        #expect(first.document.fileSHA256 == Hex.string(SHA256.hash(data: first.file)))
        #expect(try FileSniffing.detect([UInt8](first.file), fileName: first.document.fileName) == .docx)
        let voided = try database.voidDocument(id: first.document.id, reason: "当事人姓名有误", actor: "t")
        #expect(voided.isVoid && voided.number == first.document.number && voided.voidReason == "当事人姓名有误")
        expectRefused(.state(action: "void it")) { try database.voidDocument(id: first.document.id, reason: "again", actor: "t") }
        let second = try make()
        #expect(second.document.number == "平检民受〔2026〕2号", "a voided number is not given again")
        let lastYear = try make(on: "2025-12-30")
        #expect(lastYear.document.number == "平检民受〔2025〕1号", "each year counts on its own")
        let register = try database.documents(subject: reference)
        #expect(register.map(\.number) == ["平检民受〔2026〕1号", "平检民受〔2026〕2号", "平检民受〔2025〕1号"])
        // Not dated after today, nor before the case it is made from.
        expectRefused(.field("date", mentioning: "after today")) { try make(on: "2026-11-26") }
        expectRefused(.field("date", mentioning: "before the record")) { try make(on: "2024-03-07") }
        // Nothing is deleted: the database itself refuses.
        #expect(throws: (any Error).self) { try database.write(actor: "t") { db, _ in try db.execute(sql: "DELETE FROM document") } }
        // Fetched again, the file is the one the register hashed; the download is audited.
        let again = try database.documentFile(id: second.document.id, actor: "检察官乙")
        #expect(again.file == second.file)
        let downloads = try database.auditEntries(table: "document").filter { $0.action == "reveal" }
        #expect(downloads.count == 1 && downloads[0].actor == "检察官乙")
    }

    @Test func makingADocumentIsAuditedAsARevealOfEachWorkerItNames() throws {
        let database = try Self.sample()
        let crew = try #require(try database.cases(CaseFilter(limit: 100)).first { $0.seriesID != nil })
        let made = try database.makeDocument(DocumentRequest(kind: .acceptanceNotice, subject: .wageCase(CaseReference("#\(crew.id)"))),
                                             actor: "检察官甲", render: DocumentRendering.render)
        let reveals = try database.auditEntries(table: "worker").filter { $0.action == "reveal" }
        #expect(reveals.count == 6)
        #expect(reveals.allSatisfy { $0.actor == "检察官甲" && $0.reason == "受理通知书 \(made.document.number)" })
        #expect(try database.auditEntries(table: "document").contains { $0.action == "insert" && $0.recordID == made.document.id })
    }

    @Test func twoKindsMayNotShareANumberPattern() throws {
        let database = try Self.sample()
        expectRefused(.field("document_number_decline_notice", mentioning: "another kind")) {
            try database.setSetting(.numberDeclineNotice, to: "平检民支〔{year}〕{n}号", actor: "admin")
        }
        expectRefused(.field("document_number_decline_notice")) {
            try database.setSetting(.numberDeclineNotice, to: "平检民不支{n}号", actor: "admin")
        }
        #expect(try database.setSetting(.numberDeclineNotice, to: "平检民不支字〔{year}〕第{n}号", actor: "admin") == "平检民不支字〔{year}〕第{n}号")
    }

    /// Two writers on one file making documents at once: every number once, none skipped.
    @Test func twoConcurrentMakersNeverShareANumber() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-numbers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        _ = try AppDatabase.open(path: path, mode: .createIfMissing, clock: { fixedNow }).loadSample(actor: "t")
        let perMaker = 12
        let numbers = NumberLog()
        DispatchQueue.concurrentPerform(iterations: 2) { maker in
            do {
                let database = try AppDatabase.open(path: path, clock: { fixedNow })
                for index in 0..<perMaker {
                    let made = try database.makeDocument(
                        DocumentRequest(kind: .acceptanceNotice, subject: .wageCase(CaseReference("#\(1 + (index + maker) % 5)"))),
                        actor: "maker\(maker)", render: DocumentRendering.render)
                    numbers.add(made.document.number)
                }
            } catch {
                numbers.fail("\(error)")
            }
        }
        #expect(numbers.failures.isEmpty, "\(numbers.failures)")
        #expect(Set(numbers.all).count == 2 * perMaker)
        #expect(Set(numbers.all) == Set((1...(2 * perMaker)).map { "平检民受〔2026〕\($0)号" }))
    }

    @Test func anOfficeTemplateIsCheckedAtInstallAndUsedAfter() throws {
        let database = try Self.sample()
        let builtIn = try DocxDocument.builtInTemplate(.acceptanceNotice)
        // The office's template: the built-in one with a field misspelt is refused, naming the field.
        let misspelt = try DocxDocument.rewrite(builtIn, replacing: [
            "word/document.xml": Data(try documentXML(builtIn).replacingOccurrences(of: "{{worker_name}}：", with: "{{workername}}：").utf8),
        ])
        let error = try #require(throws: WagecaseError.self) {
            try database.installDocumentTemplate(.acceptanceNotice, fileName: "受理.docx", bytes: misspelt, actor: "admin",
                                                 check: DocumentRendering.checkTemplate(.acceptanceNotice))
        }
        #expect(error.message(.zh).contains("{{workername}}"))
        #expect(try database.documentTemplates().isEmpty)
        let office = try DocxDocument.rewrite(builtIn, replacing: [
            "word/document.xml": Data(try documentXML(builtIn).replacingOccurrences(of: "特此通知。", with: "特此通知（本院模板）。").utf8),
        ])
        let installed = try database.installDocumentTemplate(.acceptanceNotice, fileName: "受理.docx", bytes: office, actor: "admin",
                                                             check: DocumentRendering.checkTemplate(.acceptanceNotice))
        let made = try database.makeDocument(DocumentRequest(kind: .acceptanceNotice, subject: .wageCase(CaseReference("#1"))),
                                             actor: "t", render: DocumentRendering.render)
        #expect(made.document.templateSHA256 == installed.sha256)
        #expect(try documentXML(made.file).contains("特此通知（本院模板）。"))
        try database.removeDocumentTemplate(.acceptanceNotice, actor: "admin")
        #expect(try database.documentTemplates().isEmpty)
    }

    private func documentXML(_ docx: Data) throws -> String {
        let archive = try Archive(data: docx, accessMode: .read)
        var bytes = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Numbers given to concurrent makers, and what went wrong.
final class NumberLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var all: [String] = []
    private(set) var failures: [String] = []
    func add(_ number: String) { lock.withLock { all.append(number) } }
    func fail(_ message: String) { lock.withLock { failures.append(message) } }
}
