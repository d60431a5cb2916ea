import Foundation
import Hummingbird
import WagecaseCore
import WagecaseReports
import WagecaseStore

/// The papers on a record's page: the documents made from a case, a referred clue or a suggestion (made in one
/// click, previewed as HTML first), and the evidence a case rests on (uploaded from a computer or straight from a
/// phone's camera). The same use-cases as `wagecase document` and `wagecase case attach`.
struct DocumentPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        for area in ["cases", "clues", "suggestions"] {
            router.post("\(area)/:id/documents", use: make)
            router.post("\(area)/:id/documents/preview", use: preview)
        }
        router.get("documents/:id/file", use: documentFile)
        router.post("documents/:id/void", use: void)
        router.post("cases/:id/attachments", use: attach)
        router.get("cases/:id/attachments/:attachment", use: attachmentFile)
        router.post("cases/:id/attachments/:attachment/remove", use: removeAttachment)
    }

    /// What a record's page shows of its documents: the register's entries, and the kinds it may make now.
    static func documentsData(kinds: [DocumentKind], documents: [IssuedDocument], recordPath: String, role: Role,
                              language: Language) -> [String: Any] {
        let mayReveal = role.may(.reveal)
        return [
            "recordPath": recordPath,
            "mayMakeDocuments": mayReveal,
            "documentKinds": kinds.map { kind in
                ["value": kind.rawValue, "make": Phrase("Make \(kind)").text(language),
                 "preview": Phrase("Preview \(kind)").text(language)]
            },
            "documents": documents.map { document -> [String: Any] in
                ["docID": document.id, "number": document.number, "docKind": document.kind.label(language),
                 "madeOn": document.madeOn.iso, "madeBy": document.madeBy,
                 "format": document.format.rawValue.uppercased(), "sha": String(document.fileSHA256.prefix(12)),
                 "voidReason": document.voidReason ?? "", "mayDownload": mayReveal && !document.isVoid,
                 "mayVoid": role.may(.writeCases) && !document.isVoid]
            },
            "documentProblems": [String](),
        ]
    }

    /// What the case's page shows of its documents and evidence.
    static func data(_ detail: CaseDetail, documents: [IssuedDocument], attachments: [CaseAttachment],
                     role: Role, language: Language) -> [String: Any] {
        let caseID = detail.wageCase.id
        let mayReveal = role.may(.reveal)
        var data = documentsData(kinds: DocumentContent.kinds(for: detail), documents: documents, recordPath: "/cases/\(caseID)",
                                 role: role, language: language)
        data["evidenceKinds"] = options(EvidenceKind.allCases, selected: nil, language)
        data["attachments"] = attachments.map { attachment -> [String: Any] in
            ["attID": attachment.id, "evidenceKind": attachment.kind.label(language), "fileName": attachment.fileName,
             "fileType": attachment.fileType.rawValue.uppercased(), "size": ByteCount.text(attachment.size),
             "uploadedBy": attachment.uploadedBy, "uploadedAt": Self.minute(attachment.uploadedAt), "attNote": attachment.note ?? "",
             "removedReason": attachment.removedReason ?? "",
             "mayDownload": !attachment.isRemoved && mayReveal,
             "mayRemove": role.may(.writeCases) && !attachment.isRemoved, "caseID": caseID]
        }
        return data
    }

    /// "2026-11-27T08:53:42+08:00" → "2026-11-27 08:53" (stored times are Asia/Shanghai).
    static func minute(_ timestamp: String) -> String {
        String(timestamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    // MARK: Documents

    /// The record the path names, as a document's subject, and its page.
    private func record(_ request: Request, _ context: AppRequestContext) async throws -> (subject: DocumentSubject, page: String) {
        let area = request.uri.path.split(separator: "/").first.map(String.init) ?? ""
        switch area {
        case "clues":
            let id = try context.parameters.require("id", as: Int64.self)
            let clue = try await pathRecord { try await store.clue(id) }
            return (.clue(clue.id), "/clues/\(clue.id)")
        case "suggestions":
            let reference = try context.pathText("id")
            let suggestion = try await pathRecord { try await store.suggestion(reference) }
            return (.suggestion("#\(suggestion.id)"), "/suggestions/\(suggestion.id)")
        default:
            let detail = try await caseDetail(context)
            return (.wageCase(CaseReference("#\(detail.wageCase.id)")), "/cases/\(detail.wageCase.id)")
        }
    }

    @Sendable func make(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .reveal)
        let (subject, page) = try await record(request, context)
        let write: () async throws -> Response = {
            let kind = try DocumentKind.parse(context.form["kind"] ?? "", field: "kind")
            let format = try DocumentFormat.parse(context.form["format"] ?? "docx", field: "format")
            _ = try await store.makeDocument(DocumentRequest(kind: kind, subject: subject, format: format),
                                             actor: user.name, render: DocumentRendering.render)
            return WebPage.redirect(page + "#documents", notice: "document-made")
        }
        // On a case's page a refusal shows beside the form; elsewhere as the error page, in the same words.
        guard case .wageCase = subject else { return try await write() }
        return try await refusedBeside("document", request, context, write)
    }

    /// `write`'s answer, or after a refusal the case's page again with what was wrong beside the form.
    private func refusedBeside(_ form: String, _ request: Request, _ context: AppRequestContext,
                               _ write: () async throws -> Response) async throws -> Response {
        do {
            return try await write()
        } catch let error as any Refusal where !(error is APIError) {
            return try await CasePages(store: store).refused(error, request, context, form: form)
        }
    }

    /// The document as it would be made, in the browser, unnumbered; printed from here it is not on record. A
    /// form's POST with its token, not a link: a preview is a reveal, audited, which no other site may cause.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .reveal)
        let (subject, _) = try await record(request, context)
        let kind = try DocumentKind.parse(context.form["kind"] ?? "", field: "kind")
        return FileDownload.preview(try await store.previewDocument(DocumentRequest(kind: kind, subject: subject, format: .html),
                                                                    actor: user.name, render: DocumentRendering.render))
    }

    @Sendable func documentFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .reveal)
        let id = try context.parameters.require("id", as: Int64.self)
        let (document, bytes) = try await pathRecord { try await store.documentFile(id: id, actor: user.name) }
        return FileDownload.response(bytes, mediaType: document.format.mediaType, fileName: document.fileName)
    }

    @Sendable func void(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        let document = try await pathRecord {
            try await store.voidDocument(id: id, reason: context.form["reason"] ?? "", actor: user.name)
        }
        let back = document.caseID.map { "/cases/\($0)#documents" } ?? document.clueID.map { "/clues/\($0)#documents" }
            ?? document.suggestionID.map { "/suggestions/\($0)#documents" } ?? "/"
        return WebPage.redirect(back, notice: "document-voided")
    }

    // MARK: Evidence

    @Sendable func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let detail = try await caseDetail(context)
        return try await refusedBeside("evidence", request, context) {
            guard let upload = context.upload, !upload.data.isEmpty else {
                throw WagecaseError.invalidField(field: "file", value: "", reason: "is missing",
                                                 allowed: "a PDF, JPEG, PNG, HEIC, DOCX, XLSX or OFD file")
            }
            let kind = try EvidenceKind.parse(context.form["kind"] ?? "", field: "kind")
            _ = try await store.attach(NewAttachment(reference: CaseReference("#\(detail.wageCase.id)"), kind: kind,
                                                     fileName: upload.fileName.isEmpty ? "file" : upload.fileName,
                                                     note: context.form["note"], bytes: upload.data), actor: user.name)
            return WebPage.redirect("/cases/\(detail.wageCase.id)#evidence", notice: "attachment-added")
        }
    }

    @Sendable func attachmentFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .reveal)
        let attachment = try await attachmentOfCase(context)
        let (_, bytes) = try await store.attachmentFile(id: attachment.id, actor: user.name)
        return FileDownload.response(bytes, mediaType: attachment.fileType.mediaType, fileName: attachment.fileName)
    }

    @Sendable func removeAttachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let attachment = try await attachmentOfCase(context)
        _ = try await store.removeAttachment(id: attachment.id, reason: context.form["reason"] ?? "", actor: user.name)
        return WebPage.redirect("/cases/\(attachment.caseID)#evidence", notice: "attachment-removed")
    }

    private func caseDetail(_ context: AppRequestContext) async throws -> CaseDetail {
        let reference = CaseReference(try context.pathText("id"))
        return try await pathRecord { try await store.caseDetail(reference) }
    }

    /// The attachment named in the path, if it belongs to the case named there (else: not found).
    private func attachmentOfCase(_ context: AppRequestContext) async throws -> CaseAttachment {
        let detail = try await caseDetail(context)
        let id = try context.parameters.require("attachment", as: Int64.self)
        let attachment = try await pathRecord { try await store.attachment(id: id) }
        guard attachment.caseID == detail.wageCase.id else { throw APIError.notFound("attachment #\(id)") }
        return attachment
    }
}

