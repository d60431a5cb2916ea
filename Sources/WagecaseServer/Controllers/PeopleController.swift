import Hummingbird
import WagecaseCore
import WagecaseStore

/// Workers and employers.
struct PeopleController {
    let store: any RecordStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("workers", use: listWorkers)
        group.post("workers", use: createWorker)
        group.get("workers/:id", use: getWorker)
        group.patch("workers/:id", use: updateWorker)
        group.get("employers", use: listEmployers)
        group.post("employers", use: createEmployer)
        group.get("employers/:id", use: getEmployer)
        group.patch("employers/:id", use: updateEmployer)
    }

    struct UpdateWorker: APIRequestBody {
        var name: String?
        var id_number: String?
        var phone: String?
        var bank_card: String?
        var hometown: String?
        var override_reason: String?
        var clear: [String]?
        var reason: String?
        static let fields: Set<String> = ["name", "id_number", "phone", "bank_card", "hometown", "override_reason",
                                          "clear", "reason"]
    }

    struct UpdateEmployer: APIRequestBody {
        var name: String?
        var credit_code: String?
        var kind: String?
        var override_reason: String?
        var reason: String?
        static let fields: Set<String> = ["name", "credit_code", "kind", "override_reason", "reason"]
    }

    /// Corrects a worker's record with a reason; only with If-Match (the record as it was read).
    @Sendable func updateWorker(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        guard let ifMatch = request.headers[.ifMatch] else { throw APIError.preconditionRequired }
        _ = try await pathRecord { try await store.worker(id: id) }  // 404 for an unknown worker
        let body = try await APIBody.decode(UpdateWorker.self, from: request)
        let changes = try WorkerChanges.parse(name: body.name, idNumber: body.id_number, overrideReason: body.override_reason,
                                              phone: body.phone, bankCard: body.bank_card, hometown: body.hometown,
                                              clear: body.clear ?? [], reason: body.reason)
        let worker = try await store.updateWorker(id: id, changes, actor: user.name, expect: IfMatch(header: ifMatch).check)
        return try JSONResponse.make(worker.masked(), etag: ETag.of(worker))
    }

    /// Corrects an employer's record with a reason; only with If-Match (the record as it was read).
    @Sendable func updateEmployer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeEmployers)
        let reference = try EmployerReference.parse(context.pathText("id"))
        guard let ifMatch = request.headers[.ifMatch] else { throw APIError.preconditionRequired }
        _ = try await pathRecord { try await store.employer(reference) }  // 404 for an unknown employer
        let body = try await APIBody.decode(UpdateEmployer.self, from: request)
        let changes = try EmployerChanges.parse(name: body.name, creditCode: body.credit_code, kind: body.kind,
                                                overrideReason: body.override_reason, reason: body.reason)
        let employer = try await store.updateEmployer(reference, changes, actor: user.name,
                                                      expect: IfMatch(header: ifMatch).check)
        return try JSONResponse.make(employer, etag: ETag.of(employer))
    }

    struct CreateWorker: APIRequestBody {
        var name: String
        var id_number: String
        var phone: String?
        var bank_card: String?
        var hometown: String?
        var override_reason: String?
        static let fields: Set<String> = ["name", "id_number", "phone", "bank_card", "hometown", "override_reason"]
    }

    struct CreateEmployer: APIRequestBody {
        var name: String
        var credit_code: String
        var kind: String?
        var override_reason: String?
        static let fields: Set<String> = ["name", "credit_code", "kind", "override_reason"]
    }

    @Sendable func listWorkers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .readCases)
        let shown = try disclosure(request, user)
        let paging = try Paging(request)
        let name = request.query("name")
        let found = try await store.workers(nameContains: name, limit: paging.limit,
                                                            afterID: paging.afterID)
        let workers = try await store.disclose(found, shown, workerIDs: found.map(\.id),
                                                               fields: Worker.hiddenFields)
        return try JSONResponse.make(paging.page(workers, id: \.id))
    }

    /// By record id only: an ID number in the path is no key (it would test whether a person is on record).
    @Sendable func getWorker(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .readCases)
        let shown = try disclosure(request, user)
        let id = try context.parameters.require("id", as: Int64.self)
        let found = try await pathRecord { try await store.worker(id: id) }
        let worker = try await store.disclose(found, shown, workerIDs: [found.id], fields: Worker.hiddenFields)
        return try JSONResponse.make(worker, etag: ETag.of(found))
    }

    @Sendable func createWorker(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let body = try await APIBody.decode(CreateWorker.self, from: request)
        let input = try NewWorker.parse(name: body.name, idNumber: body.id_number, overrideReason: body.override_reason,
                                        phone: body.phone, bankCard: body.bank_card, hometown: body.hometown)
        let worker = try await store.addWorker(input, actor: user.name)
        return try JSONResponse.make(worker.masked(), status: .created, etag: ETag.of(worker),
                                     location: "/api/v1/workers/\(worker.id)")
    }

    @Sendable func listEmployers(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let paging = try Paging(request)
        let name = request.query("name")
        let employers = try await store.employers(nameContains: name, limit: paging.limit,
                                                                  afterID: paging.afterID)
        return try JSONResponse.make(paging.page(employers, id: \.id))
    }

    @Sendable func getEmployer(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let reference = try EmployerReference.parse(context.pathText("id"))
        let employer = try await pathRecord { try await store.employer(reference) }
        return try JSONResponse.make(employer, etag: ETag.of(employer))
    }

    @Sendable func createEmployer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeEmployers)
        let body = try await APIBody.decode(CreateEmployer.self, from: request)
        let input = try NewEmployer.parse(name: body.name, creditCode: body.credit_code, kind: body.kind,
                                          overrideReason: body.override_reason)
        let employer = try await store.addEmployer(input, actor: user.name)
        return try JSONResponse.make(employer, status: .created, etag: ETag.of(employer),
                                     location: "/api/v1/employers/\(employer.id)")
    }
}

/// Full identifiers only for a role that may reveal, only when asked (`?reveal=true&reason=…`) and only with a
/// reason; asking without the right is a 403. Decided before any record is read, so the answer never depends on
/// whether the record exists.
func disclosure(_ request: Request, _ user: APIUser) throws -> Disclosure {
    let reveal = try request.flag("reveal") == true
    if reveal && !user.role.may(.reveal) { throw APIError.forbidden(role: user.role, permission: .reveal) }
    return try Disclosure.requested(reveal: reveal, reason: request.query("reason"), by: user.name)
}
