import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /leads: what the supervision models found (研判线索), best first, and one lead with its evidence rows beside
/// it; accepting makes a clue through the same use-case as the API, dismissing records the reason.
struct LeadPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("leads", use: list)
        router.get("leads/:id", use: show)
        router.post("leads/:id/accept", use: accept)
        router.post("leads/:id/dismiss", use: dismiss)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let query = request.uri.queryParameters
        let models = try await store.models().filter(\.current).map(\.model)
        let model = query["model"].map(String.init).flatMap { id in models.contains { $0.id == id } ? id : nil }
        let status = query["status"].map(String.init).flatMap { HitStatus(rawValue: $0) } ?? (query["status"] == nil ? .open : nil)
        let hits = try await store.hits(HitFilter(model: model, status: status, audience: try DataMatchingController.audience(user),
                                                  limit: 200), disclosure: .masked)
        let rows = hits.map { hit -> [String: Any] in
            ["href": "/leads/\(hit.id ?? 0)", "id": hit.id ?? 0, "model": hit.modelName, "caution": hit.caution,
             "employer": hit.employer ?? hit.workers.first?.name ?? "", "project": hit.project ?? "",
             "workers": hit.workers.count, "amount": Money.text(hit.amount, language), "score": hit.score,
             "evidence": hit.evidenceRows, "status": hit.status.label(language),
             "onRecordClue": hit.existingClue.map { ["href": "/clues/\($0)", "id": $0] as Any } ?? false]
        }
        return WebPage.render("leads", title: "Data-matching leads", [
            "leads": rows,
            "models": models.map { ["id": $0.id, "name": $0.name(language), "selected": $0.id == model] },
            "statuses": HitStatus.allCases.map { ["value": $0.rawValue, "label": $0.label(language), "selected": $0 == status] },
            "allStatuses": status == nil,
        ], context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    private func page(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil, form: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let audience = try DataMatchingController.audience(user)
        let id = try context.parameters.require("id", as: Int64.self)
        let hit = try await pathRecord { try await store.hit(id: id, disclosure: .masked) }
        guard audience == nil || hit.audience == audience else { throw APIError.forbidden(role: user.role, permission: .readCases) }
        let evidence = hit.evidence.map { row -> [String: Any] in
            ["dataset": row.dataset.label(language), "unit": row.unit ?? "", "file": row.fileName,
             "row": Phrase("row \(String(row.rowNumber))").text(language),
             "cells": row.original.sorted { $0.key < $1.key }.map { ["heading": $0.key, "value": $0.value] }]
        }
        var data: [String: Any] = [
            "id": id, "model": hit.modelName, "modelVersion": Phrase("version \(String(hit.modelVersion))").text(language),
            "caution": hit.caution,
            "audience": hit.audience.label(language), "score": hit.score, "status": hit.status.label(language),
            "open": hit.status == .open, "reason": hit.statusReason ?? "",
            "employer": hit.employer ?? "", "creditCode": hit.creditCode ?? "", "project": hit.project ?? "",
            "amount": Money.text(hit.amount, language), "foundOn": hit.foundOn.iso,
            "lastActivity": hit.lastActivity.map { String($0.iso.prefix(7)) } ?? "",
            // Absent values are false, not missing: a missing name would be looked up in the enclosing page.
            "onRecordClue": hit.existingClue.map { ["href": "/clues/\($0)", "id": $0] as Any } ?? false,
            "onRecordCase": hit.existingCase.map { ["href": "/cases/\($0)", "id": $0] as Any } ?? false,
            "madeClue": hit.clueID.map { ["href": "/clues/\($0)", "id": $0] as Any } ?? false,
            "guarantees": hit.guarantees.map { ["href": "/guarantees/\($0)", "id": $0] },
            "workers": hit.workers.map { ["name": $0.name ?? "", "idNumber": $0.idNumber ?? "", "claimed": Money.text($0.claimed, language)] },
            "evidence": evidence,
            "mayAccept": hit.status == .open && user.role.may(.writeCases),
            "mayDismiss": hit.status == .open
                && LeadAccess.mayDismiss(user.role, hit.audience),
            "received": LocalDate.today().iso,
            "acceptProblems": [String](), "dismissProblems": [String](),
        ]
        if let problems {
            data[form == "accept" ? "acceptProblems" : "dismissProblems"] = problems.map(\.message)
            data["values"] = context.form.echo
        }
        return WebPage.render("lead", title: "Lead \(String(id))", data, context: context, request: request, status: status)
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.hit(id: id, disclosure: .masked) }
        let form = context.form
        let clueID: Int64
        do {
            var fields = RefusalCollector()
            let received = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["received"] ?? "", field: "received") }
            let code = fields.check { () throws(WagecaseError) in try form["credit_code"].map { c throws(WagecaseError) in try CreditCode.parse(c) } }
            try fields.finish()
            let (_, clue) = try await store.acceptHit(AcceptHit(
                hitID: id, received: received, employerName: form["employer"], creditCode: code ?? nil, project: form["project"],
                summary: form["summary"], reason: form["reason"]), actor: user.name)
            clueID = clue.clue.id
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await page(request, context, problems: problem.errors, form: "accept", status: .init(code: problem.status))
        }
        return WebPage.redirect("/clues/\(clueID)", notice: "lead-accepted")
    }

    @Sendable func dismiss(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let id = try context.parameters.require("id", as: Int64.self)
        let hit = try await pathRecord { try await store.hit(id: id, disclosure: .masked) }
        guard LeadAccess.mayDismiss(user.role, hit.audience) else {
            throw APIError.forbidden(role: user.role, permission: .writeCases)
        }
        do {
            _ = try await store.dismissHit(id: id, reason: context.form["reason"] ?? "", actor: user.name)
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await page(request, context, problems: problem.errors, form: "dismiss", status: .init(code: problem.status))
        }
        return WebPage.redirect("/leads/\(id)", notice: "lead-dismissed")
    }
}
