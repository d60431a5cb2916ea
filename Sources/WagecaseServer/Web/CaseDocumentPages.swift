import Foundation
import Hummingbird
import WagecaseCore
import WagecaseReports
import WagecaseStore

/// A case's papers on its page: the documents made from it (made in one click, previewed as HTML first) and the
/// evidence it rests on (uploaded from a computer or straight from a phone's camera). The same use-cases as
/// `wagecase document` and `wagecase case attach`.
struct CaseDocumentPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.post("cases/:id/documents", use: make)
        router.get("cases/:id/documents/preview", use: preview)
        router.get("documents/:id/file", use: documentFile)
        router.post("documents/:id/void", use: void)
        router.post("cases/:id/attachments", use: attach)
        router.get("cases/:id/attachments/:attachment", use: attachmentFile)
        router.post("cases/:id/attachments/:attachment/remove", use: removeAttachment)
    }

    /// The kinds a case's page offers: those its record supports now.
    static func kinds(for detail: CaseDetail) -> [DocumentKind] {
        var kinds: [DocumentKind] = [.acceptanceNotice]
        let stage = detail.wageCase.stage
        if detail.events.contains(where: { $0.stage == .supportDecided }), stage != .declined, stage != .supportWithdrawn {
            kinds.append(.supportLetter)
        }
        if stage == .declined { kinds.append(.declineNotice) }
        return kinds
    }

    /// What the case's page shows of its documents and evidence.
    static func data(_ detail: CaseDetail, documents: [IssuedDocument], attachments: [CaseAttachment],
                     role: Role, language: Language) -> [String: Any] {
        let caseID = detail.wageCase.id
        let mayReveal = role.may(.reveal)
        return [
            "mayMakeDocuments": mayReveal,
            "documentKinds": kinds(for: detail).map { kind in
                ["value": kind.rawValue, "make": Phrase("Make \(kind)").text(language),
                 "preview": Phrase("Preview \(kind)").text(language)]
            },
            "documents": documents.map { document -> [String: Any] in
                ["docID": document.id, "number": document.number, "docKind": document.kind.label(language),
                 "madeOn": document.madeOn.iso, "madeBy": document.madeBy,
                 "format": document.format.rawValue.uppercased(), "sha": String(document.fileSHA256.prefix(12)),
                 "voidReason": document.voidReason ?? "", "mayDownload": mayReveal && !document.isVoid,
                 "mayVoid": role.may(.writeCases) && !document.isVoid, "caseID": caseID]
            },
            "evidenceKinds": options(EvidenceKind.allCases, selected: nil, language),
            "attachments": attachments.map { attachment -> [String: Any] in
                ["attID": attachment.id, "evidenceKind": attachment.kind.label(language), "fileName": attachment.fileName,
                 "fileType": attachment.fileType.rawValue.uppercased(), "size": ByteCount.text(attachment.size),
                 "uploadedBy": attachment.uploadedBy, "uploadedAt": Self.minute(attachment.uploadedAt), "attNote": attachment.note ?? "",
                 "removedReason": attachment.removedReason ?? "",
                 "mayDownload": !attachment.isRemoved && (!attachment.kind.isIdentityDocument || mayReveal),
                 "mayRemove": role.may(.writeCases) && !attachment.isRemoved, "caseID": caseID]
            },
        ]
    }

    /// "2026-11-27T08:53:42+08:00" → "2026-11-27 08:53" (stored times are Asia/Shanghai).
    static func minute(_ timestamp: String) -> String {
        String(timestamp.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    // MARK: Documents

    @Sendable func make(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .reveal)
        let detail = try await caseDetail(context)
        return try await refusedBeside("document", request, context) {
            let kind = try DocumentKind.parse(context.form["kind"] ?? "", field: "kind")
            let format = try DocumentFormat.parse(context.form["format"] ?? "docx", field: "format")
            _ = try await store.makeDocument(DocumentRequest(kind: kind, subject: .wageCase(CaseReference("#\(detail.wageCase.id)")),
                                                             format: format),
                                             actor: user.name, render: DocumentRendering.render)
            return WebPage.redirect("/cases/\(detail.wageCase.id)#documents", notice: "document-made")
        }
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

    /// The document as it would be made, in the browser, unnumbered; printed from here it is not on record.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .reveal)
        let detail = try await caseDetail(context)
        let kind = try DocumentKind.parse(request.query("kind") ?? "", field: "kind")
        let html = try await store.previewDocument(
            DocumentRequest(kind: kind, subject: .wageCase(CaseReference("#\(detail.wageCase.id)")), format: .html),
            actor: user.name, render: DocumentRendering.render)
        var headers: HTTPFields = [.contentType: DocumentFormat.html.mediaType, .cacheControl: "no-store",
                                   .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'"]
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: html)))
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
        let back = document.caseID.map { "/cases/\($0)#documents" } ?? "/"
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
        let user = try context.caseReader(request)
        let attachment = try await attachmentOfCase(context)
        if attachment.kind.isIdentityDocument { _ = try context.pageUser(request, allowedTo: .reveal) }
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

