import Crypto
import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    /// Makes a document: loads its record, fills its values (Core decides whether the record supports it), gives
    /// it the next number of its kind and year, renders the file and records it with its SHA-256, all in one
    /// transaction. A document shows identifiers in full, so making one is audited as a reveal of each worker it
    /// names, with the document as the reason.
    public func makeDocument(_ request: DocumentRequest, actor: String,
                             render: DocumentRenderer) throws -> (document: IssuedDocument, file: Data) {
        try request.subject.check(for: request.kind)
        return try write(actor: actor) { db, audit in
            let date = request.date ?? today
            let year = date.year
            let pattern = try Self.setting(db, request.kind.numberSetting.rawValue) ?? request.kind.numberSetting.defaultValue
            let sequence = try Int64.fetchOne(db, cached: """
                    SELECT COALESCE(MAX(sequence), 0) + 1 FROM document WHERE kind = ? AND year = ?
                    """, arguments: [request.kind.rawValue, year]) ?? 1
            let number = DocumentNumber.format(pattern, year: year, sequence: sequence)
            if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM document WHERE number = ?", arguments: [number]) {
                throw WagecaseError.duplicate(entity: "document number", key: number, existingID: existing,
                                              hint: "each kind needs its own number pattern (settings document_number_*)")
            }
            let (facts, workerIDs, record) = try Self.documentFacts(db, request.subject, date: date, number: number)
            try facts.checkDate(today: today)
            let fields = try DocumentContent.fields(request.kind, facts)
            let template = request.format == .docx ? try Self.currentTemplate(db, request.kind) : nil
            let file = try render(request.kind, request.format, fields, template?.bytes)
            let sha = try Self.storeFile(db, file, mediaType: request.format.mediaType, at: audit.at)
            try db.execute(cached: """
                    INSERT INTO document (kind, year, sequence, number, case_id, clue_id, suggestion_id, format,
                                          template_sha256, file_sha256, made_on, made_by, made_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [request.kind.rawValue, year, sequence, number, record.caseID, record.clueID,
                                     record.suggestionID, request.format.rawValue, template?.sha256, sha, date.iso,
                                     actor, audit.at])
            let id = db.lastInsertedRowID
            try audit.record(.insert, table: "document", id: id, after: [
                "kind": request.kind.rawValue, "number": number, "record": record.label,
                "format": request.format.rawValue, "sha256": sha, "made_on": date.iso,
            ])
            for workerID in workerIDs {
                try audit.record(.reveal, table: "worker", id: workerID, after: ["fields": "id_number,phone"],
                                 reason: "\(request.kind.zh) \(number)")
            }
            return (try Self.fetchDocument(db, id: id), file)
        }
    }

    /// The document as it would be made, unnumbered and unrecorded (the page's preview). It shows identifiers in
    /// full, so it is audited as a reveal like the document itself.
    public func previewDocument(_ request: DocumentRequest, actor: String, render: DocumentRenderer) throws -> Data {
        try request.subject.check(for: request.kind)
        return try write(actor: actor) { db, audit in
            let date = request.date ?? today
            let (facts, workerIDs, _) = try Self.documentFacts(db, request.subject, date: date, number: nil)
            try facts.checkDate(today: today)
            let fields = try DocumentContent.fields(request.kind, facts)
            let template = request.format == .docx ? try Self.currentTemplate(db, request.kind) : nil
            let file = try render(request.kind, request.format, fields, template?.bytes)
            for workerID in workerIDs {
                try audit.record(.reveal, table: "worker", id: workerID, after: ["fields": "id_number,phone"],
                                 reason: "\(request.kind.zh) 预览")
            }
            return file
        }
    }

    /// Marks a document void, saying why; it keeps its number and its file.
    public func voidDocument(id: Int64, reason: String, actor: String) throws -> IssuedDocument {
        let reason = try TextField.required(reason, field: "reason", maxLength: 500)
        return try write(actor: actor) { db, audit in
            let document = try Self.fetchDocument(db, id: id)
            if document.isVoid {
                throw WagecaseError.invalidState(entity: "document", key: document.number, state: "is already void",
                                                 action: "void it", allowed: "a document not yet void")
            }
            try db.execute(cached: "UPDATE document SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
                           arguments: [audit.at, actor, reason, id])
            try audit.record(.update, table: "document", id: id, before: ["voided_at": nil],
                             after: ["voided_at": audit.at], reason: reason)
            return try Self.fetchDocument(db, id: id)
        }
    }

    /// Installs an office's template for a kind after `check` (which refuses unknown fields) passes; the one
    /// before is kept, marked replaced.
    public func installDocumentTemplate(_ kind: DocumentKind, fileName: String, bytes: Data, actor: String,
                                        check: (Data) throws -> Void) throws -> DocumentTemplateInfo {
        let fileName = try TextField.required(fileName, field: "file", maxLength: 200)
        try check(bytes)
        return try write(actor: actor) { db, audit in
            let sha = try Self.storeFile(db, bytes, mediaType: DocumentFormat.docx.mediaType, at: audit.at)
            let before = try Self.currentTemplate(db, kind)
            try db.execute(cached: "UPDATE document_template SET replaced_at = ? WHERE kind = ? AND replaced_at IS NULL",
                           arguments: [audit.at, kind.rawValue])
            try db.execute(cached: """
                    INSERT INTO document_template (kind, file_sha256, file_name, installed_by, installed_at)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [kind.rawValue, sha, fileName, actor, audit.at])
            try audit.record(.insert, table: "document_template", id: db.lastInsertedRowID,
                             before: before.map { ["sha256": $0.sha256] },
                             after: ["kind": kind.rawValue, "file_name": fileName, "sha256": sha])
            return DocumentTemplateInfo(kind: kind, fileName: fileName, sha256: sha, installedBy: actor, installedAt: audit.at)
        }
    }

    /// Goes back to the built-in template of a kind (the office's stays on record, marked replaced).
    public func removeDocumentTemplate(_ kind: DocumentKind, actor: String) throws {
        try write(actor: actor) { db, audit in
            guard let current = try Self.currentTemplate(db, kind) else {
                throw WagecaseError.notFound(entity: "office template", key: kind.rawValue)
            }
            try db.execute(cached: "UPDATE document_template SET replaced_at = ? WHERE kind = ? AND replaced_at IS NULL",
                           arguments: [audit.at, kind.rawValue])
            try audit.record(.update, table: "document_template", id: nil, before: ["sha256": current.sha256],
                             after: ["kind": kind.rawValue, "replaced_at": audit.at])
        }
    }

    /// Keeps `bytes` once under their SHA-256 (a second copy of the same file adds nothing).
    static func storeFile(_ db: Database, _ bytes: Data, mediaType: String, at: String) throws -> String {
        let sha = Hex.string(SHA256.hash(data: bytes))
        try db.execute(cached: """
                INSERT INTO stored_file (sha256, size, media_type, bytes, stored_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING
                """, arguments: [sha, bytes.count, mediaType, bytes, at])
        return sha
    }

    static func fileBytes(_ db: Database, sha256: String) throws -> Data {
        guard let bytes = try Data.fetchOne(db, cached: "SELECT bytes FROM stored_file WHERE sha256 = ?", arguments: [sha256]) else {
            throw WagecaseError.notFound(entity: "stored file", key: sha256)
        }
        return bytes
    }
}

// MARK: - Reads

extension AppDatabase {
    /// The register: every document issued in the order they were made, optionally those of one record.
    public func documents(subject: DocumentSubject?, limit: Int = 100, afterID: Int64 = 0) throws -> [IssuedDocument] {
        try read { db in
            var condition = "1"
            var arguments: StatementArguments = []
            switch subject {
            case .wageCase(let reference)?:
                condition = "d.case_id = ?"
                arguments += [try Self.fetchCase(db, reference).id]
            case .clue(let id)?:
                condition = "d.clue_id = ?"
                arguments += [id]
            case .suggestion(let reference)?:
                condition = "d.suggestion_id = ?"
                arguments += [try Self.fetchSuggestion(db, reference: reference).id]
            case nil: break
            }
            arguments += [afterID, limit]
            return try Row.fetchAll(db, sql: """
                    \(IssuedDocument.selection) WHERE \(condition) AND d.id > ? ORDER BY d.id LIMIT ?
                    """, arguments: arguments).map(IssuedDocument.init(row:))
        }
    }

    public func document(id: Int64) throws -> IssuedDocument {
        try read { db in try Self.fetchDocument(db, id: id) }
    }

    /// One document and its file; handing the file out is audited as a reveal (it shows identifiers in full).
    public func documentFile(id: Int64, actor: String) throws -> (document: IssuedDocument, file: Data) {
        try write(actor: actor) { db, audit in
            let document = try Self.fetchDocument(db, id: id)
            let bytes = try Self.fileBytes(db, sha256: document.fileSHA256)
            try audit.record(.reveal, table: "document", id: id, after: ["number": document.number],
                             reason: "下载文书 \(document.number)")
            return (document, bytes)
        }
    }

    public func documentTemplates() throws -> [DocumentTemplateInfo] {
        try read { db in
            try DocumentKind.allCases.compactMap { kind in try Self.currentTemplate(db, kind)?.info }
        }
    }

    /// The office's template for a kind, or nil for the built-in one.
    public func documentTemplate(_ kind: DocumentKind) throws -> (info: DocumentTemplateInfo, bytes: Data)? {
        try read { db in try Self.currentTemplate(db, kind).map { ($0.info, $0.bytes) } }
    }

    static func currentTemplate(_ db: Database, _ kind: DocumentKind) throws
        -> (info: DocumentTemplateInfo, sha256: String, bytes: Data)? {
        guard let row = try Row.fetchOne(db, cached: """
                SELECT t.file_name, t.file_sha256, t.installed_by, t.installed_at, f.bytes FROM document_template t
                JOIN stored_file f ON f.sha256 = t.file_sha256 WHERE t.kind = ? AND t.replaced_at IS NULL
                """, arguments: [kind.rawValue]) else { return nil }
        let sha: String = try row.decode(forColumn: "file_sha256")
        let info = DocumentTemplateInfo(kind: kind, fileName: try row.decode(forColumn: "file_name"), sha256: sha,
                                        installedBy: try row.decode(forColumn: "installed_by"),
                                        installedAt: try row.decode(forColumn: "installed_at"))
        return (info, sha, try row.decode(forColumn: "bytes"))
    }

    static func fetchDocument(_ db: Database, id: Int64) throws -> IssuedDocument {
        guard let row = try Row.fetchOne(db, cached: "\(IssuedDocument.selection) WHERE d.id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "document", key: "#\(id)")
        }
        return try IssuedDocument(row: row)
    }

    /// What a document is made from, the workers whose identifiers it shows, and which record it belongs to.
    static func documentFacts(_ db: Database, _ subject: DocumentSubject, date: LocalDate, number: String?) throws
        -> (facts: DocumentFacts, workerIDs: [Int64], record: DocumentRecord) {
        let office = try setting(db, Setting.officeName.rawValue) ?? Setting.officeName.defaultValue
        var facts = DocumentFacts(office: office, date: date, number: number)
        switch subject {
        case .wageCase(let reference):
            let wageCase = try fetchCase(db, reference)
            let detail = try fetchCaseDetail(db, wageCase)
            let clue = try fetchClue(db, id: wageCase.clueID)
            facts.caseDetail = detail
            facts.clue = clue
            facts.worker = try fetchWorker(db, id: wageCase.workerID)
            facts.employer = try fetchEmployer(db, .id(wageCase.employerID))
            if let projectID = clue.projectID { facts.project = try fetchProject(db, .id(projectID), employerID: nil) }
            var workerIDs = [wageCase.workerID]
            if let seriesID = wageCase.seriesID {
                facts.series = try Row.fetchAll(db, cached: "\(WageCase.selection) WHERE c.series_id = ? ORDER BY c.id",
                                                arguments: [seriesID]).map(WageCase.init(row:))
                workerIDs = facts.series.map(\.workerID)
            }
            return (facts, workerIDs, DocumentRecord(caseID: wageCase.id, label: "案件 \(wageCase.label)"))
        case .clue(let id):
            let clue = try fetchClue(db, id: id)
            facts.clue = clue
            facts.employer = try fetchEmployer(db, .id(clue.employerID))
            if let projectID = clue.projectID { facts.project = try fetchProject(db, .id(projectID), employerID: nil) }
            return (facts, clue.workers.map(\.workerID), DocumentRecord(clueID: id, label: "线索 #\(id)"))
        case .suggestion(let reference):
            let suggestion = try fetchSuggestion(db, reference: reference)
            facts.suggestion = suggestion
            facts.suggestionProjects = try suggestion.projectIDs.map { try fetchProject(db, .id($0), employerID: nil) }
            return (facts, [], DocumentRecord(suggestionID: suggestion.id, label: "检察建议 \(suggestion.number)"))
        }
    }
}

/// The record a document belongs to, as stored and as the register names it.
struct DocumentRecord {
    var caseID: Int64? = nil
    var clueID: Int64? = nil
    var suggestionID: Int64? = nil
    var label: String
}

extension IssuedDocument {
    static let selection = """
        SELECT d.*, f.size,
               CASE WHEN d.case_id IS NOT NULL THEN COALESCE(c.case_number, '#' || c.id)
                    WHEN d.clue_id IS NOT NULL THEN '#' || d.clue_id
                    ELSE s.number END AS record
        FROM document d JOIN stored_file f ON f.sha256 = d.file_sha256
        LEFT JOIN wage_case c ON c.id = d.case_id LEFT JOIN suggestion s ON s.id = d.suggestion_id
        """

    init(row: Row) throws {
        let madeOn: String = try row.decode(forColumn: "made_on")
        guard let date = LocalDate.parseISO(madeOn) else {
            throw WagecaseError.invalidField(field: "made_on", value: madeOn, reason: "is not a date", allowed: "YYYY-MM-DD")
        }
        self.init(id: try row.decode(forColumn: "id"), kind: try row.vocabulary("kind"), number: try row.decode(forColumn: "number"),
                  year: try row.decode(forColumn: "year"), sequence: try row.decode(forColumn: "sequence"),
                  caseID: try row.decode(forColumn: "case_id"), clueID: try row.decode(forColumn: "clue_id"),
                  suggestionID: try row.decode(forColumn: "suggestion_id"), record: try row.decode(forColumn: "record"),
                  format: try row.vocabulary("format"), templateSHA256: try row.decode(forColumn: "template_sha256"),
                  fileSHA256: try row.decode(forColumn: "file_sha256"), size: try row.decode(forColumn: "size"),
                  madeOn: date, madeBy: try row.decode(forColumn: "made_by"), madeAt: try row.decode(forColumn: "made_at"),
                  voidedAt: try row.decode(forColumn: "voided_at"), voidedBy: try row.decode(forColumn: "voided_by"),
                  voidReason: try row.decode(forColumn: "void_reason"))
    }
}
