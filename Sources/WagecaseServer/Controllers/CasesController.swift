import Hummingbird
import WagecaseCore
import WagecaseStore

/// Clues and support-for-litigation cases: written by prosecutors.
struct CasesController {
    let store: any RecordStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("clues", use: listClues)
        group.post("clues", use: createClue)
        group.get("clues/:id", use: getClue)
        group.patch("clues/:id", use: updateClue)
        group.post("clues/:id/screen", use: screenClue)
        group.post("clues/:id/reject", use: rejectClue)
        group.post("clues/:id/refer", use: referClue)
        group.get("cases", use: listCases)
        group.post("cases", use: openCases)
        group.get("cases/:id", use: getCase)
        group.post("cases/:id/advance", use: advance)
        group.patch("cases/:id", use: update)
        group.post("cases/:id/assign", use: assign)
        group.post("cases/:id/undo", use: undo)
        group.post("cases/:id/activities", use: recordActivity)
        group.post("cases/:id/reopen", use: reopen)
        group.post("cases/:id/recoveries", use: recover)
        group.post("recoveries/:id/reverse", use: reverseRecovery)
    }

    struct Claim: Decodable {
        var id_number: String
        var claimed_fen: Int64
    }

    struct CreateClue: APIRequestBody {
        var source: String
        var received: String
        var employer: FlexibleReference
        var project: FlexibleReference?
        var summary: String?
        var workers: [Claim]
        var on_duplicate: String?
        var amount_stands: String?
        static let fields: Set<String> = ["source", "received", "employer", "project", "summary", "workers",
                                          "on_duplicate", "amount_stands"]
    }

    struct Reason: APIRequestBody {
        var reason: String?
        var to: String?
        static let fields: Set<String> = ["reason", "to"]
    }

    struct OpenBody: APIRequestBody {
        var clue: Int64
        var series: String?
        var opened: String?
        var case_numbers: [String]?
        var note: String?
        static let fields: Set<String> = ["clue", "series", "opened", "case_numbers", "note"]
    }

    struct AdvanceBody: APIRequestBody {
        var to: String
        var on: String
        var note: String?
        var closing_reason: String?
        static let fields: Set<String> = ["to", "on", "note", "closing_reason"]
    }

    struct UpdateBody: APIRequestBody {
        var case_number: String?
        var employment_ended: String?
        var payment_due: String?
        var court: String?
        var court_case_number: String?
        var awarded_fen: Int64?
        var clear: [String]?
        var reason: String?
        static let fields: Set<String> = ["case_number", "employment_ended", "payment_due", "court", "court_case_number",
                                          "awarded_fen", "clear", "reason"]
    }

    struct ActivityBody: APIRequestBody {
        var kind: String
        var on: String
        var note: String?
        static let fields: Set<String> = ["kind", "on", "note"]
    }

    /// Records the worker's application or consent, a hearing or court attendance; with If-Match, only if the
    /// case is as it was read.
    @Sendable func recordActivity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let body = try await APIBody.decode(ActivityBody.self, from: request)
        var fields = RefusalCollector()
        let kind = fields.check { () throws(WagecaseError) in try CaseActivityKind.parse(body.kind, field: "kind") }
        let date = fields.check { () throws(WagecaseError) in try LocalDate.parse(body.on, field: "on") }
        try fields.finish()
        guard let kind, let date else { throw Refusals(fields.errors) }
        let detail = try await store.recordActivity(reference, kind: kind, on: date, note: body.note, actor: user.name,
                                                    expect: IfMatch(request).check)
        return try JSONResponse.make(detail.masked(), status: .created, etag: ETag.of(detail.wageCase))
    }

    struct AssignBody: APIRequestBody {
        var to: String
        var assistant: String?
        static let fields: Set<String> = ["to", "assistant"]
    }

    struct UndoBody: APIRequestBody {
        var reason: String
        static let fields: Set<String> = ["reason"]
    }

    struct ReopenBody: APIRequestBody {
        var on: String?
        var reason: String
        static let fields: Set<String> = ["on", "reason"]
    }

    struct RecoverBody: APIRequestBody {
        var amount_fen: Int64
        var on: String
        var route: String
        var payer: String?
        var note: String?
        var force: Bool?
        static let fields: Set<String> = ["amount_fen", "on", "route", "payer", "note", "force"]
    }

    // MARK: Clues

    @Sendable func listClues(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .readCases)
        let paging = try Paging(request)
        let filter = ClueFilter(
            status: try request.query("status").map { s throws(WagecaseError) in try ClueStatus.parse(s, field: "status") },
            source: try request.query("source").map { s throws(WagecaseError) in try ClueSource.parse(s, field: "source") },
            employer: try request.query("employer").map { e throws(WagecaseError) in try EmployerReference.parse(e) },
            range: try DateRange(from: try request.query("from").date("from"), to: try request.query("to").date("to")),
            limit: paging.limit, afterID: paging.afterID)
        let clues = try await store.clues(filter)
        return JSONResponse.page(paging.page(clues.masked(), id: \.id))
    }

    @Sendable func getClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .readCases)
        let shown = try disclosure(request, user)
        let id = try context.parameters.require("id", as: Int64.self)
        let found = try await pathRecord { try await store.clue(id) }
        let clue = try await store.disclose(found, shown, workerIDs: found.workers.map(\.workerID),
                                                                 fields: ["id_number"])
        return try JSONResponse.make(clue, etag: ETag.of(found))
    }

    struct UpdateClue: APIRequestBody {
        var source: String?
        var received: String?
        var employer: FlexibleReference?
        var project: FlexibleReference?
        var summary: String?
        var clear: [String]?
        var reason: String?
        static let fields: Set<String> = ["source", "received", "employer", "project", "summary", "clear", "reason"]
    }

    /// Corrects a clue's own facts with a reason; only with If-Match (the clue as it was read).
    @Sendable func updateClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        guard let ifMatch = request.headers[.ifMatch] else { throw APIError.preconditionRequired }
        _ = try await pathRecord { try await store.clue(id) }  // 404 for an unknown clue
        let body = try await APIBody.decode(UpdateClue.self, from: request)
        let changes = try ClueChanges.parse(source: body.source, received: body.received, employer: body.employer?.text,
                                            project: body.project?.text, summary: body.summary, clear: body.clear ?? [],
                                            reason: body.reason)
        let clue = try await store.updateClue(id: id, changes, actor: user.name, expect: IfMatch(header: ifMatch).check)
        return try JSONResponse.make(clue.masked(), etag: ETag.of(clue))
    }

    @Sendable func createClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let body = try await APIBody.decode(CreateClue.self, from: request)
        // Every field is checked before any is refused, so the answer lists all that is wrong at once.
        var fields = RefusalCollector()
        let policy = fields.check { () throws(WagecaseError) -> DuplicatePolicy in
            guard let text = body.on_duplicate else { return .refuse }
            guard let policy = DuplicatePolicy(rawValue: text) else {
                throw .invalidField(field: "on_duplicate", value: text, reason: "is not a known value",
                                    allowed: "refuse, merge or keep-both")
            }
            return policy
        }
        let claims = body.workers.enumerated().map { index, claim in
            let idNumber = fields.check { () throws(WagecaseError) in
                try ResidentID.parse(claim.id_number, field: "workers[\(index)].id_number")
            }
            let claimed = fields.check { () throws(WagecaseError) in
                try Fen.api(claim.claimed_fen, field: "workers[\(index)].claimed_fen")
            }
            return idNumber.flatMap { id in claimed.map { ClaimInput(idNumber: id, claimed: $0) } }
        }
        let source = fields.check { () throws(WagecaseError) in try ClueSource.parse(body.source, field: "source") }
        let received = fields.check { () throws(WagecaseError) in try LocalDate.parse(body.received, field: "received") }
        let employer = fields.check { () throws(WagecaseError) in try EmployerReference.parse(body.employer.text) }
        let project = fields.check { () throws(WagecaseError) in
            try body.project.map { p throws(WagecaseError) in try ProjectReference.parse(p.text) }
        }
        let summary = fields.check { () throws(WagecaseError) in try TextField.optional(body.summary, field: "summary") }
        let amountStands = fields.check { () throws(WagecaseError) in try ClueIntake.AmountStands.parse(body.amount_stands) }
        try fields.finish()
        guard let source, let received, let employer, let project, let summary, let policy, let amountStands else {
            throw Refusals(fields.errors)  // unreachable: a nil above left a refusal
        }
        let input = try NewClue(
            source: source, received: received, employer: employer, project: project,
            claims: claims.compactMap { $0 }, summary: summary, onDuplicate: policy, amountStands: amountStands)
        let result = try await store.addClue(input, actor: user.name)
        // Intake is the busiest write (hotline bridges push clues in bulk): no ETag here, GET the clue for one.
        return JSONResponse.make(written: result.clue.masked(), status: result.isNew ? .created : .ok,
                                 location: "/api/v1/clues/\(result.clue.id)")
    }

    @Sendable func screenClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await changeClue(request, context) { store, id, _, actor, expect in
            try await store.screenClue(id, actor: actor, expect: expect)
        }
    }

    @Sendable func rejectClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await changeClue(request, context) { store, id, body, actor, expect in
            try await store.rejectClue(id, reason: body.reason ?? "", actor: actor, expect: expect)
        }
    }

    @Sendable func referClue(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await changeClue(request, context) { store, id, body, actor, expect in
            try await store.referClue(id, to: body.to ?? "", actor: actor, expect: expect)
        }
    }

    /// A clue status change; with If-Match, compared inside the write transaction.
    private func changeClue(_ request: Request, _ context: AppRequestContext,
                            _ change: @Sendable (any RecordStore, Int64, Reason, String,
                                                 @escaping @Sendable (Clue) throws -> Void) async throws -> Clue)
        async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.clue(id) }  // 404 for an unknown clue, before the body is read
        let body = try await APIBody.decode(Reason.self, from: request)
        let actor = user.name
        let expect = IfMatch(request)
        let clue = try await change(store, id, body, actor, expect.check)
        return try JSONResponse.make(clue.masked(), etag: ETag.of(clue))
    }

    // MARK: Cases

    @Sendable func listCases(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .readCases)
        let paging = try Paging(request)
        let filter = CaseFilter(
            stage: try request.query("stage").map { s throws(WagecaseError) in try CaseStage.parse(s, field: "stage") },
            series: request.query("series"),
            clueID: try request.query("clue").map { text throws(WagecaseError) -> Int64 in
                guard let id = Int64(text), id >= 1 else {
                    throw .invalidField(field: "clue", value: text, reason: "is not an id", allowed: "a clue id")
                }
                return id
            },
            employer: try request.query("employer").map { e throws(WagecaseError) in try EmployerReference.parse(e) },
            openOnly: try request.flag("open") ?? false, handler: request.query("handler"),
            limit: paging.limit, afterID: paging.afterID)
        let cases = try await store.cases(filter)
        return JSONResponse.page(paging.page(cases.masked(), id: \.id))
    }

    @Sendable func getCase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .readCases)
        let shown = try disclosure(request, user)
        let reference = CaseReference(try context.pathText("id"))
        let found = try await pathRecord { try await store.caseDetail(reference) }
        let detail = try await store.disclose(found, shown, workerIDs: [found.wageCase.workerID],
                                                                   fields: ["id_number"])
        return try JSONResponse.make(detail, etag: ETag.of(found.wageCase))
    }

    @Sendable func openCases(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let body = try await APIBody.decode(OpenBody.self, from: request)
        let input = OpenCases(clueID: body.clue, series: body.series, opened: try body.opened.date("opened"),
                              caseNumbers: body.case_numbers ?? [], note: body.note)
        let cases = try await store.openCases(input, actor: user.name)
        return try JSONResponse.make(cases.masked(), status: .created)
    }

    /// Moves a case on; with If-Match, only if nobody moved it since it was read.
    @Sendable func advance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let body = try await APIBody.decode(AdvanceBody.self, from: request)
        let expect = IfMatch(request)
        let stage = try CaseStage.parse(body.to, field: "to")
        let date = try LocalDate.parse(body.on, field: "on")
        let note = body.note
        let closing = try body.closing_reason.map { r throws(WagecaseError) in try ClosingReason.parse(r, field: "closing_reason") }
        let wageCase = try await store.advanceCase(reference, to: stage, on: date, note: note, closingReason: closing,
                                                   actor: user.name, expect: expect.check)
        return try JSONResponse.make(wageCase.masked(), etag: ETag.of(wageCase))
    }

    /// Withdraws the latest move; with If-Match, only if the case is as it was read.
    @Sendable func undo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let body = try await APIBody.decode(UndoBody.self, from: request)
        let detail = try await store.undoCaseMove(reference, reason: body.reason, actor: user.name,
                                                  expect: IfMatch(request).check)
        return try JSONResponse.make(detail.masked(), etag: ETag.of(detail.wageCase))
    }

    /// Reverses a payment with a balancing entry; with If-Match, only if its case is as it was read.
    @Sendable func reverseRecovery(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let id = try context.parameters.require("id", as: Int64.self)
        _ = try await pathRecord { try await store.recovery(id: id) }  // 404 for an unknown payment
        let body = try await APIBody.decode(UndoBody.self, from: request)
        let detail = try await store.reverseRecovery(id: id, reason: body.reason, actor: user.name,
                                                     expect: IfMatch(request).check)
        return try JSONResponse.make(detail.masked(), etag: ETag.of(detail.wageCase))
    }

    /// Reopens a closed or declined case; with If-Match, only if the case is as it was read.
    @Sendable func reopen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let body = try await APIBody.decode(ReopenBody.self, from: request)
        let date = try body.on.map { d throws(WagecaseError) in try LocalDate.parse(d, field: "on") }
        let detail = try await store.reopenCase(reference, on: date, reason: body.reason, actor: user.name,
                                                expect: IfMatch(request).check)
        return try JSONResponse.make(detail.masked(), etag: ETag.of(detail.wageCase))
    }

    /// Names the handling prosecutor and assistant; with If-Match, only if the case is as it was read.
    @Sendable func assign(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let body = try await APIBody.decode(AssignBody.self, from: request)
        let assignment = try CaseAssignment.parse(handler: body.to, assistant: body.assistant)
        let wageCase = try await store.assignCase(reference, assignment, actor: user.name, expect: IfMatch(request).check)
        return try JSONResponse.make(wageCase.masked(), etag: ETag.of(wageCase))
    }

    /// Corrects a case's own facts with a reason; only with If-Match (the case as it was read).
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        guard let ifMatch = request.headers[.ifMatch] else { throw APIError.preconditionRequired }
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let body = try await APIBody.decode(UpdateBody.self, from: request)
        let awarded = try body.awarded_fen.map { v throws(WagecaseError) in try Fen.api(v, field: "awarded_fen") }
        let changes = try CaseChanges.parse(caseNumber: body.case_number, employmentEnded: body.employment_ended,
                                            paymentDue: body.payment_due, court: body.court,
                                            courtCaseNumber: body.court_case_number, awarded: awarded,
                                            clear: body.clear ?? [], reason: body.reason)
        let detail = try await store.updateCase(reference, changes, actor: user.name,
                                                expect: IfMatch(header: ifMatch).check)
        return try JSONResponse.make(detail.masked(), etag: ETag.of(detail.wageCase))
    }

    @Sendable func recover(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .writeCases)
        let reference = CaseReference(try context.pathText("id"))
        _ = try await pathRecord { try await store.caseDetail(reference) }  // 404 for an unknown case
        let body = try await APIBody.decode(RecoverBody.self, from: request)
        let input = try NewRecovery(
            caseReference: reference, amount: try Fen.api(body.amount_fen, field: "amount_fen"),
            paid: try LocalDate.parse(body.on, field: "on"), route: try RecoveryRoute.parse(body.route, field: "route"),
            payer: body.payer, note: body.note, force: body.force ?? false)
        let expect = IfMatch(request)
        let recovery = try await store.recordRecovery(input, actor: user.name, expect: expect.check)
        return try JSONResponse.make(recovery, status: .created)
    }
}
