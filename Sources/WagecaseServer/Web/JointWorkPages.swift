import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /joint: the lead department's view of the joint work (府检联动) — this month's reports, who has and has not sent
/// one, and each unit's open items — and /units/{id}, a unit's desk: its tasks, the referrals waiting for its
/// reply and its monthly report form. Labor-bureau staff are taken to their own unit's desk.
struct JointWorkPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("joint", use: overview)
        router.get("units/:id", use: desk)
        router.post("units/:id/reports", use: submitReport)
    }

    /// The units a user sees the items of (nil: all).
    static func visibleUnits(_ user: APIUser, store: any RecordStore) async throws -> Set<Int64>? {
        guard user.role == .labor else { return nil }
        return JointWorkAccess.visibleUnits(role: user.role, unitID: user.unitID, units: try await store.units())
    }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        if user.role == .labor, let unit = user.unitID { return WebPage.redirect("/units/\(unit)") }
        let today = LocalDate.today()
        let month = request.uri.queryParameters["month"].flatMap { try? ReportMonth.parse(String($0)) } ?? ReportMonth(of: today)
        let visible = try await Self.visibleUnits(user, store: store)
        let units = try await store.units().filter { JointWorkAccess.sees([$0.id], visible: visible) }
        let roll = try await store.reportRoll(month: month, asOf: today).limited(to: visible)
        let tasks = try await store.tasks(TaskFilter(visibleUnits: visible, asOf: today, limit: 10_000))
        let waiting = try await store.referrals(ReferralFilter(visibleUnits: visible, asOf: today, limit: 10_000))
            .filter { [.awaiting, .overdue].contains($0.state(asOf: today)) }
        let texts = Dictionary(roll.reports.map { ($0.unit.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = units.map { unit -> [String: Any] in
            let own = tasks.filter { $0.unit.id == unit.id }
            let line = roll.lines.first { $0.unit.id == unit.id }
            return ["href": "/units/\(unit.id)", "name": unit.name, "kind": unit.kind.label(language),
                    "liaison": unit.liaison ?? "", "contact": unit.contact ?? "",
                    "open": own.filter { $0.status(asOf: today) == .open }.count,
                    "overdue": own.filter { $0.status(asOf: today) == .overdue }.count,
                    "anyOverdue": own.contains { $0.status(asOf: today) == .overdue },
                    "waiting": waiting.filter { $0.toUnit.id == unit.id }.count,
                    "report": line.map { $0.standing.label(language) } ?? Phrase("not asked").text(language),
                    "missing": line?.standing == .missing]
        }
        let lines = roll.lines.map { line -> [String: Any] in
            ["name": line.unit.name, "href": "/units/\(line.unit.id)", "standing": line.standing.label(language),
             "missing": line.standing == .missing, "submitted": line.submitted?.iso ?? "",
             "text": texts[line.unit.id]?.text ?? ""]
        }
        return WebPage.render("joint", title: "Joint work", [
            "month": month.iso, "monthLabel": month.label(language), "due": roll.due.iso, "provisional": roll.provisional,
            "previous": month.previous.iso, "next": month.next.iso,
            "roll": lines, "reported": roll.lines.filter { $0.submitted != nil }.count, "expected": roll.lines.count,
            "missingCount": roll.missing.count, "anyMissing": !roll.missing.isEmpty, "units": rows,
            "overdueTasks": tasks.filter { $0.status(asOf: today) == .overdue }.count,
            "anyOverdueTasks": tasks.contains { $0.status(asOf: today) == .overdue },
            "overdueReferrals": waiting.filter { $0.state(asOf: today) == .overdue }.count,
            "anyOverdueReferrals": waiting.contains { $0.state(asOf: today) == .overdue },
        ], context: context, request: request)
    }

    @Sendable func desk(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await deskPage(request, context)
    }

    private func deskPage(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil,
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let visible = try await Self.visibleUnits(user, store: store)
        guard JointWorkAccess.sees([id], visible: visible) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        let today = LocalDate.today()
        let desk = try await pathRecord { try await store.unitDesk("#\(id)", asOf: today) }
        let unit = desk.unit
        var data: [String: Any] = [
            "id": id, "name": unit.name, "kind": unit.kind.label(language), "liaison": unit.liaison ?? "",
            "contact": unit.contact ?? "", "mustReport": desk.mustReport,
            "tasks": Self.table(desk.tasks.map { Self.taskRow($0, today: today, language: language) }),
            "awaiting": Self.table(desk.awaitingReply.map { Self.referralRow($0, today: today, language: language,
                                                                              linkClue: user.role.seesCaseData) }),
            "sent": Self.table(desk.sent.map { Self.referralRow($0, today: today, language: language,
                                                                 linkClue: user.role.seesCaseData) }),
            "reports": desk.reports.map { report -> [String: Any] in
                ["month": report.month.label(language), "version": report.version, "submitted": report.submitted.iso,
                 "text": report.text, "reason": report.reason ?? "", "file": report.fileName ?? ""]
            },
            "mayReport": JointWorkAccess.mayAnswer(user.role, unit: id, visible: visible),
            "reportMonth": ReportMonth(of: today).iso, "reportProblems": [String](),
        ]
        if let problems {
            data["reportProblems"] = problems.map(\.message)
            data["values"] = context.form.echo
            data["reportMonth"] = context.form["month"] ?? ReportMonth(of: today).iso
        }
        return WebPage.render("unit", title: Phrase.verbatim(unit.name), data, context: context, request: request,
                              status: status)
    }

    @Sendable func submitReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .answerJointWork)
        let id = try context.parameters.require("id", as: Int64.self)
        let visible = try await Self.visibleUnits(user, store: store)
        guard JointWorkAccess.mayAnswer(user.role, unit: id, visible: visible) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        _ = try await pathRecord { try await store.unit("#\(id)") }
        let form = context.form
        do {
            let month = try ReportMonth.parse(form["month"] ?? "")
            _ = try await store.submitReport(NewMonthlyReport(unit: "#\(id)", month: month, text: form["text"] ?? "",
                                                              reason: form["reason"]), actor: user.name)
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await deskPage(request, context, problems: problem.errors, status: .init(code: problem.status))
        }
        return WebPage.redirect("/units/\(id)", notice: "report-submitted")
    }

    /// Rows for a shared table partial (task-table, referral-table): false when there are none, so the page's
    /// inverted section says so.
    static func table(_ rows: [[String: Any]]) -> Any { rows.isEmpty ? false : ["rows": rows] }

    static func taskRow(_ task: JointTask, today: LocalDate, language: Language) -> [String: Any] {
        let status = task.status(asOf: today)
        return ["href": "/tasks/\(task.id)", "title": task.title, "unit": task.unit.name, "owner": task.owner,
                "due": task.due.iso, "status": status.label(language), "overdue": status == .overdue,
                "closed": status == .closed, "source": task.source.label(language),
                "latest": task.result ?? task.latestProgress.map { "\($0.on.iso) \($0.text)" } ?? ""]
    }

    /// A referral as a row; its clue linked for readers of case files, named for the others.
    static func referralRow(_ referral: Referral, today: LocalDate, language: Language,
                            linkClue: Bool = false) -> [String: Any] {
        let state = referral.state(asOf: today)
        return ["href": "/referrals/\(referral.id)", "number": referral.number ?? "", "from": referral.fromUnit.name,
                "to": referral.toUnit.name, "received": referral.received.iso, "subject": referral.subject,
                "due": referral.replyDue.iso, "state": state.label(language), "overdue": state == .overdue,
                "direction": referral.direction.label(language),
                // Its own keys (clueHref, linked): a key missing here would be looked up in the row around it.
                "clue": referral.clueID.map { ["clueHref": "/clues/\($0)", "linked": linkClue, "id": $0] as Any } ?? false]
    }
}
