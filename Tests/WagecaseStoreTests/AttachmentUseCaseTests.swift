import Foundation
import GRDB
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport

/// Evidence kept with a case: typed by its bytes, stored once, limited in size, every upload, download and removal
/// audited, nothing deleted.
@Suite("Evidence with the case")
struct AttachmentUseCaseTests {
    static let photo = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [UInt8](repeating: 0x42, count: 4000) + [0xFF, 0xD9])

    static func sample() throws -> AppDatabase {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        return database
    }

    @Test func theSameFileAttachedTwiceIsStoredOnce() throws {
        let database = try Self.sample()
        let first = try database.attach(NewAttachment(reference: CaseReference("#1"), kind: .iou, fileName: "欠条.jpg",
                                                      note: "包工头手写", bytes: Self.photo), actor: "检察官甲")
        let second = try database.attach(NewAttachment(reference: CaseReference("#2"), kind: .photo, fileName: "C:\\手机\\IMG_1.JPG",
                                                       note: nil, bytes: Self.photo), actor: "检察官甲")
        #expect(first.sha256 == second.sha256 && first.fileType == .jpeg && second.fileName == "IMG_1.JPG")
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM stored_file") } == 1)
        #expect(try database.attachments(CaseReference("#1")).map(\.id) == [first.id])
        let uploads = try database.auditEntries(table: "case_attachment").filter { $0.action == "insert" }
        #expect(uploads.count == 2 && uploads[0].after?.contains(first.sha256) == true)
    }

    @Test func whatIsNotAnAllowedTypeOrTooLargeIsRefusedAndWritesNothing() throws {
        let database = try Self.sample()
        let before = try contentDigest(database)
        let elf = Data([0x7F, 0x45, 0x4C, 0x46] + [UInt8](repeating: 0, count: 100))
        expectRefused(.field("file")) {
            try database.attach(NewAttachment(reference: CaseReference("#1"), kind: .photo, fileName: "photo.jpg", note: nil,
                                              bytes: elf), actor: "t")
        }
        _ = try database.setSetting(.attachmentMaxMB, to: "1", actor: "admin")
        let afterSetting = try contentDigest(database)
        let large = Data([0xFF, 0xD8, 0xFF] + [UInt8](repeating: 1, count: 1_048_576) + [0xFF, 0xD9])
        expectRefused(.field("file", mentioning: "1 MB")) {
            try database.attach(NewAttachment(reference: CaseReference("#1"), kind: .photo, fileName: "big.jpg", note: nil,
                                              bytes: large), actor: "t")
        }
        expectRefused(.notFound("case")) {
            try database.attach(NewAttachment(reference: CaseReference("#9999"), kind: .photo, fileName: "a.jpg", note: nil,
                                              bytes: Self.photo), actor: "t")
        }
        #expect(try contentDigest(database) == afterSetting)
        #expect(before != afterSetting)
    }

    @Test func aRemovalKeepsTheTrailAndDownloadsAreAudited() throws {
        let database = try Self.sample()
        let copy = try database.attach(NewAttachment(reference: CaseReference("#1"), kind: .idCopy, fileName: "身份证.jpg",
                                                     note: nil, bytes: Self.photo), actor: "检察官甲")
        let fetched = try database.attachmentFile(id: copy.id, actor: "检察官乙")
        #expect(fetched.file == Self.photo)
        // A download is a reveal of the case's worker too.
        let workerID = try database.caseDetail(CaseReference("#1")).wageCase.workerID
        #expect(try database.auditEntries(table: "worker").contains { $0.action == "reveal" && $0.recordID == workerID && $0.actor == "检察官乙" })
        #expect(try database.auditEntries(table: "case_attachment").contains { $0.action == "reveal" && $0.recordID == copy.id })
        expectRefused(.field("reason")) { try database.removeAttachment(id: copy.id, reason: " ", actor: "t") }
        let removed = try database.removeAttachment(id: copy.id, reason: "上传错案件", actor: "检察官甲")
        #expect(removed.isRemoved && removed.removedReason == "上传错案件" && removed.removedBy == "检察官甲")
        #expect(try database.attachments(CaseReference("#1")).map(\.id) == [copy.id], "still listed, marked removed")
        expectRefused(.state(action: "download it")) { try database.attachmentFile(id: copy.id, actor: "t") }
        expectRefused(.state(action: "remove it")) { try database.removeAttachment(id: copy.id, reason: "again", actor: "t") }
        #expect(throws: (any Error).self) {
            try database.write(actor: "t") { db, _ in try db.execute(sql: "DELETE FROM case_attachment") }
        }
    }
}
