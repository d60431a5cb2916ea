import Foundation
import Hummingbird
import WagecaseCore
import WagecaseReports
import WagecaseStore

/// Documents made from the record and evidence kept with cases. Making, previewing or downloading a document
/// shows identifiers in full: only a role that may reveal does it, each time audited.
struct DocumentsController {
    let store: any RecordStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("documents", use: list)
        group.post("documents", use: create)
        group.post("documents/preview", use: preview)
        group.get("documents/:id", use: get)
        group.get("documents/:id/file", use: file)
        group.post("documents/:id/void", use: void)
        group.get("document-templates", use: templates)
        group.put("document-templates/:kind", use: installTemplate)
        group.delete("document-templates/:kind", use: removeTemplate)
        group.get("cases/:id/attachments", use: attachments)
        group.post("cases/:id/attachments", use: attach)
        group.get("attachments/:id/file", use: attachmentFile)
        group.post("attachments/:id/remove", use: removeAttachment)
    }

    struct MakeBody: APIRequestBody {
        var kind: String
        var `case`: String?
        var clue: Int64?
        var suggestion: String?
        var format: String?
        var date: String?
        static let fields: Set<String> = ["kind", "case", "clue", "suggestion", "format", "date"]

        func request() throws -> DocumentRequest {
            var fields = RefusalCollector()
            let kind = fields.check { () throws(WagecaseError) in try DocumentKind.parse(self.kind, field: "kind") }
            let format = fields.check { () throws(WagecaseError) -> DocumentFormat in
                guard let text = self.format else { return .docx }
                return try DocumentFormat.parse(text, field: "format")
            }
            let date = fields.check { () throws(WagecaseError) in
                try self.date.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "date") }
            }
            let subject = fields.check { () throws(WagecaseError) -> DocumentSubject in
                switch (self.case, clue, suggestion) {
                case (let reference?, nil, nil): return .wageCase(CaseReference(reference))
                case (nil, let id?, nil): return .clue(id)
                case (nil, nil, let reference?): return .suggestion(reference)
                default:
                    throw .invalidField(field: "case", value: "", reason: "is given with another record",
                                        allowed: "one of --case, --clue or --suggestion")
                }
            }
            try fields.finish()
            guard let kind, let format, let date, let subject else { throw Refusals(fields.errors) }
            return DocumentRequest(kind: kind, subject: subject, format: format, date: date)
        }
    }

    struct ReasonBody: APIRequestBody {
        var reason: String
        static let fields: Set<String> = ["reason"]
    }

    // MARK: Documents

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .reveal)
        let body = try await APIBody.decode(MakeBody.self, from: request)
        let made = try await store.makeDocument(try body.request(), actor: user.name, render: DocumentRendering.render)
        return try JSONResponse.make(made.document, status: .created, location: "/api/v1/documents/\(made.document.id)")
    }

    /// The document as HTML, unnumbered and unrecorded, for a look before making it.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .reveal)
        var document = try await APIBody.decode(MakeBody.self, from: request).request()
        document.format = .html
        return FileDownload.preview(try await store.previewDocument(document, actor: user.name, render: DocumentRendering.render))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .readCases)
        let paging = try Paging(request)
        let subject: DocumentSubject?
        if let reference = request.query("case") {
            subject = .wageCase(CaseReference(reference))
        } else if let clue = request.query("clue") {
            guard let id = Int64(clue), id >= 1 else {
                throw APIError.badRequest(field: "clue", reason: "clue must be a clue id")
            }
            subject = .clue(id)
        } else {
            subject = request.query("suggestion").map { .suggestion($0) }
        }
        let documents = try await store.documents(subject: subject, limit: paging.limit, afterID: paging.afterID)
        return try JSONResponse.make(paging.page(documents, id: \.id))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .readCases)
        let id = try context.parameters.require("id", as: Int64.self)
        return try JSONResponse.make(try await pathRecord { try await store.document(id: id) })
    }

    @Sendable func file(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .reveal)
        let id = try context.parameters.require("id", as: Int64.self)
        let (document, bytes) = try await pathRecord { try await store.documentFile(id: id, actor: user.name) }
        return FileDownload.response(bytes, mediaType: document.format.mediaType, fileName: document.fileName)
    }

    @Sendable func void(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await APIBody.decode(ReasonBody.self, from: request)
        let document = try await pathRecord { try await store.voidDocument(id: id, reason: body.reason, actor: user.name) }
        return try JSONResponse.make(document)
    }

    // MARK: Templates

    @Sendable func templates(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        return try JSONResponse.make(try await store.documentTemplates())
    }

    /// The body is the office's DOCX; ?file_name= names it.
    @Sendable func installTemplate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .administer)
        let kind = try DocumentKind.parse(try context.pathText("kind"), field: "kind")
        let bytes = try await AttachmentUpload.body(request, limit: 50 * 1_048_576)
        let info = try await store.installDocumentTemplate(
            kind, fileName: request.query("file_name") ?? "\(kind.rawValue).docx", bytes: bytes, actor: user.name,
            check: DocumentRendering.checkTemplate(kind))
        return try JSONResponse.make(info, status: .created)
    }

    @Sendable func removeTemplate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .administer)
        let kind = try DocumentKind.parse(try context.pathText("kind"), field: "kind")
        try await pathRecord { try await store.removeDocumentTemplate(kind, actor: user.name) }
        return Response(status: .noContent)
    }

    // MARK: Attachments

    @Sendable func attachments(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .readCases)
        let reference = CaseReference(try context.pathText("id"))
        return try JSONResponse.make(try await pathRecord { try await store.attachments(reference) })
    }

    /// The body is the file's bytes; ?kind= (required), ?file_name= and ?note= describe it.
    @Sendable func attach(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        let maxMB = Setting.attachmentMaxMB.number(try await store.settings()[.attachmentMaxMB])
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let kind = try EvidenceKind.parse(request.query("kind") ?? "", field: "kind")
        let bytes = try await AttachmentUpload.body(request, limit: maxMB * 1_048_576)
        let attachment = try await store.attach(
            NewAttachment(reference: reference, kind: kind, fileName: request.query("file_name") ?? "file",
                          note: request.query("note"), bytes: bytes), actor: user.name)
        return try JSONResponse.make(attachment, status: .created)
    }

    @Sendable func attachmentFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        // Evidence carries ID numbers whatever its kind (wage lists, contracts, judgments, an ID card filed as a
        // photo): the file goes only to a role that may reveal, each download audited as a reveal.
        let user = try context.user(allowedTo: .reveal)
        let id = try context.parameters.require("id", as: Int64.self)
        let (attachment, bytes) = try await pathRecord { try await store.attachmentFile(id: id, actor: user.name) }
        return FileDownload.response(bytes, mediaType: attachment.fileType.mediaType, fileName: attachment.fileName)
    }

    @Sendable func removeAttachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await APIBody.decode(ReasonBody.self, from: request)
        let attachment = try await pathRecord { try await store.removeAttachment(id: id, reason: body.reason, actor: user.name) }
        return try JSONResponse.make(attachment)
    }
}

/// An upload's bytes, refused past `limit` with the limit named.
enum AttachmentUpload {
    static func body(_ request: Request, limit: Int) async throws -> Data {
        do {
            return Data(buffer: try await request.body.collect(upTo: limit))
        } catch {
            throw WagecaseError.invalidField(field: "file", value: "", reason: "is larger than \(limit / 1_048_576) MB",
                                             allowed: "a file of at most \(limit / 1_048_576) MB (setting attachment_max_mb)")
        }
    }
}
