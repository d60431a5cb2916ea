import Hummingbird
import WagecaseCore
import WagecaseStore

/// Suggestions, alerts, statistics and the audit log.
struct ReportsController {
    let store: any RecordStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("suggestions", use: listSuggestions)
        group.post("suggestions", use: createSuggestion)
        group.get("suggestions/:id", use: getSuggestion)
        group.post("suggestions/:id/reply", use: reply)
        group.get("alerts", use: alerts)
        group.get("stats", use: stats)
        group.get("audit", use: audit)
    }

    struct CreateSuggestion: APIRequestBody {
        var number: String
        var issued: String
        var agency: String
        var text: String?
        var projects: [FlexibleReference]?
        var guarantees: [Int64]?
        var reply_months: Int?
        static let fields: Set<String> = ["number", "issued", "agency", "text", "projects", "guarantees", "reply_months"]
    }

    struct ReplyBody: APIRequestBody {
        var on: String
        var summary: String?
        var secured_fen: Int64?
        var letters_renewed: Int?
        var amend: Bool?
        var reason: String?
        static let fields: Set<String> = ["on", "summary", "secured_fen", "letters_renewed", "amend", "reason"]
    }

    @Sendable func listSuggestions(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let paging = try Paging(request)
        let openOnly = try request.flag("open") ?? false
        let suggestions = try await store.suggestions(openOnly: openOnly, limit: paging.limit,
                                                                      afterID: paging.afterID)
        return try JSONResponse.make(paging.page(suggestions, id: \.id))
    }

    @Sendable func getSuggestion(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let reference = try context.pathText("id")
        let suggestion = try await pathRecord { try await store.suggestion(reference) }
        return try JSONResponse.make(suggestion, etag: ETag.of(suggestion))
    }

    @Sendable func createSuggestion(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let body = try await APIBody.decode(CreateSuggestion.self, from: request)
        let input = try NewSuggestion(
            number: body.number, issued: try LocalDate.parse(body.issued, field: "issued"), agency: body.agency,
            text: body.text,
            projects: try (body.projects ?? []).map { p throws(WagecaseError) in try ProjectReference.parse(p.text) },
            guaranteeIDs: body.guarantees ?? [], replyMonths: body.reply_months)
        let suggestion = try await store.addSuggestion(input, actor: user.name)
        return try JSONResponse.make(suggestion, status: .created, etag: ETag.of(suggestion),
                                     location: "/api/v1/suggestions/\(suggestion.id)")
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = try context.pathText("id")
        let current = try await pathRecord { try await store.suggestion(reference) }  // 404 before the body is read
        let body = try await APIBody.decode(ReplyBody.self, from: request)
        let reply = try SuggestionReply(
            replied: try LocalDate.parse(body.on, field: "on"), summary: body.summary,
            secured: try Fen.api(body.secured_fen ?? 0, field: "secured_fen"), lettersRenewed: body.letters_renewed ?? 0)
        let amendReason = try SuggestionRules.amendment(amend: body.amend ?? false, reason: body.reason)
        let expect = IfMatch(request)
        let suggestion = try await store.replySuggestion("#\(current.id)", reply, amendReason: amendReason,
                                                         actor: user.name, expect: expect.check)
        return try JSONResponse.make(suggestion, etag: ETag.of(suggestion))
    }

    @Sendable func alerts(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let asOf = try request.query("on").date("on")
        let code = try request.query("code").map { c throws(WagecaseError) in try AlertCode.parse(c) }
        let region = try request.query("region").map { r throws(WagecaseError) in try RegionPrefix.parse(r) }
        let alerts = try await store.alerts(asOf: asOf, code: code, region: region)
        // A case's time limits name the case: only for those who may read cases. The joint work's alerts: only
        // a labor-bureau user's own unit's.
        let mayReadCases = user.role.may(.readCases)
        let visible = try await JointWorkPages.visibleUnits(user, store: store)
        return JSONResponse.list(alerts.filter { alert in
            (mayReadCases || !alert.code.isCaseTimeLimit)
                && (!alert.code.isJointWork || JointWorkAccess.sees([alert.unitID ?? 0], visible: visible))
        })
    }

    @Sendable func stats(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let range = try DateRange(from: try request.query("from").date("from"), to: try request.query("to").date("to"))
        let statistics = try await store.statistics(range)
        return try JSONResponse.make(statistics)
    }

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .readAudit)
        let paging = try Paging(request)
        if let since = request.query("since"), LocalDate.parseISO(String(since.prefix(10))) == nil {
            throw WagecaseError.invalidField(field: "since", value: since, reason: "is not a date or timestamp",
                                             allowed: "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
        }
        let since = request.query("since"), table = request.query("table")
        let entries = try await store.auditEntries(since: since, table: table, limit: paging.limit,
                                                                   afterID: paging.afterID)
        return try JSONResponse.make(paging.page(entries, id: \.id))
    }
}
