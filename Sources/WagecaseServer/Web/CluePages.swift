import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /clues: the list with filters, intake of a clue with several workers (the duplicate policy offered when the
/// store finds the same arrears on record), a clue's record, and its screening, rejection, referral and opening
/// as cases. Every change goes through the same use-cases as the API and the CLI.
struct CluePages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("clues", use: list)
        router.get("clues/new", use: newForm)
        router.post("clues/new", use: create)
        router.post("clues/check", use: checkArrears)
        router.get("clues/:id", use: show)
        router.post("clues/:id/screen", use: screen)
        router.post("clues/:id/reject", use: reject)
        router.post("clues/:id/refer", use: refer)
        router.post("clues/:id/open", use: openCases)
        router.post("clues/:id/correct", use: correct)
    }

    static let pageSize = 50

    static func table(_ language: Language) -> HTMLTable {
        HTMLTable(columns: [
            .init(label: Phrase("No.").text(language)), .init(label: Phrase("Received").text(language)),
            .init(label: Phrase("Source").text(language)), .init(label: Phrase("Employer").text(language)),
            .init(label: Phrase("Migrant workers").text(language)),
            .init(label: Phrase("Amount owed").text(language), numeric: true), .init(label: Phrase("Status").text(language)),
        ])
    }

    static let tables = HTMLTable.inEachLanguage(table)

    // MARK: List

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.caseReader(request)
        let language = context.language
        let query = request.uri.queryParameters
        let status = try query["status"].flatMap { $0.isEmpty ? nil : try ClueStatus.parse(String($0), field: "status") }
        let source = try query["source"].flatMap { $0.isEmpty ? nil : try ClueSource.parse(String($0), field: "source") }
        let after = query["after"].flatMap { Int64(String($0)) }.map { max($0, 0) } ?? 0
        let clues = try await store.clues(ClueFilter(status: status, source: source, limit: Self.pageSize + 1,
                                                     afterID: after))
        let shown = clues.prefix(Self.pageSize).map { $0.masked() }
        let table = Self.tables[language] ?? Self.table(language)
        var data: [String: Any] = [
            "table": table.render(shown.map { c in
                [.init(String(c.id), href: "/clues/\(c.id)"), .init(c.received.iso), .init(c.source.label(language)),
                 .init(c.employerName, hint: c.projectName), .init(c.workers.map(\.name).joined(separator: "、")),
                 .init(Money.text(c.claimedTotal, language)), .init(c.status.label(language))]
            }),
            "statuses": options(ClueStatus.allCases, selected: status, language),
            "sources": options(ClueSource.allCases, selected: source, language),
            "mayWrite": context.session?.user.role.may(.writeCases) ?? false,
        ]
        if clues.count > Self.pageSize, let last = shown.last {
            var next = "/clues?after=\(last.id)"
            if let status { next += "&status=\(status.rawValue)" }
            if let source { next += "&source=\(source.rawValue)" }
            data["next"] = next
        }
        return WebPage.render("clues", title: "Wage clues", data, context: context, request: request)
    }

    private func row(_ clue: Clue, _ language: Language) -> [String: Any] {
        ["id": clue.id, "href": "/clues/\(clue.id)", "received": clue.received.iso,
         "source": clue.source.label(language), "status": clue.status.label(language),
         "employer": clue.employerName, "project": clue.projectName ?? "",
         "workers": clue.workers.map(\.name).joined(separator: "、"),
         "claimed": Money.text(clue.claimedTotal, language)]
    }

    // MARK: Intake

    @Sendable func newForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.pageUser(request, allowedTo: .writeCases)
        return intakePage(request, context, values: ["received": LocalDate.today().iso], claims: [("", "")],
                          problems: [], duplicate: false)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let form = context.form
        let ids = form.all("id_number"), amounts = form.all("claimed")
        let rows = (0..<max(ids.count, amounts.count)).map { index in
            (index < ids.count ? ids[index].trimmingCharacters(in: .whitespaces) : "",
             index < amounts.count ? amounts[index].trimmingCharacters(in: .whitespaces) : "")
        }.filter { !$0.0.isEmpty || !$0.1.isEmpty }
        // Every field is checked before any is refused, so the page lists all that is wrong at once.
        var fields = RefusalCollector()
        let claims = rows.enumerated().map { index, row in
            let idNumber = fields.check { () throws(WagecaseError) in try ResidentID.parse(row.0, field: "workers[\(index)].id_number") }
            let claimed = fields.check { () throws(WagecaseError) in try Fen.parse(row.1, field: "workers[\(index)].claimed") }
            return idNumber.flatMap { id in claimed.map { ClaimInput(idNumber: id, claimed: $0) } }
        }
        let source = fields.check { () throws(WagecaseError) in try ClueSource.parse(form["source"] ?? "", field: "source") }
        let received = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["received"] ?? "", field: "received") }
        let employer = fields.check { () throws(WagecaseError) in try EmployerReference.parse(form["employer"] ?? "") }
        let project = fields.check { () throws(WagecaseError) in try form["project"].map { p throws(WagecaseError) in try ProjectReference.parse(p) } }
        let summary = fields.check { () throws(WagecaseError) in try TextField.optional(form["summary"], field: "summary") }
        let policy = fields.check { () throws(WagecaseError) -> DuplicatePolicy in
            guard let text = form["on_duplicate"] else { return .refuse }
            guard let policy = DuplicatePolicy(rawValue: text) else {
                throw .invalidField(field: "on_duplicate", value: text, reason: "is not a known value",
                                    allowed: "refuse, merge or keep-both")
            }
            return policy
        }
        let stands = fields.check { () throws(WagecaseError) -> ClueIntake.AmountStands? in
            guard let text = form["amount_stands"] else { return nil }
            guard let stands = ClueIntake.AmountStands(rawValue: text) else {
                throw .invalidField(field: "amount_stands", value: text, reason: "is not a known value",
                                    allowed: "existing or new")
            }
            return stands
        }
        let values = form.echo
        let shownRows = rows.isEmpty ? [("", "")] : rows
        do {
            try fields.finish()
            guard let source, let received, let employer, let project, let summary, let policy, let stands else {
                throw Refusals(fields.errors)
            }
            let input = try NewClue(source: source, received: received, employer: employer, project: project,
                                    claims: claims.compactMap { $0 }, summary: summary, onDuplicate: policy,
                                    amountStands: stands)
            let result = try await store.addClue(input, actor: user.name)
            return WebPage.redirect("/clues/\(result.clue.id)", notice: result.isNew ? "clue-added" : "clue-merged")
        } catch let error as any Refusal {
            let problem = Problem.from(error, method: .post, language: context.language)
            let duplicate = error.code == "clue.duplicate" || problem.errors.contains { $0.code == "clue.duplicate" }
                || problem.errors.contains { $0.field == "amount_stands" }
            return intakePage(request, context, values: values, claims: shownRows, problems: problem.errors,
                              duplicate: duplicate, status: .unprocessableContent)
        }
    }

    private func intakePage(_ request: Request, _ context: AppRequestContext, values: [String: String],
                            claims: [(String, String)], problems: [Problem.Item], duplicate: Bool,
                            status: HTTPResponse.Status = .ok) -> Response {
        let language = context.language
        let selected = values["source"].flatMap { ClueSource(rawValue: $0) }
        let data: [String: Any] = [
            "values": values,
            "sources": options(ClueSource.allCases, selected: selected, language),
            "workers": claims.enumerated().map { index, claim -> [String: Any] in
                var row: [String: Any] = ["index": index, "number": index + 1, "id_number": claim.0, "claimed": claim.1]
                row["idError"] = problems.first { $0.field == "workers[\(index)].id_number" }?.message
                row["claimedError"] = problems.first { $0.field == "workers[\(index)].claimed" }?.message
                return row
            },
            "problems": problems.map(\.message),
            "duplicate": duplicate,
            "fieldErrors": Dictionary(problems.compactMap { p in p.field.map { ($0, p.message) } }, uniquingKeysWith: { a, _ in a }),
        ]
        return WebPage.render("clue-new", title: "New clue", data, context: context, request: request, status: status)
    }

    /// For the intake form's script, before it submits: whether the arrears are already on record. The same
    /// answer the submit would give (a prosecutor's form, its token checked), as JSON; nothing is written.
    @Sendable func checkArrears(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.pageUser(request, allowedTo: .writeCases)
        let form = context.form
        let language = context.language
        guard let employerText = form["employer"], let employer = try? EmployerReference.parse(employerText) else {
            return try JSONResponse.make(ArrearsCheck(known: false, message: ""))
        }
        let project = form["project"].flatMap { try? ProjectReference.parse($0) }
        let ids = form.all("id_number").compactMap { try? ResidentID.parse($0.trimmingCharacters(in: .whitespaces), field: "id_number") }
        let found = try await store.arrearsOnRecord(employer: employer, project: project, idNumbers: ids)
        var message = ""
        if let open = found.open {
            message = Phrase("These arrears are already on record as clue \(String(open.id)) (\(open.status.label(language))). Choose below whether to merge this claim into it or keep both.").text(language)
        } else if let closed = found.closed {
            message = Phrase("Clue \(String(closed.id)) about these arrears is closed (\(closed.status.label(language))); this claim will be recorded as a new clue that follows it.").text(language)
        }
        return try JSONResponse.make(ArrearsCheck(known: found.open != nil, message: message))
    }

    /// What the intake script is told: whether a merge / keep-both choice is needed, and the words to show.
    struct ArrearsCheck: Encodable {
        let known: Bool
        let message: String
    }

    // MARK: One clue

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    /// The clue's page; after a refused form, with what was wrong beside that form and the values as typed.
    private func page(_ request: Request, _ context: AppRequestContext, refused form: String? = nil,
                      problems: [Problem.Item] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.caseReader(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let clue = try await pathRecord { try await store.clue(id) }
        let shown = clue.masked()
        let cases = try await store.cases(CaseFilter(clueID: id, limit: 500))
        let mayWrite = user.role.may(.writeCases)
        let openStatuses: Set<ClueStatus> = [.new, .screening]
        var data: [String: Any] = [
            "clue": row(shown, language),
            "summary": shown.summary ?? "",
            "statusReason": shown.statusReason ?? "",
            "version": ETag.of(clue),
            "workers": shown.workers.map { ["name": $0.name, "href": "/workers/\($0.workerID)", "idNumber": $0.idNumber,
                                            "claimed": Money.text($0.claimed, language)] },
            "employerHref": "/employers/\(clue.employerID)",
            "projectHref": clue.projectID.map { "/projects/\($0)" } ?? "",
            "channels": shown.channels.map { ["source": $0.source.label(language), "received": $0.received.iso] },
            "cases": cases.map { c in ["href": "/cases/\(c.id)", "label": c.caseNumber ?? "#\(c.id)", "worker": c.workerName,
                                       "stage": c.stage.label(language)] },
            "mayScreen": mayWrite && clue.status == .new,
            "mayDecide": mayWrite && openStatuses.contains(clue.status),
            "mayCorrect": mayWrite, "received": clue.received.iso,
            "sources": options(ClueSource.allCases, selected: clue.source, language),
            "today": LocalDate.today().iso,
        ]
        if let follows = clue.followsClueID { data["follows"] = ["href": "/clues/\(follows)", "id": follows] }
        data.merge(DocumentPages.documentsData(
            kinds: DocumentContent.kinds(for: clue), documents: try await store.documents(subject: .clue(id), limit: 200, afterID: 0),
            recordPath: "/clues/\(id)", role: user.role, language: language)) { current, _ in current }
        // Every form's problems, empty unless this is its refusal: a missing list would show an empty alert.
        for name in ["screen", "open", "reject", "refer", "correct"] { data[name + "Problems"] = [String]() }
        if let form {
            data[form + "Problems"] = problems.map(\.message)
            data["values"] = context.form.echo
        }
        return WebPage.render("clue", title: "Clue \(String(id))", data, context: context, request: request,
                              status: status)
    }

    @Sendable func screen(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request, context, form: "screen", notice: "clue-screened") { id, actor, expect in
            _ = try await store.screenClue(id, actor: actor, expect: expect)
        }
    }

    @Sendable func reject(_ request: Request, context: AppRequestContext) async throws -> Response {
        let reason = context.form["reason"] ?? ""
        return try await change(request, context, form: "reject", notice: "clue-rejected") { id, actor, expect in
            _ = try await store.rejectClue(id, reason: reason, actor: actor, expect: expect)
        }
    }

    @Sendable func refer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let agency = context.form["to"] ?? ""
        return try await change(request, context, form: "refer", notice: "clue-referred") { id, actor, expect in
            _ = try await store.referClue(id, to: agency, actor: actor, expect: expect)
        }
    }

    /// Corrects the clue's own facts with a reason: a field left as it was is not a change; the summary emptied,
    /// or the project's box ticked, removes it.
    @Sendable func correct(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        let current = try await pathRecord { try await store.clue(id) }
        let form = context.form
        do {
            func changed(_ name: String, _ value: String?) -> String? { form[name].flatMap { $0 == value ? nil : $0 } }
            var clear = form.all("clear")
            if form["summary"] == nil && current.summary != nil { clear.append("summary") }
            let changes = try ClueChanges.parse(
                source: changed("source", current.source.rawValue), received: changed("received", current.received.iso),
                employer: form["employer"], project: form["project"],
                // Browsers send a text area's line breaks as CRLF; the summary is kept with LF.
                summary: form["summary"].map { $0.replacingOccurrences(of: "\r\n", with: "\n") }
                    .flatMap { $0 == current.summary ? nil : $0 },
                clear: clear, reason: form["correct_reason"])
            let version = IfMatch(header: form["version"])
            _ = try await store.updateClue(id: id, changes, actor: user.name) { try version.check($0) }
            return WebPage.redirect("/clues/\(id)", notice: "record-corrected")
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "correct")
        }
    }

    @Sendable func openCases(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.clue(id) }
        let form = context.form
        do {
            let numbers = form.all("case_numbers").flatMap { $0.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let opened = try form["opened"].map { d throws(WagecaseError) in try LocalDate.parse(d, field: "opened") }
            let cases = try await store.openCases(OpenCases(clueID: id, series: form["series"], opened: opened,
                                                            caseNumbers: numbers, note: form["note"]), actor: user.name)
            return WebPage.redirect(cases.count == 1 ? "/cases/\(cases[0].id)" : "/cases?clue=\(id)", notice: "cases-opened")
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "open")
        }
    }

    /// A refused form: the clue's page again with the refusal beside the form, nothing written.
    private func refused(_ error: any Refusal, _ request: Request, _ context: AppRequestContext, form: String)
        async throws -> Response {
        let problem = Problem.from(error, method: .post, language: context.language)
        return try await page(request, context, refused: form, problems: problem.errors,
                              status: .init(code: problem.status))
    }

    private func change(_ request: Request, _ context: AppRequestContext, form: String, notice: String,
                        _ body: (Int64, String, @escaping @Sendable (Clue) throws -> Void) async throws -> Void)
        async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.clue(id) }
        let version = IfMatch(header: context.form["version"])
        do {
            try await body(id, user.name) { try version.check($0) }
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: form)
        }
        return WebPage.redirect("/clues/\(id)", notice: notice)
    }
}

/// The <option>s of a vocabulary for a <select>, in the reader's language, as HTML (`{{{…}}}` in a template).
func options<V: Vocabulary>(_ values: [V], selected: V?, _ language: Language) -> String {
    optionsHTML(values.map { ($0.rawValue, $0.label(language), $0 == selected) })
}

/// <option>s from (value, label, selected), escaped.
func optionsHTML(_ items: [(value: String, label: String, selected: Bool)]) -> String {
    items.map { "<option value=\"\(HTML.escape($0.value))\"\($0.selected ? " selected" : "")>\(HTML.escape($0.label))</option>" }
        .joined()
}

enum Money {
    /// An amount as people read it: "38,000.00元" in Chinese, "¥38,000.00" in English.
    static func text(_ fen: Fen, _ language: Language) -> String {
        language == .zh ? fen.yuan + "元" : "¥" + fen.yuan
    }
}
