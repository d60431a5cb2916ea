import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// Workers, employers and projects with what hangs on them: a worker's clues and cases (ID number, phone and bank
/// card masked; a prosecutor may reveal them with a reason, audited), an employer's projects, clues and cases, a
/// project's guarantees and the amount the rules require.
struct RecordPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("workers", use: workers)
        router.get("workers/:id", use: worker)
        router.post("workers/:id/reveal", use: reveal)
        router.post("workers/:id/correct", use: correctWorker)
        router.get("employers", use: employers)
        router.get("employers/:id", use: employer)
        router.post("employers/:id/correct", use: correctEmployer)
        router.get("projects/:id", use: project)
        router.post("projects/:id/correct", use: correctProject)
    }

    static let pageSize = 50

    private func search(_ request: Request) -> String? {
        request.uri.queryParameters["q"].map { String($0).trimmingCharacters(in: .whitespaces) }
            .flatMap { $0.isEmpty ? nil : String($0.prefix(100)) }
    }

    private func after(_ request: Request) -> Int64 {
        request.uri.queryParameters["after"].flatMap { Int64(String($0)) }.map { max($0, 0) } ?? 0
    }

    // MARK: Workers

    @Sendable func workers(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.caseReader(request)
        let query = search(request)
        let found = try await store.workers(nameContains: query, limit: Self.pageSize + 1, afterID: after(request))
        let shown = found.prefix(Self.pageSize).map { $0.masked() }
        var data: [String: Any] = [
            "q": query ?? "",
            "workers": shown.map { ["href": "/workers/\($0.id)", "name": $0.name, "idNumber": $0.idNumber,
                                    "hometown": $0.hometown ?? ""] },
        ]
        if found.count > Self.pageSize, let last = shown.last {
            data["next"] = "/workers?after=\(last.id)" + (query.map { "&q=" + (($0).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        }
        return WebPage.render("workers", title: "Migrant workers", data, context: context, request: request)
    }

    @Sendable func worker(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await workerPage(request, context, disclosure: .masked)
    }

    /// A reveal is a POST: it writes to the audit log who saw the numbers and why.
    @Sendable func reveal(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .reveal)
        let disclosure = try Disclosure.requested(reveal: true, reason: context.form["reason"], by: user.name)
        return try await workerPage(request, context, disclosure: disclosure)
    }

    private func workerPage(_ request: Request, _ context: AppRequestContext, disclosure: Disclosure,
                            problems: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.caseReader(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let found = try await pathRecord { try await store.worker(id: id) }
        let shown = try await store.disclose(found, disclosure, workerIDs: [found.id], fields: Worker.hiddenFields)
        let clues = try await store.clues(ClueFilter(workerID: id, limit: 200))
        let cases = try await store.cases(CaseFilter(workerID: id, limit: 200))
        var data: [String: Any] = [
            "id": id, "name": shown.name, "idNumber": shown.idNumber, "phone": shown.phone ?? "",
            "bankCard": shown.bankCard ?? "", "hometown": shown.hometown ?? "",
            "revealed": disclosure != .masked, "mayReveal": user.role.may(.reveal) && disclosure == .masked,
            "mayCorrect": user.role.may(.writeCases), "version": ETag.of(found), "correctProblems": problems,
            "clues": clues.map { c -> [String: Any] in
                ["href": "/clues/\(c.id)", "id": c.id, "received": c.received.iso, "employer": c.employerName,
                 "status": c.status.label(language),
                 "claimed": Money.text(c.workers.first { $0.workerID == id }?.claimed ?? .zero, language)]
            },
            "cases": cases.map { c -> [String: Any] in
                ["href": "/cases/\(c.id)", "label": c.caseNumber ?? "#\(c.id)", "employer": c.employerName,
                 "stage": c.stage.label(language), "claimed": Money.text(c.claimed, language),
                 "recovered": Money.text(c.recovered, language)]
            },
        ]
        if case .revealed(_, let reason) = disclosure { data["reason"] = reason }
        // A refused form comes back as typed, but never with a number the page would otherwise mask.
        if !problems.isEmpty { data["values"] = context.form.echo.filter { !["id_number", "bank_card", "phone"].contains($0.key) } }
        return WebPage.render("worker", title: "Worker \(shown.name)", data, context: context, request: request,
                              status: status)
    }

    /// Corrects a worker's record with a reason. A number field left empty is not changed (the page shows it
    /// masked); a box ticked clears it; hometown emptied is cleared.
    @Sendable func correctWorker(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await correction(request, context, allowedTo: .writeCases, path: "workers",
                             lookup: { try await store.worker(id: $0) },
                             page: { try await workerPage(request, context, disclosure: .masked, problems: $0, status: $1) }) {
            user, id, current, form, version in
            var clear = form.all("clear")
            if form["hometown"] == nil && current.hometown != nil { clear.append("hometown") }
            let changes = try WorkerChanges.parse(
                name: form["name"].flatMap { $0 == current.name ? nil : $0 }, idNumber: form["id_number"],
                overrideReason: form["override_reason"], phone: form["phone"], bankCard: form["bank_card"],
                hometown: form["hometown"].flatMap { $0 == current.hometown ? nil : $0 }, clear: clear,
                reason: form["reason"])
            _ = try await store.updateWorker(id: id, changes, actor: user.name) { try version.check($0) }
        }
    }

    /// A 更正信息 form: the writer signed in, the record as it stands, then `write`; a refusal shows the record's
    /// page again with what was wrong beside the form, nothing written.
    private func correction<Record: Sendable>(
        _ request: Request, _ context: AppRequestContext, allowedTo permission: Permission, path: String,
        lookup: (Int64) async throws -> Record, page: ([String], HTTPResponse.Status) async throws -> Response,
        write: (APIUser, Int64, Record, FormData, IfMatch) async throws -> Void) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: permission)
        let id = try context.parameters.require("id", as: Int64.self)
        let current = try await pathRecord { try await lookup(id) }
        let form = context.form
        do {
            try await write(user, id, current, form, IfMatch(header: form["version"]))
            return WebPage.redirect("/\(path)/\(id)", notice: "record-corrected")
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await page(problem.errors.map(\.message), .init(code: problem.status))
        }
    }

    // MARK: Employers and projects

    @Sendable func employers(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.pageUser(request)
        let language = context.language
        let query = search(request)
        let found = try await store.employers(nameContains: query, limit: Self.pageSize + 1, afterID: after(request))
        let shown = found.prefix(Self.pageSize)
        var data: [String: Any] = [
            "q": query ?? "",
            "employers": shown.map { ["href": "/employers/\($0.id)", "name": $0.name, "creditCode": $0.creditCode,
                                      "kind": $0.kind.label(language)] },
        ]
        if found.count > Self.pageSize, let last = shown.last {
            data["next"] = "/employers?after=\(last.id)" + (query.map { "&q=" + (($0).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? "")
        }
        return WebPage.render("employers", title: "Employers", data, context: context, request: request)
    }

    @Sendable func employer(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await employerPage(request, context)
    }

    /// Corrects an employer's record with a reason.
    @Sendable func correctEmployer(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await correction(request, context, allowedTo: .writeEmployers, path: "employers",
                             lookup: { try await store.employer(.id($0)) },
                             page: { try await employerPage(request, context, problems: $0, status: $1) }) {
            user, id, current, form, version in
            func changed(_ name: String, _ value: String) -> String? { form[name].flatMap { $0 == value ? nil : $0 } }
            let changes = try EmployerChanges.parse(
                name: changed("name", current.name), creditCode: changed("credit_code", current.creditCode),
                kind: changed("kind", current.kind.rawValue), overrideReason: form["override_reason"],
                reason: form["reason"])
            _ = try await store.updateEmployer(.id(id), changes, actor: user.name) { try version.check($0) }
        }
    }

    private func employerPage(_ request: Request, _ context: AppRequestContext, problems: [String] = [],
                              status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let employer = try await pathRecord { try await store.employer(.id(id)) }
        let projects = try await store.projects(employer: .id(id), region: nil, limit: 200, afterID: 0)
        var data: [String: Any] = [
            "id": id, "name": employer.name, "creditCode": employer.creditCode, "kind": employer.kind.label(language),
            "mayCorrect": user.role.may(.writeEmployers), "version": ETag.of(employer), "correctProblems": problems,
            "kinds": options(EmployerKind.allCases, selected: employer.kind, language),
            "projects": projects.map { p -> [String: Any] in
                ["href": "/projects/\(p.id)", "name": p.name, "status": p.status.label(language),
                 "region": p.regionCode ?? "", "contractPrice": p.contractPrice.map { Money.text($0, language) } ?? ""]
            },
        ]
        if user.role.seesCaseData {
            let clues = try await store.clues(ClueFilter(employer: .id(id), limit: 200))
            let cases = try await store.cases(CaseFilter(employer: .id(id), limit: 200))
            data["caseData"] = true
            data["clues"] = clues.map { c -> [String: Any] in
                ["href": "/clues/\(c.id)", "id": c.id, "received": c.received.iso, "status": c.status.label(language),
                 "claimed": Money.text(c.claimedTotal, language), "workers": c.workers.map(\.name).joined(separator: "、")]
            }
            data["cases"] = cases.map { c -> [String: Any] in
                ["href": "/cases/\(c.id)", "label": c.caseNumber ?? "#\(c.id)", "worker": c.workerName,
                 "stage": c.stage.label(language), "claimed": Money.text(c.claimed, language),
                 "recovered": Money.text(c.recovered, language)]
            }
        }
        if !problems.isEmpty { data["values"] = context.form.echo }
        return WebPage.render("employer", title: "Employer \(employer.name)", data, context: context, request: request,
                              status: status)
    }

    @Sendable func project(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await projectPage(request, context)
    }

    /// Changes a project's guarantee-relevant facts with a reason: a field left as it was is not a change.
    @Sendable func correctProject(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await correction(request, context, allowedTo: .writeGuarantees, path: "projects",
                             lookup: { try await store.project(.id($0)) },
                             page: { try await projectPage(request, context, problems: $0, status: $1) }) {
            user, id, current, form, version in
            func changed(_ name: String, _ value: String?) -> String? { form[name].flatMap { $0 == value ? nil : $0 } }
            var details = try ProjectDetails.parse(
                region: changed("region_code", current.regionCode),
                contractPrice: changed("contract_price", current.contractPrice?.yuan),
                start: changed("start", current.start?.iso),
                plannedCompletion: changed("planned_completion", current.plannedCompletion?.iso),
                actualCompletion: changed("actual_completion", current.actualCompletion?.iso),
                status: changed("status", current.status.rawValue), standing: changed("standing", current.standing.rawValue))
            func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "" }
            details.deposit = try DepositFactChanges.parse(
                permitDate: changed("permit_date", current.permitDate?.iso ?? ""),
                contractSigned: changed("contract_signed", current.contractSigned?.iso ?? ""),
                priorYearArrears: changed("prior_year_arrears", flag(current.priorYearArrears)),
                realNameManagement: changed("real_name_management", flag(current.realNameManagement)),
                wageAccount: changed("wage_account", flag(current.wageAccount)),
                standingSince: changed("standing_since", current.standingSince?.iso ?? ""),
                reducedRatio: changed("reduced_ratio_bp", current.reducedRatioBasisPoints.map(String.init) ?? ""))
            _ = try await store.updateProject(.id(id), details, reason: form["reason"], actor: user.name) {
                try version.check($0)
            }
        }
    }

    private func projectPage(_ request: Request, _ context: AppRequestContext, problems: [String] = [],
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let project = try await pathRecord { try await store.project(.id(id)) }
        let guarantees = try await store.guarantees(project: .id(id), asOf: nil, limit: 100, afterID: 0)
        let required = try await store.requiredGuarantee(for: .id(id))
        var data: [String: Any] = [
            "id": id, "mayCorrect": user.role.may(.writeGuarantees), "version": ETag.of(project),
            "correctProblems": problems, "regionCode": project.regionCode ?? "",
            "contractPriceYuan": project.contractPrice?.yuan ?? "",
            "statuses": options(ProjectStatus.allCases, selected: project.status, language),
            "standings": options(ContractorStanding.allCases, selected: project.standing, language),
            "name": project.name, "employer": project.employerName, "employerHref": "/employers/\(project.employerID)",
            "location": project.location ?? "", "region": project.regionCode ?? "",
            "contractPrice": project.contractPrice.map { Money.text($0, language) } ?? "",
            "start": project.start?.iso ?? "", "plannedCompletion": project.plannedCompletion?.iso ?? "",
            "actualCompletion": project.actualCompletion?.iso ?? "", "status": project.status.label(language),
            "duty": required.text(language), "standing": project.standing.label(language),
            "permitDate": project.permitDate?.iso ?? "", "contractSigned": project.contractSigned?.iso ?? "",
            "standingSince": project.standingSince?.iso ?? "",
            "reducedRatio": project.reducedRatioBasisPoints.map(String.init) ?? "",
            "priorYearArrears": yesNoOptions(project.priorYearArrears, unknown: true, language),
            "realName": yesNoOptions(project.realNameManagement, unknown: false, language),
            "wageAccount": yesNoOptions(project.wageAccount, unknown: false, language),
            "guarantees": guarantees.map { g -> [String: Any] in
                ["href": "/guarantees/\(g.guarantee.id)", "kind": g.guarantee.kind.label(language),
                 "document": g.state.documentNumber ?? "", "status": g.state.statusText(language),
                 "balance": Money.text(g.state.balance, language), "ends": g.state.ends?.iso ?? ""]
            },
        ]
        if !problems.isEmpty { data["values"] = context.form.echo }
        return WebPage.render("project", title: "Project \(project.name)", data, context: context, request: request,
                              status: status)
    }
}

/// A yes/no select's options (with "not recorded" first when the fact may be unknown).
private func yesNoOptions(_ value: Bool?, unknown: Bool, _ language: Language) -> String {
    let words = language == .zh ? ("未记录", "是", "否") : ("not recorded", "yes", "no")
    var items: [(value: String, label: String, selected: Bool)] = []
    if unknown { items.append(("", words.0, value == nil)) }
    items += [("yes", words.1, value == true), ("no", words.2, value == false)]
    return optionsHTML(items)
}
