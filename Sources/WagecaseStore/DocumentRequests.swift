import Foundation
import WagecaseCore

/// Turns a document's values into the file's bytes: the built-in layout or the office's own template (its bytes
/// when one is installed). WagecaseReports provides it; the store calls it inside the transaction that numbers
/// and records the document, so the SHA-256 it keeps is of the file handed out.
public typealias DocumentRenderer = @Sendable (_ kind: DocumentKind, _ format: DocumentFormat, _ fields: DocumentFields,
                                               _ officeTemplate: Data?) throws -> Data

/// What to make: the kind, from which record, in which format, dated when (today when nil).
public struct DocumentRequest: Sendable {
    public var kind: DocumentKind
    public var subject: DocumentSubject
    public var format: DocumentFormat
    public var date: LocalDate?

    public init(kind: DocumentKind, subject: DocumentSubject, format: DocumentFormat = .docx, date: LocalDate? = nil) {
        (self.kind, self.subject, self.format, self.date) = (kind, subject, format, date)
    }
}

/// A document the office issued, as the register lists it.
public struct IssuedDocument: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: DocumentKind
    public var number: String
    public var year: Int
    public var sequence: Int64
    public var caseID: Int64?
    public var clueID: Int64?
    public var suggestionID: Int64?
    /// The record as people name it: the case number or #id, 线索 #id, the suggestion's number.
    public var record: String
    public var format: DocumentFormat
    public var templateSHA256: String?
    public var fileSHA256: String
    public var size: Int64
    public var madeOn: LocalDate
    public var madeBy: String
    public var madeAt: String
    public var voidedAt: String?
    public var voidedBy: String?
    public var voidReason: String?

    public init(id: Int64, kind: DocumentKind, number: String, year: Int, sequence: Int64, caseID: Int64?, clueID: Int64?,
                suggestionID: Int64?, record: String, format: DocumentFormat, templateSHA256: String?, fileSHA256: String,
                size: Int64, madeOn: LocalDate, madeBy: String, madeAt: String, voidedAt: String?, voidedBy: String?,
                voidReason: String?) {
        (self.id, self.kind, self.number, self.year, self.sequence) = (id, kind, number, year, sequence)
        (self.caseID, self.clueID, self.suggestionID, self.record) = (caseID, clueID, suggestionID, record)
        (self.format, self.templateSHA256, self.fileSHA256, self.size) = (format, templateSHA256, fileSHA256, size)
        (self.madeOn, self.madeBy, self.madeAt) = (madeOn, madeBy, madeAt)
        (self.voidedAt, self.voidedBy, self.voidReason) = (voidedAt, voidedBy, voidReason)
    }

    public var isVoid: Bool { voidedAt != nil }

    /// The name a download is saved under: 支持起诉书_平检民支〔2026〕3号.docx.
    public var fileName: String {
        let safe = String(number.map { $0 == "/" || $0 == "\\" || $0.isNewline || $0 == ":" ? "_" : $0 })
        return "\(kind.zh)_\(safe).\(format.rawValue)"
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, number, year, sequence, record, format, size
        case caseID = "case_id", clueID = "clue_id", suggestionID = "suggestion_id"
        case templateSHA256 = "template_sha256", fileSHA256 = "sha256"
        case madeOn = "made_on", madeBy = "made_by", madeAt = "made_at"
        case voidedAt = "voided_at", voidedBy = "voided_by", voidReason = "void_reason"
    }
}

/// An office's own template for a kind, as installed.
public struct DocumentTemplateInfo: Sendable, Codable, Equatable {
    public var kind: DocumentKind
    public var fileName: String
    public var sha256: String
    public var installedBy: String
    public var installedAt: String

    public init(kind: DocumentKind, fileName: String, sha256: String, installedBy: String, installedAt: String) {
        (self.kind, self.fileName, self.sha256, self.installedBy, self.installedAt) = (kind, fileName, sha256, installedBy, installedAt)
    }

    enum CodingKeys: String, CodingKey {
        case kind, sha256
        case fileName = "file_name", installedBy = "installed_by", installedAt = "installed_at"
    }
}

/// Evidence to attach to a case.
public struct NewAttachment: Sendable {
    public var reference: CaseReference
    public var kind: EvidenceKind
    public var fileName: String
    public var note: String?
    public var bytes: Data

    public init(reference: CaseReference, kind: EvidenceKind, fileName: String, note: String?, bytes: Data) {
        (self.reference, self.kind, self.fileName, self.note, self.bytes) = (reference, kind, fileName, note, bytes)
    }
}

/// An evidence file kept with a case.
public struct CaseAttachment: Sendable, Codable, Equatable {
    public var id: Int64
    public var caseID: Int64
    public var kind: EvidenceKind
    public var fileType: EvidenceFileType
    public var fileName: String
    public var size: Int64
    public var sha256: String
    public var note: String?
    public var uploadedBy: String
    public var uploadedAt: String
    public var removedAt: String?
    public var removedBy: String?
    public var removedReason: String?

    public init(id: Int64, caseID: Int64, kind: EvidenceKind, fileType: EvidenceFileType, fileName: String, size: Int64,
                sha256: String, note: String?, uploadedBy: String, uploadedAt: String, removedAt: String?,
                removedBy: String?, removedReason: String?) {
        (self.id, self.caseID, self.kind, self.fileType, self.fileName) = (id, caseID, kind, fileType, fileName)
        (self.size, self.sha256, self.note, self.uploadedBy, self.uploadedAt) = (size, sha256, note, uploadedBy, uploadedAt)
        (self.removedAt, self.removedBy, self.removedReason) = (removedAt, removedBy, removedReason)
    }

    public var isRemoved: Bool { removedAt != nil }

    enum CodingKeys: String, CodingKey {
        case id, kind, size, sha256, note
        case caseID = "case_id", fileType = "file_type", fileName = "file_name"
        case uploadedBy = "uploaded_by", uploadedAt = "uploaded_at"
        case removedAt = "removed_at", removedBy = "removed_by", removedReason = "removed_reason"
    }
}
