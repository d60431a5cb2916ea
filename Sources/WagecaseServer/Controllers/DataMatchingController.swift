import Hummingbird
import WagecaseCore
import WagecaseStore

/// Big-data supervision: the datasets and models on record, runs, and the review of leads. Leads name workers
/// (ID numbers masked unless revealed) and employers: prosecutors and viewers see every lead, labor-bureau staff
/// the leads meant for them. Accepting makes a clue (prosecutors); a lead is dismissed by whoever it is for.
struct DataMatchingController {
    let store: any RecordStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("datasets", use: datasets)
        group.get("models", use: models)
        group.post("model-runs", use: run)
        group.get("hits", use: hits)
        group.get("hits/:id", use: hit)
        group.post("hits/:id/accept", use: accept)
        group.post("hits/:id/dismiss", use: dismiss)
    }

    /// The leads a role is shown: all of them, or those meant for the labor bureau; none for other roles.
    static func audience(_ user: APIUser) throws -> ModelAudience? {
        guard let audience = LeadAccess.audience(shownTo: user.role) else {
            throw APIError.forbidden(role: user.role, permission: .readCases)
        }
        return audience
    }

    @Sendable func datasets(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        return try JSONResponse.make(try await store.datasets(limit: 1000))
    }

    @Sendable func models(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        return try JSONResponse.make(try await store.models().map(ModelEntry.init))
    }

    struct RunBody: APIRequestBody {
        var models: [String]?
        var on: String?
        var dry_run: Bool?
        static let fields: Set<String> = ["models", "on", "dry_run"]
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        guard LeadAccess.mayRun(user.role) else {
            throw APIError.forbidden(role: user.role, permission: .writeCases)
        }
        let body = try await APIBody.decode(RunBody.self, from: request)
        let on = try body.on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
        var result = try await store.runModels(ModelRunRequest(models: body.models ?? [], asOf: on,
                                                               dryRun: body.dry_run ?? false, actor: user.name))
        let audience = try Self.audience(user)
        result.hits = try await store.discloseHits(result.hits.filter { audience == nil || $0.audience == audience }, .masked)
        return try JSONResponse.make(result, status: body.dry_run == true ? .ok : .created)
    }

    @Sendable func hits(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let paging = try Paging(request)
        let filter = HitFilter(
            model: try request.query("model").map { m throws(WagecaseError) -> String in
                guard ModelFile.isModelID(m) else {
                    throw .invalidField(field: "model", value: m, reason: "is not a model id", allowed: ModelFile.idPattern)
                }
                return m
            },
            status: try request.query("status").map { s throws(WagecaseError) in try HitStatus.parse(s, field: "status") },
            audience: try Self.audience(user), limit: paging.limit, afterID: paging.afterID, bestFirst: false)
        let hits = try await store.hits(filter, disclosure: try disclosure(request, user))
        return try JSONResponse.make(paging.page(hits, id: { $0.id ?? 0 }))
    }

    @Sendable func hit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let audience = try Self.audience(user)
        let id = try context.parameters.require("id", as: Int64.self)
        let found = try await pathRecord { try await store.hit(id: id, disclosure: .masked) }
        guard audience == nil || found.audience == audience else { throw APIError.forbidden(role: user.role, permission: .readCases) }
        let shown = try disclosure(request, user)
        if case .masked = shown { return try JSONResponse.make(found) }
        return try JSONResponse.make(try await store.hit(id: id, disclosure: shown))
    }

    struct AcceptBody: APIRequestBody {
        var received: String?
        var credit_code: String?
        var employer: String?
        var project: String?
        var summary: String?
        var reason: String?
        var amount_stands: String?
        static let fields: Set<String> = ["received", "credit_code", "employer", "project", "summary", "reason",
                                          "amount_stands"]
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await APIBody.decode(AcceptBody.self, from: request)
        var fields = RefusalCollector()
        let received = fields.check { () throws(WagecaseError) in try body.received.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "received") } }
        let code = fields.check { () throws(WagecaseError) in try body.credit_code.map { c throws(WagecaseError) in try CreditCode.parse(c) } }
        let stands = fields.check { () throws(WagecaseError) in try ClueIntake.AmountStands.parse(body.amount_stands) }
        try fields.finish()
        _ = try await pathRecord { try await store.hit(id: id, disclosure: .masked) }
        let (hit, _) = try await store.acceptHit(AcceptHit(
            hitID: id, received: received ?? nil, employerName: body.employer, creditCode: code ?? nil,
            project: body.project, summary: body.summary, reason: body.reason, amountStands: stands ?? nil), actor: user.name)
        return try JSONResponse.make(hit)
    }

    struct DismissBody: APIRequestBody {
        var reason: String
        static let fields: Set<String> = ["reason"]
    }

    @Sendable func dismiss(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await APIBody.decode(DismissBody.self, from: request)
        let found = try await pathRecord { try await store.hit(id: id, disclosure: .masked) }
        guard LeadAccess.mayDismiss(user.role, found.audience) else { throw APIError.forbidden(role: user.role, permission: .writeCases) }
        return try JSONResponse.make(try await store.dismissHit(id: id, reason: body.reason, actor: user.name))
    }
}

/// A model as the API lists it.
struct ModelEntry: Encodable {
    let id: String
    let version: Int
    let name_zh: String
    let name_en: String
    let reads: [DatasetKind]
    let audience: ModelAudience
    let caution: Bool
    let built_in: Bool
    let current: Bool
    let source: String

    init(_ info: ModelInfo) {
        (id, version, name_zh, name_en) = (info.model.id, info.model.version, info.model.name.zh, info.model.name.en)
        (reads, audience, caution) = (info.model.reads, info.model.audience, info.model.caution)
        (built_in, current, source) = (info.builtIn, info.current, info.source)
    }
}
