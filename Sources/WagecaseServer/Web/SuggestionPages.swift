import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /suggestions: procuratorial suggestions with their reply deadlines (overdue first among the open), and the
/// agency's reply recorded through the same use-case as the API.
struct SuggestionPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("suggestions", use: list)
        router.get("suggestions/:id", use: show)
        router.post("suggestions/:id/reply", use: reply)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.pageUser(request)
        let language = context.language
        let openOnly = request.uri.queryParameters["open"] == "1"
        let today = LocalDate.today()
        let all = try await store.suggestions(openOnly: openOnly, limit: 200, afterID: 0)
        let rows = all.sorted { ($0.replied == nil ? 0 : 1, $0.replyDue) < ($1.replied == nil ? 0 : 1, $1.replyDue) }
            .map { s -> [String: Any] in
                let daysLeft = s.replyDue.dayNumber - today.dayNumber
                return ["href": "/suggestions/\(s.id)", "number": s.number, "agency": s.agency, "issued": s.issued.iso,
                        "due": s.replyDue.iso, "replied": s.replied?.iso ?? "",
                        "overdue": s.replied == nil && daysLeft < 0,
                        "daysLeft": s.replied == nil ? Phrase("\(String(daysLeft)) days left").text(language) : "",
                        "secured": Money.text(s.secured, language)]
            }
        return WebPage.render("suggestions", title: "Procuratorial suggestions",
                              ["suggestions": rows, "openOnly": openOnly], context: context, request: request)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context)
    }

    /// The suggestion's page; after a refused reply, with what was wrong above the form and the values as typed.
    private func page(_ request: Request, _ context: AppRequestContext, problems: [Problem.Item]? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let id = try context.parameters.require("id", as: Int64.self)
        let s = try await pathRecord { try await store.suggestion("#\(id)") }
        var data: [String: Any] = [
            "id": s.id, "number": s.number, "agency": s.agency, "issued": s.issued.iso, "text": s.text ?? "",
            "due": s.replyDue.iso, "replied": s.replied?.iso ?? "", "summary": s.replySummary ?? "",
            "secured": Money.text(s.secured, language), "lettersRenewed": s.lettersRenewed,
            "projects": s.projectIDs.map { ["href": "/projects/\($0)", "id": $0] },
            "guarantees": s.guaranteeIDs.map { ["href": "/guarantees/\($0)", "id": $0] },
            "version": ETag.of(s), "mayWrite": user.role.may(.writeCases), "amend": s.replied != nil,
            "replyOn": LocalDate.today().iso,
        ]
        // A suggestion's own document names no worker: its register is shown to whoever sees the suggestion.
        data.merge(DocumentPages.documentsData(
            kinds: [.suggestion], documents: try await store.documents(subject: .suggestion("#\(s.id)"), limit: 200, afterID: 0),
            recordPath: "/suggestions/\(s.id)", role: user.role, language: language)) { current, _ in current }
        // Empty unless the reply was refused: a missing list would show an empty alert.
        data["replyProblems"] = [String]()
        if let problems {
            data["replyProblems"] = problems.map(\.message)
            let typed = context.form.echo
            data["replyOn"] = typed["on"] ?? LocalDate.today().iso
            data["values"] = typed
        }
        return WebPage.render("suggestion", title: "Suggestion \(s.number)", data, context: context, request: request,
                              status: status)
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request, allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.suggestion("#\(id)") }
        let form = context.form
        do {
            try await record(form, id: id, user: user)
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .post, language: context.language)
            return try await page(request, context, problems: problem.errors, status: .init(code: problem.status))
        }
        return WebPage.redirect("/suggestions/\(id)", notice: "suggestion-replied")
    }

    private func record(_ form: FormData, id: Int64, user: APIUser) async throws {
        var fields = RefusalCollector()
        let on = fields.check { () throws(WagecaseError) in try LocalDate.parse(form["on"] ?? "", field: "on") }
        let secured = fields.check { () throws(WagecaseError) in try form["secured"].map { a throws(WagecaseError) in try Fen.parse(a, field: "secured") } ?? .zero }
        let letters = fields.check { () throws(WagecaseError) -> Int in
            guard let text = form["letters_renewed"] else { return 0 }
            guard let count = Int(text), (0...10_000).contains(count) else {
                throw .invalidField(field: "letters_renewed", value: text, reason: "is not a count",
                                    allowed: "a whole number from 0 to 10000")
            }
            return count
        }
        try fields.finish()
        guard let on, let secured, let letters else { throw Refusals(fields.errors) }
        let reply = try SuggestionReply(replied: on, summary: form["summary"], secured: secured, lettersRenewed: letters)
        let amendReason = try SuggestionRules.amendment(amend: form["amend"] == "true", reason: form["reason"])
        let version = IfMatch(header: form["version"])
        _ = try await store.replySuggestion("#\(id)", reply, amendReason: amendReason, actor: user.name) {
            try version.check($0)
        }
    }
}
