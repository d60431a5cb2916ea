import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /guarantees: the monitor's board by urgency and the letters and policies ending in the next 90 days; a
/// guarantee's events and derived balance, with the forms labor-bureau staff record events through (a draw,
/// replenishment, renewal, replacement, return).
struct GuaranteePages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("guarantees", use: board)
        router.get("guarantees/:id", use: show)
        router.post("guarantees/:id/events", use: addEvent)
    }

    static let calendarDays = 90
    /// The calendar reads guarantees a page at a time up to this many (a province's worth is for the digest).
    static let calendarScanLimit = 20_000

    @Sendable func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.pageUser(request)
        let language = context.language
        let today = LocalDate.today()
        // The board is the guarantee monitor's; a case's time limits belong on the case pages, the joint work's on
        // its own.
        let alerts = try await store.alerts(asOf: today, code: nil, region: nil)
            .filter { !$0.code.isCaseTimeLimit && !$0.code.isJointWork }
        let levels: [AlertSeverity] = [.critical, .high, .warning]
        let groups = levels.map { level -> [String: Any] in
            let items = alerts.filter { $0.severity == level }
            return ["level": level.rawValue, "label": level.label(language), "count": items.count,
                    "alerts": items.prefix(100).map { alert(($0), language) }]
        }
        var ending: [(LocalDate, GuaranteeDetail)] = []
        var after: Int64 = 0
        var scanned = 0
        let horizon = today.adding(days: Self.calendarDays)
        while scanned < Self.calendarScanLimit {
            let page = try await store.guarantees(project: nil, asOf: today, limit: 500, afterID: after)
            for detail in page {
                if let ends = detail.state.ends, ends >= today, ends <= horizon,
                   detail.state.status == .active || detail.state.status == .expired {
                    ending.append((ends, detail))
                }
            }
            scanned += page.count
            guard page.count == 500, let last = page.last else { break }
            after = last.guarantee.id
        }
        ending.sort { $0.0 < $1.0 }
        let calendar = Dictionary(grouping: ending) { "\($0.0.year)-\($0.0.month < 10 ? "0" : "")\($0.0.month)" }
            .sorted { $0.key < $1.key }
            .map { month, items -> [String: Any] in
                ["month": month, "items": items.map { ends, detail -> [String: Any] in
                    ["ends": ends.iso, "daysLeft": ends.dayNumber - today.dayNumber, "href": "/guarantees/\(detail.guarantee.id)",
                     "project": detail.projectName, "kind": detail.guarantee.kind.label(language),
                     "document": detail.state.documentNumber ?? "", "balance": Money.text(detail.state.balance, language)]
                }]
            }
        return WebPage.render("guarantees", title: "Guarantees", [
            "groups": groups, "alertTotal": alerts.count, "calendar": calendar, "calendarDays": Self.calendarDays,
            "endingTotal": ending.count,
        ], context: context, request: request)
    }

    private func alert(_ alert: Alert, _ language: Language) -> [String: Any] {
        var row: [String: Any] = ["code": alert.code.label(language),
                                  "detail": language == .zh ? alert.detail : alert.detailEn,
                                  "project": alert.projectName ?? "", "due": alert.due?.iso ?? ""]
        if let id = alert.guaranteeID { row["href"] = "/guarantees/\(id)" }
        if let id = alert.projectID { row["projectHref"] = "/projects/\(id)" }
        return row
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context, problems: [], values: [:])
    }

    private func page(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item],
                      values: [String: String], status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let detail = try await pathRecord { try await store.guaranteeDetail(id, asOf: nil) }
        let g = detail.guarantee, state = detail.state
        let kinds = GuaranteeEventKind.allCases.filter { $0 != .lodged }
        let selected = values["kind"].flatMap { GuaranteeEventKind(rawValue: $0) } ?? .drawn
        let data: [String: Any] = [
            "id": g.id, "project": detail.projectName, "projectHref": "/projects/\(g.projectID)",
            "kind": g.kind.label(language), "amount": Money.text(g.amount, language), "issuer": g.issuer ?? "",
            "document": state.documentNumber ?? "", "effective": g.effective.iso, "ends": state.ends?.iso ?? "",
            "status": state.statusText(language), "balance": Money.text(state.balance, language),
            "drawn": Money.text(state.drawnTotal, language), "unreplenished": state.unreplenished.value > 0
                ? Money.text(state.unreplenished, language) : "",
            "version": ETag.of(detail.events),
            "events": detail.events.map { e -> [String: Any] in
                // Keys of their own: a blank one would be looked up on the page around it (the guarantee's amount).
                ["date": e.date.iso, "kind": e.kind.label(language, for: g.kind),
                 "eventAmount": e.amount.map { Money.text($0, language) } ?? "", "noticeNumber": e.noticeNumber ?? "",
                 "newEnds": e.newEnds?.iso ?? "", "newDocument": e.newDocument ?? "",
                 "cases": e.caseIDs.map { ["href": "/cases/\($0)", "id": $0] }, "note": e.note ?? "", "actor": e.actor]
            },
            "mayWrite": user.role.may(.writeGuarantees),
            "eventKinds": optionsHTML(kinds.map { ($0.rawValue, $0.label(language, for: g.kind), $0 == selected) }),
            "today": LocalDate.today().iso, "values": values, "problems": problems.map(\.message),
        ]
        return WebPage.render("guarantee", title: "Guarantee \(String(id))", data, context: context,
                              request: request, status: status)
    }

    /// A refusal that would say something about a case: it is not found, cannot be paid that much, or a case
    /// field is wrong.
    static func isAboutACase(_ refusal: WagecaseError) -> Bool {
        switch refusal {
        case .overRecovery: true
        case let .notFound(entity, _): WagecaseError.record(entity) == "case"
        case let .invalidField(field, _, _, _): field.hasPrefix("case")
        case let .invalidState(entity, _, _, _, _): WagecaseError.record(entity) == "case"
        default: false
        }
    }

    @Sendable func addEvent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeGuarantees)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.guaranteeDetail(id, asOf: nil) }
        let form = context.form
        do {
            var fields = RefusalCollector()
            let kind = fields.check { () throws(WagecaseError) in try GuaranteeEventKind.parse(form["kind"] ?? "", field: "kind") }
            let date = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["on"] ?? "", field: "on") }
            let amount = fields.check { () throws(WagecaseError) in try form["amount"].map { a throws(WagecaseError) in try Fen.parse(a, field: "amount") } }
            let newEnds = fields.check { () throws(WagecaseError) in try form["new_ends"].map { d throws(WagecaseError) in try LocalDate.parse(d, field: "new_ends") } }
            let orderDue = fields.check { () throws(WagecaseError) in try form["order_due"].map { d throws(WagecaseError) in try LocalDate.parse(d, field: "order_due") } }
            let paidOn = fields.check { () throws(WagecaseError) in try form["paid_on"].map { d throws(WagecaseError) in try LocalDate.parse(d, field: "paid_on") } }
            let cases = fields.check { () throws(WagecaseError) in
                try (form["cases"] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "," || $0 == "，" })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    .map { c throws(WagecaseError) in try DrawnCase.parse(c) }
            }
            try fields.finish()
            guard let kind, let date, let amount, let newEnds, let cases, let orderDue, let paidOn else {
                throw Refusals(fields.errors)
            }
            let input = try NewGuaranteeEvent(guaranteeID: id, kind: kind, date: date, amount: amount,
                                              noticeNumber: form["notice_number"], newEnds: newEnds,
                                              newDocument: form["new_document"], cases: cases, note: form["note"],
                                              orderNumber: form["order_number"], orderDue: orderDue, paidOn: paidOn,
                                              validityOverride: form["override_reason"])
            let version = IfMatch(header: form["version"])
            _ = try await store.recordGuaranteeEvent(input, actor: user.name) { try version.check($0) }
            return WebPage.redirect("/guarantees/\(id)", notice: "guarantee-event-recorded")
        } catch let error as any Refusal where !(error is APIError) {
            var error = error
            // Staff who see no case files learn nothing about a case from a refused draw: not whether its number
            // exists, not what it claims or has recovered.
            if !user.role.seesCaseData, let refusal = error as? WagecaseError, Self.isAboutACase(refusal) {
                error = WagecaseError.invalidField(field: "cases", value: "", reason: "cannot take this draw",
                                                   allowed: "cases the prosecutor handling them confirms, with amounts within what is owed")
            }
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await page(request, context, problems: problem.errors, values: form.echo,
                                  status: .init(code: problem.status))
        }
    }
}
