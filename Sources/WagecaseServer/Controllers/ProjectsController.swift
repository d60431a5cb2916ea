import Hummingbird
import WagecaseCore
import WagecaseStore

/// Projects and their guarantees: written by labor-bureau staff.
struct ProjectsController {
    let store: any RecordStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("projects", use: list)
        group.post("projects", use: create)
        group.get("projects/:id", use: get)
        group.patch("projects/:id", use: update)
        group.get("guarantees", use: listGuarantees)
        group.post("guarantees", use: createGuarantee)
        group.get("guarantees/:id", use: getGuarantee)
        group.post("guarantees/:id/events", use: addEvent)
    }

    struct Facts: APIRequestBody {
        var name: String?
        var employer: FlexibleReference?
        var location: String?
        var region_code: String?
        var contract_price_fen: Int64?
        var start: String?
        var planned_completion: String?
        var actual_completion: String?
        var status: String?
        var standing: String?
        var exemption_reason: String?
        var exemption_document: String?
        var clear_exemption: Bool?
        var permit_date: String?
        var contract_signed: String?
        var prior_year_arrears: Bool?
        var real_name_management: Bool?
        var wage_account: Bool?
        var standing_since: String?
        var reduced_ratio_bp: Int?
        /// Why the facts change (an update only).
        var reason: String?
        static let fields: Set<String> = [
            "name", "employer", "location", "region_code", "contract_price_fen", "start", "planned_completion",
            "actual_completion", "status", "standing", "exemption_reason", "exemption_document", "clear_exemption",
            "permit_date", "contract_signed", "prior_year_arrears", "real_name_management", "wage_account",
            "standing_since", "reduced_ratio_bp", "reason",
        ]

        func details() throws -> ProjectDetails {
            var details = try ProjectDetails.parse(
                region: region_code, start: start, plannedCompletion: planned_completion,
                actualCompletion: actual_completion, status: status, standing: standing,
                exemptionReason: exemption_reason, exemptionDocument: exemption_document,
                clearExemption: clear_exemption ?? false)
            details.contractPrice = try contract_price_fen.map { v throws(WagecaseError) in
                try Fen.api(v, field: "contract_price_fen")
            }
            details.deposit = try DepositFactChanges.parse(
                permitDate: permit_date, contractSigned: contract_signed, standingSince: standing_since,
                reducedRatio: reduced_ratio_bp.map(String.init))
            details.deposit.priorYearArrears = prior_year_arrears
            details.deposit.realNameManagement = real_name_management
            details.deposit.wageAccount = wage_account
            return details
        }
    }

    struct ProjectOutput: Encodable {
        var project: Project
        var duty: DepositDuty

        func encode(to encoder: any Encoder) throws {
            try project.encode(to: encoder)
            try duty.encodeFields(to: encoder)
        }
    }

    struct CreateGuarantee: APIRequestBody {
        var project: FlexibleReference
        var kind: String
        var amount_fen: Int64
        var issuer: String?
        var document_number: String?
        var effective: String
        var ends: String?
        var override_reason: String?
        static let fields: Set<String> = ["project", "kind", "amount_fen", "issuer", "document_number", "effective", "ends",
                                          "override_reason"]
    }

    struct AddEvent: APIRequestBody {
        var kind: String
        var on: String
        var amount_fen: Int64?
        var notice_number: String?
        var new_ends: String?
        var new_document: String?
        var cases: [DrawnCaseInput]?
        var note: String?
        var order_number: String?
        var order_due: String?
        var paid_on: String?
        var override_reason: String?
        static let fields: Set<String> = ["kind", "on", "amount_fen", "notice_number", "new_ends", "new_document",
                                          "cases", "note", "order_number", "order_due", "paid_on", "override_reason"]
    }

    private func output(_ project: Project) async throws -> ProjectOutput {
        ProjectOutput(project: project, duty: try await store.requiredGuarantee(for: .id(project.id)))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let paging = try Paging(request)
        let employer = try request.query("employer").map { e throws(WagecaseError) in try EmployerReference.parse(e) }
        let region = try request.query("region").map { r throws(WagecaseError) in try RegionPrefix.parse(r) }
        let projects = try await store.projects(employer: employer, region: region,
                                                                limit: paging.limit, afterID: paging.afterID)
        return try JSONResponse.make(paging.page(projects, id: \.id))
    }

    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let id = try context.parameters.require("id", as: Int64.self)
        let project = try await pathRecord { try await store.project(.id(id)) }
        return try await JSONResponse.make(output(project), etag: ETag.of(project))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeGuarantees)
        let body = try await APIBody.decode(Facts.self, from: request)
        guard let name = body.name else { throw APIError.badRequest(field: "name", reason: "name is required") }
        guard let employer = body.employer else {
            throw APIError.badRequest(field: "employer", reason: "employer is required (id or credit code)")
        }
        if body.reason != nil {
            throw APIError.badRequest(field: "reason", reason: "a reason goes with a change of the project's facts (PATCH)")
        }
        let input = try NewProject.parse(name: name, employer: employer.text, location: body.location,
                                         details: body.details())
        let project = try await store.addProject(input, actor: user.name)
        return try await JSONResponse.make(output(project), status: .created, etag: ETag.of(project),
                                     location: "/api/v1/projects/\(project.id)")
    }

    /// Changes a project's facts; requires If-Match with the ETag last read (412 when it changed since).
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeGuarantees)
        let id = try context.parameters.require("id", as: Int64.self)
        guard let ifMatch = request.headers[.ifMatch] else { throw APIError.preconditionRequired }
        let body = try await APIBody.decode(Facts.self, from: request)
        if body.name != nil || body.employer != nil || body.location != nil {
            throw APIError.badRequest(field: body.name != nil ? "name" : body.employer != nil ? "employer" : "location",
                                      reason: "name, employer and location cannot be changed here")
        }
        _ = try await pathRecord { try await store.project(.id(id)) }  // 404 before the body's checks
        let changes = try body.details()
        let expect = IfMatch(header: ifMatch)
        let project = try await store.updateProject(.id(id), changes, reason: body.reason, actor: user.name,
                                                    expect: expect.check)
        return try await JSONResponse.make(output(project), etag: ETag.of(project))
    }

    @Sendable func listGuarantees(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let paging = try Paging(request)
        let project = try request.query("project").map { p throws(WagecaseError) in try ProjectReference.parse(p) }
        let asOf = try request.query("on").date("on")
        let details = try await store.guarantees(project: project, asOf: asOf, limit: paging.limit,
                                                                 afterID: paging.afterID)
        return try JSONResponse.make(paging.page(details, id: \.guarantee.id))
    }

    @Sendable func getGuarantee(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let id = try context.parameters.require("id", as: Int64.self)
        let asOf = try request.query("on").date("on")
        let detail = try await pathRecord { try await store.guaranteeDetail(id, asOf: asOf) }
        return try JSONResponse.make(detail, etag: ETag.of(detail.events))
    }

    @Sendable func createGuarantee(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeGuarantees)
        let body = try await APIBody.decode(CreateGuarantee.self, from: request)
        let input = try NewGuarantee(
            project: try ProjectReference.parse(body.project.text), kind: try GuaranteeKind.parse(body.kind, field: "kind"),
            amount: try Fen.api(body.amount_fen, field: "amount_fen"), issuer: body.issuer,
            documentNumber: body.document_number, effective: try LocalDate.parse(body.effective, field: "effective"),
            ends: try body.ends.date("ends"), validityOverride: body.override_reason)
        let detail = try await store.addGuarantee(input, actor: user.name)
        return try JSONResponse.make(detail, status: .created, etag: ETag.of(detail.events),
                                     location: "/api/v1/guarantees/\(detail.guarantee.id)")
    }

    @Sendable func addEvent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeGuarantees)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.guaranteeDetail(id, asOf: nil) }  // 404 for an unknown guarantee
        let body = try await APIBody.decode(AddEvent.self, from: request)
        let input = try NewGuaranteeEvent(
            guaranteeID: id, kind: try GuaranteeEventKind.parse(body.kind, field: "kind"),
            date: try LocalDate.parse(body.on, field: "on"),
            amount: try body.amount_fen.map { v throws(WagecaseError) in try Fen.api(v, field: "amount_fen") },
            noticeNumber: body.notice_number, newEnds: try body.new_ends.date("new_ends"), newDocument: body.new_document,
            cases: try (body.cases ?? []).map { c throws(WagecaseError) in try c.drawnCase() }, note: body.note,
            orderNumber: body.order_number, orderDue: try body.order_due.date("order_due"),
            paidOn: try body.paid_on.date("paid_on"), validityOverride: body.override_reason)
        let expect = IfMatch(request)
        let detail = try await store.recordGuaranteeEvent(input, actor: user.name, expect: expect.check)
        return try JSONResponse.make(detail, status: .created, etag: ETag.of(detail.events))
    }
}
