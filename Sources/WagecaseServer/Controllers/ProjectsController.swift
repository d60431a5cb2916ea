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
        /// Why the facts change (an update only).
        var reason: String?
        static let fields: Set<String> = [
            "name", "employer", "location", "region_code", "contract_price_fen", "start", "planned_completion",
            "actual_completion", "status", "standing", "exemption_reason", "exemption_document", "clear_exemption",
            "reason",
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
            return details
        }
    }

    struct ProjectOutput: Encodable {
        var project: Project
        var requiredFen: Fen?
        var rule: String

        enum CodingKeys: String, CodingKey { case rule, requiredFen = "required_fen" }

        func encode(to encoder: any Encoder) throws {
            try project.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(requiredFen, forKey: .requiredFen)
            try container.encode(rule, forKey: .rule)
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
        static let fields: Set<String> = ["project", "kind", "amount_fen", "issuer", "document_number", "effective", "ends"]
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
        static let fields: Set<String> = ["kind", "on", "amount_fen", "notice_number", "new_ends", "new_document",
                                          "cases", "note"]
    }

    private func output(_ project: Project) async throws -> ProjectOutput {
        let (rule, required) = try await store.requiredGuarantee(for: .id(project.id))
        return ProjectOutput(project: project, requiredFen: required, rule: rule.name)
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
            ends: try body.ends.date("ends"))
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
            cases: try (body.cases ?? []).map { c throws(WagecaseError) in try c.drawnCase() }, note: body.note)
        let expect = IfMatch(request)
        let detail = try await store.recordGuaranteeEvent(input, actor: user.name, expect: expect.check)
        return try JSONResponse.make(detail, status: .created, etag: ETag.of(detail.events))
    }
}
