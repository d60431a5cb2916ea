import Foundation
import Hummingbird
import WagecaseCore
import WagecaseImport
import WagecaseStore

/// /import: upload a CSV or XLSX, see the dry run's report row by row, then confirm. The same session and rules
/// as `wagecase import`: the file is read by `ImportSession` and written by the store's import use-case. The
/// upload waits in a private temporary folder between the two steps, for the user who sent it only.
struct ImportPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("import", use: form)
        router.post("import", use: check)
        router.post("import/confirm", use: confirm)
    }

    static let shownIssues = 200
    /// The service user's own folder for uploads (by user id: another account's folder of the same name is
    /// refused, see `keep`).
    static let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-uploads-\(getuid())")

    /// Who may import what: the same permissions as recording the records one by one.
    static func permission(_ kind: ImportKind) -> Permission {
        switch kind {
        case .workers, .clues: .writeCases
        case .employers: .writeEmployers
        case .projects, .guarantees: .writeGuarantees
        }
    }

    static func label(_ kind: ImportKind) -> Phrase {
        switch kind {
        case .workers: "Migrant workers"
        case .employers: "Employers"
        case .projects: "Projects"
        case .guarantees: "Guarantees"
        case .clues: "Wage clues"
        }
    }

    private func kinds(for user: APIUser, selected: ImportKind?, _ language: Language) -> [(value: String, label: String, selected: Bool)] {
        ImportKind.allCases.filter { user.role.may(Self.permission($0)) }.map {
            ($0.rawValue, Self.label($0).text(language), $0 == selected)
        }
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let kinds = kinds(for: user, selected: nil, context.language)
        guard !kinds.isEmpty else { throw APIError.forbidden(role: user.role, permission: .writeCases) }
        return WebPage.render("import", title: "Import", [
            "kinds": optionsHTML(kinds), "sources": options(ClueSource.allCases, selected: nil, context.language),
        ], context: context, request: request)
    }

    /// Step 1: keep the upload, dry-run it, show every problem.
    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let options = try ImportChoice(context.form)
        guard user.role.may(Self.permission(options.kind)) else {
            throw APIError.forbidden(role: user.role, permission: Self.permission(options.kind))
        }
        guard let upload = context.upload, !upload.data.isEmpty else {
            throw WagecaseError.invalidField(field: "file", value: "", reason: "is missing",
                                             allowed: "a .csv or .xlsx file")
        }
        let token = try Self.keep(upload, for: user)
        return try await run(request, context, user: user, token: token, options: options, dryRun: true)
    }

    /// Step 2: import the kept file for real.
    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let options = try ImportChoice(context.form)
        guard user.role.may(Self.permission(options.kind)) else {
            throw APIError.forbidden(role: user.role, permission: Self.permission(options.kind))
        }
        let token = context.form["upload"] ?? ""
        return try await run(request, context, user: user, token: token, options: options, dryRun: false)
    }

    private func run(_ request: Request, _ context: AppRequestContext, user: APIUser, token: String,
                     options: ImportChoice, dryRun: Bool) async throws -> Response {
        let language = context.language
        let folder = try Self.folder(token, for: user)
        let fileName = try Self.fileName(in: folder)
        let path = folder.appendingPathComponent(fileName).path
        let session: ImportSession
        do {
            session = try ImportSession(
                kind: options.kind, path: path, fileName: fileName, sheet: options.sheet, encoding: .auto,
                mappingFile: nil, defaultSource: options.source, dryRun: dryRun, skipInvalid: options.skipInvalid,
                amountStands: options.amountStands, actor: user.name)
        } catch let error as any Refusal {
            // The file's own fault (not a spreadsheet, no such sheet, no heading): said in the file's name, never
            // the server's folder.
            throw UnreadableUpload(message: { language in
                error.message(language).replacingOccurrences(of: path, with: fileName)
                    .replacingOccurrences(of: folder.path, with: "")
            })
        }
        let report = try await store.importFile(session.request, parser: session.parser,
                                                rows: ImportRowFeed(session.nextRow), keepIssues: Self.shownIssues)
        let summary = report.summary
        if !dryRun && summary.committed {
            // Imported: the kept file (full ID numbers in it) goes. Refused or failed: kept to try again.
            try? FileManager.default.removeItem(at: folder)
        }
        let data: [String: Any] = [
            "dryRun": dryRun, "committed": summary.committed, "fileName": fileName, "upload": token,
            "kind": options.kind.rawValue, "kindLabel": Self.label(options.kind).text(language),
            "source": options.source?.rawValue ?? "", "sheet": options.sheet ?? "",
            "skipInvalid": options.skipInvalid, "amountStands": options.amountStands?.rawValue ?? "",
            "rowsRead": summary.rowsRead, "imported": summary.imported, "merged": summary.merged,
            "rejected": summary.rejected, "skipped": summary.skipped,
            "issueCount": report.issueCount, "more": max(report.issueCount - report.issues.count, 0),
            "issues": report.issues.map { ["row": $0.row, "column": $0.column, "value": $0.value,
                                           "reason": $0.reason.text(language)] },
            "unknownColumns": session.columns.unknown.joined(separator: "、"),
            "previous": summary.previousImport.map { "#\($0.id) \($0.startedAt.prefix(10)) \($0.actor)" } ?? "",
            "mayConfirm": dryRun && (summary.rejected == 0 || options.skipInvalid),
        ]
        return WebPage.render("import-report", title: dryRun ? "Check before importing" : "Import finished", data,
                              context: context, request: request)
    }

    // MARK: The kept upload

    /// Saves an upload in a folder of its own named by a random token; a folder older than a day is removed.
    static func keep(_ upload: MultipartForm.File, for user: APIUser) throws -> String {
        let manager = FileManager.default
        try manager.createDirectory(at: uploads, withIntermediateDirectories: true,
                                    attributes: [.posixPermissions: 0o700])
        // A folder someone else made first (or opened to others) is not ours to keep files in.
        let attributes = try manager.attributesOfItem(atPath: uploads.path)
        guard (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid(),
              (attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700 else {
            throw UnreadableUpload(message: { language in
                Phrase("The upload folder is not private to the service; nothing was kept.").text(language)
            })
        }
        let dayAgo = Date().addingTimeInterval(-86_400)
        for old in (try? manager.contentsOfDirectory(at: uploads, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        where ((try? old.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast) < dayAgo {
            try? manager.removeItem(at: old)
        }
        let name = URL(fileURLWithPath: upload.fileName).lastPathComponent
        let lower = name.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".xlsx") || lower.hasSuffix(".txt") else {
            throw WagecaseError.invalidField(field: "file", value: name, reason: "is not a spreadsheet",
                                             allowed: "a .csv or .xlsx file")
        }
        let token = WebTokens.random()
        let folder = uploads.appendingPathComponent(token)
        try manager.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try Data(user.name.utf8).write(to: folder.appendingPathComponent(".owner"))
        let safe = name.filter { !"/\\\0".contains($0) }
        try upload.data.write(to: folder.appendingPathComponent(safe.isEmpty || safe.hasPrefix(".") ? "upload" + (lower.hasSuffix(".xlsx") ? ".xlsx" : ".csv") : safe))
        return token
    }

    /// The folder of a token, if it is one this user uploaded.
    static func folder(_ token: String, for user: APIUser) throws -> URL {
        let valid = token.count == 43 && token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        let folder = uploads.appendingPathComponent(valid ? token : "-")
        guard valid, let owner = try? String(contentsOf: folder.appendingPathComponent(".owner"), encoding: .utf8),
              owner == user.name else {
            throw WagecaseError.invalidField(field: "upload", value: "", reason: "is no longer kept",
                                             allowed: "the file uploaded again")
        }
        return folder
    }

    static func fileName(in folder: URL) throws -> String {
        guard let name = try FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: { !$0.hasPrefix(".") }) else {
            throw WagecaseError.invalidField(field: "upload", value: "", reason: "is no longer kept",
                                             allowed: "the file uploaded again")
        }
        return name
    }
}

/// An upload that cannot be read as a table, said in the reader's language (422).
struct UnreadableUpload: Refusal {
    let message: @Sendable (Language) -> String
    var code: String { "import.unreadable" }
    func message(_ language: Language) -> String { message(language) }
}

/// The import form's choices, read the same way on both steps.
struct ImportChoice {
    let kind: ImportKind
    let source: ClueSource?
    let sheet: String?
    let skipInvalid: Bool
    let amountStands: ClueIntake.AmountStands?

    init(_ form: FormData) throws {
        let text = form["kind"] ?? ""
        guard let kind = ImportKind(rawValue: text) else {
            throw WagecaseError.invalidField(field: "kind", value: text, reason: "is not a known value",
                                             allowed: "workers, employers, projects, guarantees or clues")
        }
        self.kind = kind
        source = try form["source"].map { s throws(WagecaseError) in try ClueSource.parse(s, field: "source") }
        sheet = try TextField.optional(form["sheet"], field: "sheet", maxLength: 100, multiline: false)
        skipInvalid = form["skip_invalid"] == "true"
        let stands = form["amount_stands"]
        amountStands = try stands.map { s throws(WagecaseError) -> ClueIntake.AmountStands in
            guard let value = ClueIntake.AmountStands(rawValue: s) else {
                throw .invalidField(field: "amount_stands", value: s, reason: "is not a known value", allowed: "existing or new")
            }
            return value
        }
    }
}
