import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    /// Keeps an evidence file with a case: its type told by its bytes (anything else refused), within the
    /// attachment_max_mb setting, stored once under its SHA-256 however often it is attached.
    public func attach(_ input: NewAttachment, actor: String) throws -> CaseAttachment {
        let fileName = try Self.attachmentFileName(input.fileName)
        let note = try TextField.optional(input.note, field: "note", maxLength: 500, multiline: true)
        return try write(actor: actor) { db, audit in
            let wageCase = try Self.fetchCase(db, input.reference)
            let limitMB = Setting.attachmentMaxMB.number(try Self.setting(db, Setting.attachmentMaxMB.rawValue))
            guard input.bytes.count <= limitMB * 1_048_576 else {
                throw WagecaseError.invalidField(field: "file", value: fileName, reason: "is larger than \(limitMB) MB",
                                                 allowed: "a file of at most \(limitMB) MB (setting attachment_max_mb)")
            }
            guard !input.bytes.isEmpty else {
                throw WagecaseError.invalidField(field: "file", value: fileName, reason: "is empty",
                                                 allowed: "a PDF, JPEG, PNG, HEIC, DOCX, XLSX or OFD file")
            }
            let type = try FileSniffing.detect([UInt8](input.bytes), fileName: fileName)
            let sha = try Self.storeFile(db, input.bytes, mediaType: type.mediaType, at: audit.at)
            try db.execute(cached: """
                    INSERT INTO case_attachment (case_id, kind, file_sha256, file_type, file_name, note, uploaded_by, uploaded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [wageCase.id, input.kind.rawValue, sha, type.rawValue, fileName, note, actor, audit.at])
            let id = db.lastInsertedRowID
            try audit.record(.insert, table: "case_attachment", id: id, after: [
                "case_id": wageCase.id, "kind": input.kind.rawValue, "file_name": fileName, "file_type": type.rawValue,
                "size": Int64(input.bytes.count), "sha256": sha, "note": note,
            ])
            return try Self.fetchAttachment(db, id: id)
        }
    }

    /// Marks an attachment removed, saying why; its file and audit trail stay.
    public func removeAttachment(id: Int64, reason: String, actor: String) throws -> CaseAttachment {
        let reason = try TextField.required(reason, field: "reason", maxLength: 500)
        return try write(actor: actor) { db, audit in
            let attachment = try Self.fetchAttachment(db, id: id)
            if attachment.isRemoved {
                throw WagecaseError.invalidState(entity: "attachment", key: "#\(id)", state: "is already removed",
                                                 action: "remove it", allowed: "an attachment still on the case")
            }
            try db.execute(cached: "UPDATE case_attachment SET removed_at = ?, removed_by = ?, removed_reason = ? WHERE id = ?",
                           arguments: [audit.at, actor, reason, id])
            try audit.record(.update, table: "case_attachment", id: id, before: ["removed_at": nil],
                             after: ["removed_at": audit.at], reason: reason)
            return try Self.fetchAttachment(db, id: id)
        }
    }

    /// A name safe to keep and to offer back as a download: the last path component, no control characters.
    static func attachmentFileName(_ name: String) throws(WagecaseError) -> String {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(base.filter { !$0.isNewline && !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) })
        return try TextField.required(cleaned.isEmpty ? name : cleaned, field: "file", maxLength: 200)
    }
}

// MARK: - Reads

extension AppDatabase {
    /// A case's attachments in the order they came, removed ones included (marked).
    public func attachments(_ reference: CaseReference) throws -> [CaseAttachment] {
        try read { db in
            let wageCase = try Self.fetchCase(db, reference)
            return try Row.fetchAll(db, cached: "\(CaseAttachment.selection) WHERE a.case_id = ? ORDER BY a.id",
                                    arguments: [wageCase.id]).map(CaseAttachment.init(row:))
        }
    }

    public func attachment(id: Int64) throws -> CaseAttachment {
        try read { db in try Self.fetchAttachment(db, id: id) }
    }

    /// One attachment and its bytes; every download is audited, as a reveal of the case's worker too.
    /// A removed attachment is not handed out.
    public func attachmentFile(id: Int64, actor: String) throws -> (attachment: CaseAttachment, file: Data) {
        try write(actor: actor) { db, audit in
            let attachment = try Self.fetchAttachment(db, id: id)
            if attachment.isRemoved {
                throw WagecaseError.invalidState(entity: "attachment", key: "#\(id)", state: "is removed",
                                                 action: "download it", allowed: "an attachment still on the case")
            }
            let bytes = try Self.fileBytes(db, sha256: attachment.sha256)
            try audit.record(.reveal, table: "case_attachment", id: id,
                             after: ["file_name": attachment.fileName, "sha256": attachment.sha256],
                             reason: "下载证据材料")
            // Evidence names the worker in full whatever its kind: a download is a reveal of the worker.
            let workerID = try Self.fetchCase(db, id: attachment.caseID).workerID
            try audit.record(.reveal, table: "worker", id: workerID, after: ["fields": "evidence:\(attachment.kind.rawValue)"],
                             reason: "下载证据材料 #\(id)")
            return (attachment, bytes)
        }
    }

    static func fetchAttachment(_ db: Database, id: Int64) throws -> CaseAttachment {
        guard let row = try Row.fetchOne(db, cached: "\(CaseAttachment.selection) WHERE a.id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "attachment", key: "#\(id)")
        }
        return try CaseAttachment(row: row)
    }
}

extension CaseAttachment {
    static let selection = "SELECT a.*, f.size FROM case_attachment a JOIN stored_file f ON f.sha256 = a.file_sha256"

    init(row: Row) throws {
        self.init(id: try row.decode(forColumn: "id"), caseID: try row.decode(forColumn: "case_id"),
                  kind: try row.vocabulary("kind"), fileType: try row.vocabulary("file_type"),
                  fileName: try row.decode(forColumn: "file_name"), size: try row.decode(forColumn: "size"),
                  sha256: try row.decode(forColumn: "file_sha256"), note: try row.decode(forColumn: "note"),
                  uploadedBy: try row.decode(forColumn: "uploaded_by"), uploadedAt: try row.decode(forColumn: "uploaded_at"),
                  removedAt: try row.decode(forColumn: "removed_at"), removedBy: try row.decode(forColumn: "removed_by"),
                  removedReason: try row.decode(forColumn: "removed_reason"))
    }
}
