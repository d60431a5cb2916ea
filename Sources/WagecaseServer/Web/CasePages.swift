import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /cases: the list by stage, and a case's record — its dated timeline, the stages it may move to next (and only
/// those, as buttons), its recoveries and what is left to recover, and the guarantees of its project beside it.
struct CasePages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("cases", use: list)
        router.get("cases/:id", use: show)
        router.post("cases/:id/advance", use: advance)
        router.post("cases/:id/assign", use: assign)
        router.post("cases/:id/correct", use: correct)
        router.post("cases/:id/undo", use: undo)
        router.post("cases/:id/activities", use: recordActivity)
        router.post("cases/:id/reopen", use: reopen)
        router.post("cases/:id/recoveries", use: recover)
        router.post("cases/:id/recoveries/:recovery/reverse", use: reverseRecovery)
    }

    static let pageSize = 50

    static func table(_ language: Language) -> HTMLTable {
        HTMLTable(columns: [
            .init(label: Phrase("Case number").text(language)), .init(label: Phrase("Worker").text(language)),
            .init(label: Phrase("Employer").text(language)), .init(label: Phrase("Stage").text(language)),
            .init(label: Phrase("Amount claimed").text(language), numeric: true),
            .init(label: Phrase("Recovered").text(language), numeric: true),
        ])
    }

    static let tables = HTMLTable.inEachLanguage(table)

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.caseReader(request)
        let language = context.language
        let query = request.uri.queryParameters
        let stage = try query["stage"].flatMap { $0.isEmpty ? nil : try CaseStage.parse(String($0), field: "stage") }
        let openOnly = query["open"] == "1"
        // "My cases": those the signed-in user handles or assists on.
        let mine = query["mine"] == "1"
        let clue = query["clue"].flatMap { Int64(String($0)) }
        let after = query["after"].flatMap { Int64(String($0)) }.map { max($0, 0) } ?? 0
        let cases = try await store.cases(CaseFilter(stage: stage, clueID: clue, openOnly: openOnly,
                                                     handler: mine ? user.name : nil,
                                                     limit: Self.pageSize + 1, afterID: after))
        let shown = cases.prefix(Self.pageSize).map { $0.masked() }
        let table = Self.tables[language] ?? Self.table(language)
        var data: [String: Any] = [
            "table": table.render(shown.map { c in
                [.init(c.caseNumber ?? "#\(c.id)", href: "/cases/\(c.id)", hint: c.seriesName), .init(c.workerName),
                 .init(c.employerName), .init(c.stage.label(language), hint: c.stageDate.iso),
                 .init(Money.text(c.claimed, language)), .init(Money.text(c.recovered, language))]
            }),
            "stages": options(CaseStage.allCases, selected: stage, language),
            "openOnly": openOnly, "mine": mine,
        ]
        if cases.count > Self.pageSize, let last = shown.last {
            var next = "/cases?after=\(last.id)"
            if let stage { next += "&stage=\(stage.rawValue)" }
            if openOnly { next += "&open=1" }
            if mine { next += "&mine=1" }
            if let clue { next += "&clue=\(clue)" }
            data["next"] = next
        }
        return WebPage.render("cases", title: "Cases", data, context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    /// The case's page; after a refused form, with what was wrong beside that form and the values as typed.
    func page(_ request: Request, _ context: AppRequestContext, refused form: String? = nil,
                      problems: [Problem.Item] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.caseReader(request)
        let language = context.language
        let reference = CaseReference(try context.pathText("id"))
        let detail = try await pathRecord { try await store.caseDetail(reference) }
        let shown = detail.masked()
        let c = shown.wageCase
        let clue = try await store.clue(c.clueID)
        var guarantees: [GuaranteeDetail] = []
        if let project = clue.projectID {
            guarantees = try await store.guarantees(project: .id(project), asOf: nil, limit: 20, afterID: 0)
        }
        let mayWrite = user.role.may(.writeCases)
        let left = c.claimed - c.recovered
        var data: [String: Any] = [
            "id": c.id, "label": c.caseNumber ?? "#\(c.id)", "version": ETag.of(detail.wageCase),
            "worker": c.workerName, "idNumber": c.workerIDNumber, "employer": c.employerName,
            "project": clue.projectName ?? "", "series": c.seriesName ?? "", "clueHref": "/clues/\(c.clueID)",
            "clueID": c.clueID, "workerHref": "/workers/\(c.workerID)", "employerHref": "/employers/\(c.employerID)",
            "projectHref": clue.projectID.map { "/projects/\($0)" } ?? "", "stage": c.stage.label(language), "stageDate": c.stageDate.iso,
            "opened": c.opened.iso, "claimed": Money.text(c.claimed, language),
            "handler": c.handler ?? "", "assistant": c.assistant ?? "", "mayAssign": mayWrite,
            "caseNumber": c.caseNumber ?? "", "employmentEnded": c.employmentEnded?.iso ?? "",
            "paymentDue": c.paymentDue?.iso ?? "",
            "court": c.court ?? "", "courtCaseNumber": c.courtCaseNumber ?? "",
            "awarded": c.awarded.map { Money.text($0, language) } ?? "", "awardedYuan": c.awarded?.yuan ?? "",
            "rate": c.recoveryRateText(language) ?? "",
            "activities": shown.activities.map { ["date": $0.date.iso, "kind": $0.kind.label(language), "actor": $0.actor,
                                                  "note": $0.note ?? ""] },
            "activityKinds": options(CaseActivityKind.allCases, selected: nil, language),
            "recovered": Money.text(c.recovered, language), "left": Money.text(left.value > 0 ? left : .zero, language),
            "limits": shown.deadlines.map { limit -> [String: Any] in
                let daysLeft = limit.due.dayNumber - LocalDate.today().dayNumber
                return ["kind": limit.kind.label(language), "due": limit.due.iso, "provisional": limit.provisional,
                        "basis": language == .zh ? limit.basis : limit.basisEn, "overdue": daysLeft < 0,
                        "soon": daysLeft <= CaseTimeLimits.warningDays,
                        "daysLeft": Phrase("\(String(daysLeft)) days left").text(language)]
            },
            "events": shown.events.map { ["date": $0.date.iso, "stage": $0.stage.label(language), "actor": $0.actor,
                                          "note": $0.note ?? ""] },
            "recoveries": shown.recoveries.map { r -> [String: Any] in
                ["id": r.id, "caseID": c.id, "paid": r.paid.iso, "amount": Money.text(r.amount, language),
                 "route": r.route.label(language), "payer": r.payer ?? "", "note": RecoveryNote.text(r, language),
                 "reversible": r.reverses == nil && r.reversedBy == nil && r.route != .guaranteeDraw && c.stage != .closed]
            },
            "next": mayWrite ? shown.allowedNext.map { ["value": $0.rawValue, "label": $0.label(language)] } : [],
            "mayWrite": mayWrite,
            "routes": options(RecoveryRoute.allCases.filter { $0 != .guaranteeDraw }, selected: nil, language),
            "closingReasons": options(ClosingReason.allCases.filter { $0 != .fullyRecovered }, selected: nil, language),
            "mayClose": shown.allowedNext.contains(.closed) && left.value > 0,
            "mayUndo": mayWrite && shown.events.count >= 2,
            "mayReopen": mayWrite && (c.stage == .closed || c.stage == .declined),
            "today": LocalDate.today().iso,
            "guarantees": guarantees.map { g -> [String: Any] in
                ["kind": g.guarantee.kind.label(language), "document": g.state.documentNumber ?? "",
                 "status": g.state.status.label(language), "balance": Money.text(g.state.balance, language),
                 "ends": g.state.ends?.iso ?? "", "drawn": Money.text(g.state.drawnTotal, language),
                 "untouched": !g.state.everDrawn]
            },
        ]
        let byID = CaseReference("#\(c.id)")
        data.merge(DocumentPages.data(detail, documents: try await store.documents(subject: .wageCase(byID),
                                                                                          limit: 200, afterID: 0),
                                          attachments: try await store.attachments(byID), role: user.role,
                                          language: language)) { current, _ in current }
        data["arrearsBesideUntouchedDeposit"] = left.value > 0 && guarantees.contains { !$0.state.everDrawn }
        // Every form's problems, empty unless this is its refusal: a missing list would show an empty alert.
        for name in ["advance", "recovery", "reverse", "assign", "correct", "undo", "reopen", "activity", "evidence", "document"] { data[name + "Problems"] = [String]() }
        if let form {
            data[form + "Problems"] = problems.map(\.message)
            data["values"] = context.form.echo
        }
        return WebPage.render("case", title: "Case \(c.caseNumber ?? "#\(c.id)")", data, context: context,
                              request: request, status: status)
    }

    @Sendable func advance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        let detail = try await pathRecord { try await store.caseDetail(reference) }
        let form = context.form
        do {
            var fields = RefusalCollector()
            let stage = fields.check { () throws(WagecaseError) in try CaseStage.parse(form["to"] ?? "", field: "to") }
            let date = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["on"] ?? "", field: "on") }
            try fields.finish()
            guard let stage, let date else { throw Refusals(fields.errors) }
            let version = IfMatch(header: form["version"])
            let closing = try (form["closing_reason"]).flatMap { r throws(WagecaseError) in
                r.isEmpty ? nil : try ClosingReason.parse(r, field: "closing_reason")
            }
            _ = try await store.advanceCase(CaseReference(String(detail.wageCase.id)), to: stage, on: date,
                                            note: form["note"], closingReason: closing, actor: user.name) {
                try version.check($0)
            }
            return WebPage.redirect("/cases/\(detail.wageCase.id)", notice: "case-advanced")
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "advance")
        }
    }

    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context, form: "assign") { user, wageCase, form, version in
            let assignment = try CaseAssignment.parse(handler: form["to"] ?? "", assistant: form["assistant"])
            _ = try await store.assignCase(CaseReference(String(wageCase.id)), assignment, actor: user.name) {
                try version.check($0)
            }
            return "case-assigned"
        }
    }

    /// Corrects the case's own facts (office number, end of employment, payment due) with a reason.
    @Sendable func correct(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context, form: "correct") { user, c, form, version in
            // A field left as it was is not a change; one emptied is cleared.
            func typed(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            func changed(_ name: String, _ current: String?) -> String? {
                typed(name).isEmpty || typed(name) == (current ?? "") ? nil : typed(name)
            }
            var clear: [String] = []
            for (name, field, current) in [("caseNumber", CaseChanges.Field.caseNumber, c.caseNumber),
                                           ("employmentEnded", .employmentEnded, c.employmentEnded?.iso),
                                           ("paymentDue", .paymentDue, c.paymentDue?.iso), ("court", .court, c.court),
                                           ("courtCaseNumber", .courtCaseNumber, c.courtCaseNumber),
                                           ("awarded", .awarded, c.awarded?.yuan)]
                where current != nil && typed(name).isEmpty {
                clear.append(field.rawValue)
            }
            let changes = try CaseChanges.parse(caseNumber: changed("caseNumber", c.caseNumber),
                                                employmentEnded: changed("employmentEnded", c.employmentEnded?.iso),
                                                paymentDue: changed("paymentDue", c.paymentDue?.iso),
                                                court: changed("court", c.court),
                                                courtCaseNumber: changed("courtCaseNumber", c.courtCaseNumber),
                                                awarded: try changed("awarded", c.awarded?.yuan).map { a throws(WagecaseError) in
                                                    try Fen.parse(a, field: "awarded")
                                                },
                                                clear: clear, reason: form["reason"])
            _ = try await store.updateCase(CaseReference("#\(c.id)"), changes, actor: user.name) { try version.check($0) }
            return "case-corrected"
        }
    }

    /// Records the worker's application or consent, a hearing or court attendance.
    @Sendable func recordActivity(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context, form: "activity") { user, wageCase, form, version in
            var fields = RefusalCollector()
            let kind = fields.check { () throws(WagecaseError) in try CaseActivityKind.parse(form["kind"] ?? "", field: "kind") }
            let date = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["on"] ?? "", field: "on") }
            try fields.finish()
            guard let kind, let date else { throw Refusals(fields.errors) }
            _ = try await store.recordActivity(CaseReference(String(wageCase.id)), kind: kind, on: date, note: form["note"],
                                               actor: user.name) { try version.check($0) }
            return "activity-recorded"
        }
    }

    /// Withdraws the latest move, with a reason.
    @Sendable func undo(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context, form: "undo") { user, wageCase, form, version in
            _ = try await store.undoCaseMove(CaseReference(String(wageCase.id)), reason: form["reason"] ?? "",
                                             actor: user.name) { try version.check($0) }
            return "case-move-withdrawn"
        }
    }

    /// Reopens a closed or declined case, with a reason.
    @Sendable func reopen(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await caseForm(request, context, form: "reopen") { user, wageCase, form, version in
            let date = try form["on"].flatMap { d throws(WagecaseError) in d.isEmpty ? nil : try LocalDate.parse(d, field: "on") }
            _ = try await store.reopenCase(CaseReference(String(wageCase.id)), on: date, reason: form["reason"] ?? "",
                                           actor: user.name) { try version.check($0) }
            return "case-reopened"
        }
    }

    /// Reverses one of the case's payments with a balancing entry, with a reason.
    @Sendable func reverseRecovery(_ request: Request, context: AppRequestContext) async throws -> Response {
        let recoveryID = try context.parameters.require("recovery", as: Int64.self)
        return try await caseForm(request, context, form: "reverse") { user, wageCase, form, version in
            // A payment of another case is not on this page: the same answer as one that does not exist.
            let payment = try await pathRecord { try await store.recovery(id: recoveryID) }
            guard payment.caseID == wageCase.id else { throw APIError.notFound("recovery #\(recoveryID)") }
            _ = try await store.reverseRecovery(id: recoveryID, reason: form["reason"] ?? "", actor: user.name) {
                try version.check($0)
            }
            return "recovery-reversed"
        }
    }

    /// A form posted on a case's page: the writer signed in, the case as it was read, then `write`, which returns
    /// the notice to show; a refusal shows the case's page again with what was wrong beside that form.
    private func caseForm(_ request: Request, _ context: AppRequestContext, form name: String,
                          _ write: (APIUser, WageCase, FormData, IfMatch) async throws -> String) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        let detail = try await pathRecord { try await store.caseDetail(reference) }
        let form = context.form
        do {
            let notice = try await write(user, detail.wageCase, form, IfMatch(header: form["version"]))
            return WebPage.redirect("/cases/\(detail.wageCase.id)", notice: notice)
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: name)
        }
    }

    @Sendable func recover(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        let detail = try await pathRecord { try await store.caseDetail(reference) }
        let form = context.form
        do {
            var fields = RefusalCollector()
            let amount = fields.check { () throws(WagecaseError) in try Fen.parse(form["amount"] ?? "", field: "amount") }
            let paid = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["on"] ?? "", field: "on") }
            let route = fields.check { () throws(WagecaseError) in try RecoveryRoute.parse(form["route"] ?? "", field: "route") }
            try fields.finish()
            guard let amount, let paid, let route else { throw Refusals(fields.errors) }
            let input = try NewRecovery(caseReference: CaseReference(String(detail.wageCase.id)), amount: amount,
                                        paid: paid, route: route, payer: form["payer"], note: form["note"],
                                        force: form["force"] == "true")
            let version = IfMatch(header: form["version"])
            _ = try await store.recordRecovery(input, actor: user.name) { try version.check($0) }
            return WebPage.redirect("/cases/\(detail.wageCase.id)", notice: "recovery-recorded")
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "recovery")
        }
    }

    /// A refused form: the case's page again, 422 (or the refusal's own status), nothing written.
    func refused(_ error: any Refusal, _ request: Request, _ context: AppRequestContext, form: String)
        async throws -> Response {
        let problem = Problem.from(error, method: .post, language: context.language)
        return try await page(request, context, refused: form, problems: problem.errors,
                              status: .init(code: problem.status))
    }
}
