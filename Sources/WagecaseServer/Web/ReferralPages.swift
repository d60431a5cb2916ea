import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /referrals: the register of referrals between member units (线索移送), newest first, with the form that records
/// one; /referrals/{id}: one referral, what became of its clue, and the forms that answer it, tell the
/// petitioner, and make it a clue — the same use-cases the command line calls.
struct ReferralPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("referrals", use: list)
        router.post("referrals", use: add)
        router.get("referrals/:id", use: show)
        router.post("referrals/:id/reply", use: reply)
        router.post("referrals/:id/feedback", use: feedback)
        router.post("referrals/:id/clue", use: makeClue)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await listPage(request, context)
    }

    private func listPage(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let query = request.uri.queryParameters
        let state = query["state"].flatMap { ReferralState(rawValue: String($0)) }
        let direction = query["direction"].flatMap { ReferralDirection(rawValue: String($0)) }
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        let units = try await store.units()
        let unitID = query["unit"].flatMap { Int64(String($0)) }.flatMap { id in units.contains { $0.id == id } ? id : nil }
        let today = LocalDate.today()
        let referrals = try await store.referrals(ReferralFilter(unit: unitID.map { "#\($0)" }, direction: direction,
                                                                 state: state, visibleUnits: visible, asOf: today, limit: 500))
        var data: [String: Any] = [
            "referrals": JointWorkPages.table(referrals.map { JointWorkPages.referralRow($0, today: today, language: language,
                                                                                         linkClue: user.role.seesCaseData) }),
            "states": ReferralState.allCases.map { ["value": $0.rawValue, "label": $0.label(language), "selected": $0 == state] },
            "directions": ReferralDirection.allCases.map { ["value": $0.rawValue, "label": $0.label(language),
                                                            "selected": $0 == direction] },
            "units": units.filter { JointWorkAccess.sees([$0.id], visible: visible) }
                .map { ["id": $0.id, "name": $0.name, "selected": $0.id == unitID] },
            "allUnits": units.map { ["id": $0.id, "name": $0.name] },
            "mayAdd": user.role.may(.coordinateJointWork) && units.count >= 2,
            "received": today.iso, "addProblems": [String](),
        ]
        if let problems {
            data["addProblems"] = problems.map(\.message)
            data["values"] = context.form.echo
            data["received"] = context.form["received"] ?? today.iso
        }
        return WebPage.render("referrals", title: "Referral register", data, context: context, request: request,
                              status: status)
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .coordinateJointWork)
        let form = context.form
        let referral: Referral
        do {
            var fields = RefusalCollector()
            let received = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["received"] ?? "", field: "received") }
            let within = fields.check { () throws(WagecaseError) -> Int? in
                guard let text = form["reply_within"] else { return nil }
                guard let days = Int(text) else {
                    throw .invalidField(field: "reply_within", value: text, reason: "is not a number of working days",
                                        allowed: "1 to 250 working days")
                }
                return days
            }
            try fields.finish()
            guard let received, let within else { throw Refusals(fields.errors) }
            referral = try await store.addReferral(NewReferral(
                fromUnit: try form.unitReference("from_unit"), toUnit: try form.unitReference("to_unit"), received: received,
                subject: form["subject"] ?? "", number: form["number"], replyWithin: within), actor: user.name)
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await listPage(request, context, problems: problem.errors, status: .init(code: problem.status))
        }
        return WebPage.redirect("/referrals/\(referral.id)", notice: "referral-added")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    private func page(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil,
                      form: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let stored = try await pathRecord { try await store.referral(id: id) }
        let referral = user.role.seesCaseData ? stored : stored.withoutCaseFiles()
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        guard JointWorkAccess.sees([referral.fromUnit.id, referral.toUnit.id], visible: visible) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        let today = LocalDate.today()
        let mayAnswer = JointWorkAccess.mayAnswer(user.role, unit: referral.toUnit.id, visible: visible)
        let readsCases = user.role.seesCaseData
        var data: [String: Any] = [
            "id": id, "number": referral.number ?? "", "from": referral.fromUnit.name, "fromHref": "/units/\(referral.fromUnit.id)",
            "to": referral.toUnit.name, "toHref": "/units/\(referral.toUnit.id)",
            "direction": referral.direction.label(language), "received": referral.received.iso, "subject": referral.subject,
            "due": referral.replyDue.iso, "provisional": referral.provisional,
            "within": Phrase("\(String(referral.replyWithin)) working days").text(language),
            "state": referral.state(asOf: today).label(language), "overdue": referral.state(asOf: today) == .overdue,
            "replied": referral.replied?.iso ?? "", "result": referral.replyResult ?? "",
            "feedback": referral.feedback?.iso ?? "",
            "outcome": referral.outcome.map { outcome -> [String: Any] in
                // Readers of case files follow the links; the others read the totals (the cases are not given them).
                ["summary": outcome.summary(language), "linked": readsCases, "clueHref": "/clues/\(outcome.clueID)",
                 "cases": outcome.cases.map { line -> [String: Any] in
                     ["caseHref": "/cases/\(line.caseID)", "number": line.caseNumber ?? Phrase("unnumbered").text(language),
                      "worker": line.workerName, "stage": line.stage.label(language),
                      "claimed": Money.text(line.claimed, language), "recovered": Money.text(line.recovered, language)]
                 }]
            } ?? false,
            "mayReply": mayAnswer, "amend": referral.replied != nil,
            "mayFeedback": mayAnswer && referral.feedback == nil,
            "mayMakeClue": referral.clueID == nil && user.role.may(.writeCases),
            "clueSource": referral.fromUnit.kind.clueSource.label(language),
            "today": today.iso,
            "replyProblems": [String](), "feedbackProblems": [String](), "clueProblems": [String](),
        ]
        if let problems, let form {
            data[form + "Problems"] = problems.map(\.message)
            data["values"] = context.form.echo
        }
        return WebPage.render("referral", title: "Referral \(String(id))", data, context: context, request: request,
                              status: status)
    }

    /// The referral named in the path, after checking the user may answer for the unit it is addressed to.
    private func answerable(_ request: Request, _ context: AppRequestContext) async throws -> (APIUser, Int64) {
        let user = try context.pageUser(request, allowedTo: .answerJointWork)
        let id = try context.parameters.require("id", as: Int64.self)
        let referral = try await pathRecord { try await store.referral(id: id) }
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        guard JointWorkAccess.mayAnswer(user.role, unit: referral.toUnit.id, visible: visible) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        return (user, id)
    }

    private func refused(_ error: any Refusal, _ request: Request, _ context: AppRequestContext, form: String) async throws
        -> Response {
        let problem = Problem.from(error, method: .post, language: context.language)
        return try await page(request, context, problems: problem.errors, form: form, status: .init(code: problem.status))
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, id) = try await answerable(request, context)
        let form = context.form
        do {
            let on = try LocalDate.parse(form["on"] ?? "", field: "on")
            let reason = try Correction.reason(asked: form["amend"] == "true", flag: "amend", reason: form["reason"])
            _ = try await store.replyReferral(id: id, on: on, result: form["result"] ?? "", amendReason: reason,
                                              actor: user.name) { _ in }
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "reply")
        }
        return WebPage.redirect("/referrals/\(id)", notice: "referral-replied")
    }

    @Sendable func feedback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, id) = try await answerable(request, context)
        do {
            let on = try LocalDate.parse(context.form["on"] ?? "", field: "on")
            _ = try await store.referralFeedback(id: id, on: on, actor: user.name) { _ in }
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "feedback")
        }
        return WebPage.redirect("/referrals/\(id)", notice: "referral-feedback")
    }

    @Sendable func makeClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.referral(id: id) }
        let form = context.form
        let clueID: Int64
        do {
            var fields = RefusalCollector()
            let employer = fields.check { () throws(WagecaseError) in try EmployerReference.parse(form["employer"] ?? "") }
            let project = fields.check { () throws(WagecaseError) in
                try form["project"].map { p throws(WagecaseError) in try ProjectReference.parse(p) }
            }
            // One worker per line: ID number = amount.
            let claims = fields.check { () throws(WagecaseError) in
                try (form["workers"] ?? "").split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }.map { w throws(WagecaseError) in try ClaimInput.parse(w) }
            }
            try fields.finish()
            guard let employer, let project, let claims else { throw Refusals(fields.errors) }
            let (_, result) = try await store.makeClue(from: ReferralClue(
                referralID: id, employer: employer, project: project, claims: claims, summary: form["summary"],
                onDuplicate: form["merge"] == "true" ? .merge : .refuse), actor: user.name)
            clueID = result.clue.id
        } catch let error as any Refusal where !(error is APIError) {
            return try await refused(error, request, context, form: "clue")
        }
        return WebPage.redirect("/clues/\(clueID)", notice: "referral-clue-made")
    }
}
