import Hummingbird
import WagecaseCore
import WagecaseStore

/// The joint work (府检联动) through the API: member units, the referral register (a 12345 or petition system
/// posts its work orders here and reads the replies), the task list and the monthly reports. Prosecutors keep
/// the register and the list; a unit's answers — replies, task progress and closes, its report — come from
/// prosecutors or from labor-bureau staff for their own unit; everyone else reads.
struct JointWorkController {
    let store: any RecordStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("units", use: units)
        group.get("referrals", use: referrals)
        group.post("referrals", use: addReferral)
        group.get("referrals/:id", use: referral)
        group.post("referrals/:id/reply", use: reply)
        group.post("referrals/:id/feedback", use: feedback)
        group.get("tasks", use: tasks)
        group.get("tasks/:id", use: task)
        group.post("tasks/:id/progress", use: progress)
        group.post("tasks/:id/close", use: close)
        group.get("monthly-reports", use: reports)
        group.post("monthly-reports", use: submitReport)
    }

    private func visible(_ user: APIUser) async throws -> Set<Int64>? {
        try await JointWorkPages.visibleUnits(user, store: store)
    }

    /// A referral as the user may see it: workers' names only for readers of case files.
    private func shown(_ referral: Referral, _ user: APIUser) -> Referral {
        user.role.seesCaseData ? referral : referral.withoutCaseFiles()
    }

    @Sendable func units(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let visible = try await visible(user)
        return try JSONResponse.make(try await store.units().filter { JointWorkAccess.sees([$0.id], visible: visible) })
    }

    @Sendable func referrals(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let paging = try Paging(request)
        var fields = RefusalCollector()
        let direction = fields.check { () throws(WagecaseError) in
            try request.query("direction").map { d throws(WagecaseError) in try ReferralDirection.parse(d, field: "direction") }
        }
        let state = fields.check { () throws(WagecaseError) in
            try request.query("state").map { s throws(WagecaseError) in try ReferralState.parse(s, field: "state") }
        }
        let on = fields.check { () throws(WagecaseError) in
            try request.query("on").date("on")
        }
        try fields.finish()
        // Newest first: the cursor names the last id seen, and the next page is older.
        let found = try await store.referrals(ReferralFilter(
            unit: request.query("unit"), direction: direction ?? nil, state: state ?? nil,
            visibleUnits: try await visible(user), asOf: on ?? nil, limit: paging.limit, afterID: paging.afterID))
        return try JSONResponse.make(paging.page(found.map { shown($0, user) }, id: \.id))
    }

    struct NewReferralBody: APIRequestBody {
        var from_unit: String
        var to_unit: String
        var received: String
        var subject: String
        var number: String?
        var clue_id: Int64?
        var `case`: String?
        var reply_within: Int?
        static let fields: Set<String> = ["from_unit", "to_unit", "received", "subject", "number", "clue_id", "case", "reply_within"]
    }

    @Sendable func addReferral(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .coordinateJointWork)
        let body = try await APIBody.decode(NewReferralBody.self, from: request)
        let input = try NewReferral(
            fromUnit: body.from_unit, toUnit: body.to_unit, received: try LocalDate.parse(body.received, field: "received"),
            subject: body.subject, number: body.number, clueID: body.clue_id, caseReference: body.case.map(CaseReference.init),
            replyWithin: body.reply_within)
        return try JSONResponse.make(try await store.addReferral(input, actor: user.name), status: .created)
    }

    /// The record in the path, if the user sees one of its `units`; with `answeredBy`, only if the user may also
    /// answer for that unit.
    private func gated<Record>(_ context: AppRequestContext, _ user: APIUser, load: (Int64) async throws -> Record,
                               units: (Record) -> [Int64], answeredBy: ((Record) -> Int64)? = nil) async throws -> Record {
        let id = try context.parameters.require("id", as: Int64.self)
        let found = try await pathRecord { try await load(id) }
        let visible = try await visible(user)
        guard JointWorkAccess.sees(units(found), visible: visible),
              answeredBy.map({ JointWorkAccess.mayAnswer(user.role, unit: $0(found), visible: visible) }) ?? true else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        return found
    }

    /// The referral in the path, if the user sees it.
    private func seen(_ request: Request, _ context: AppRequestContext, _ user: APIUser) async throws -> Referral {
        try await gated(context, user, load: { try await store.referral(id: $0) }, units: { [$0.fromUnit.id, $0.toUnit.id] })
    }

    /// The referral in the path, if the user may answer for the unit it is addressed to.
    private func answerable(_ request: Request, _ context: AppRequestContext, _ user: APIUser) async throws -> Referral {
        try await gated(context, user, load: { try await store.referral(id: $0) }, units: { [$0.fromUnit.id, $0.toUnit.id] },
                        answeredBy: { $0.toUnit.id })
    }

    @Sendable func referral(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let found = try await seen(request, context, user)
        return try JSONResponse.make(shown(found, user), etag: ETag.of(found))
    }

    struct ReplyBody: APIRequestBody {
        var on: String
        var result: String
        var amend: Bool?
        var reason: String?
        static let fields: Set<String> = ["on", "result", "amend", "reason"]
    }

    @Sendable func reply(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .answerJointWork)
        let body = try await APIBody.decode(ReplyBody.self, from: request)
        let found = try await answerable(request, context, user)
        let on = try LocalDate.parse(body.on, field: "on")
        let reason = try Correction.reason(asked: body.amend == true, flag: "amend", reason: body.reason)
        let ifMatch = IfMatch(request)
        let replied = try await store.replyReferral(id: found.id, on: on, result: body.result, amendReason: reason,
                                                    actor: user.name) { try ifMatch.check($0) }
        return try JSONResponse.make(shown(replied, user))
    }

    struct OnBody: APIRequestBody {
        var on: String
        static let fields: Set<String> = ["on"]
    }

    @Sendable func feedback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .answerJointWork)
        let body = try await APIBody.decode(OnBody.self, from: request)
        let found = try await answerable(request, context, user)
        let on = try LocalDate.parse(body.on, field: "on")
        let ifMatch = IfMatch(request)
        let told = try await store.referralFeedback(id: found.id, on: on, actor: user.name) { try ifMatch.check($0) }
        return try JSONResponse.make(shown(told, user))
    }

    @Sendable func tasks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        var fields = RefusalCollector()
        let status = fields.check { () throws(WagecaseError) in
            try request.query("status").map { s throws(WagecaseError) in try TaskStatus.parse(s, field: "status") }
        }
        let on = fields.check { () throws(WagecaseError) in
            try request.query("on").date("on")
        }
        let meeting = fields.check { () throws(WagecaseError) -> Int64? in
            guard let text = request.query("meeting") else { return nil }
            guard let id = Int64(text), id > 0 else {
                throw .invalidField(field: "meeting", value: text, reason: "is not a record id", allowed: "a meeting id")
            }
            return id
        }
        try fields.finish()
        return try JSONResponse.make(try await store.tasks(TaskFilter(
            unit: request.query("unit"), status: status ?? nil, meetingID: meeting ?? nil,
            visibleUnits: try await visible(user), asOf: on ?? nil, limit: 10_000)))
    }

    private func seenTask(_ request: Request, _ context: AppRequestContext, _ user: APIUser) async throws -> JointTask {
        try await gated(context, user, load: { try await store.task(id: $0) }, units: { [$0.unit.id] })
    }

    /// The task in the path, if the user may answer for its unit.
    private func answerableTask(_ request: Request, _ context: AppRequestContext, _ user: APIUser) async throws -> JointTask {
        try await gated(context, user, load: { try await store.task(id: $0) }, units: { [$0.unit.id] },
                        answeredBy: { $0.unit.id })
    }

    @Sendable func task(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        let found = try await seenTask(request, context, user)
        return try JSONResponse.make(found, etag: ETag.of(found))
    }

    struct ProgressBody: APIRequestBody {
        var on: String
        var text: String
        static let fields: Set<String> = ["on", "text"]
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .answerJointWork)
        let body = try await APIBody.decode(ProgressBody.self, from: request)
        let found = try await answerableTask(request, context, user)
        let on = try LocalDate.parse(body.on, field: "on")
        let ifMatch = IfMatch(request)
        return try JSONResponse.make(try await store.recordTaskProgress(id: found.id, on: on, text: body.text,
                                                                        actor: user.name) { try ifMatch.check($0) })
    }

    struct CloseBody: APIRequestBody {
        var on: String
        var result: String
        static let fields: Set<String> = ["on", "result"]
    }

    @Sendable func close(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .answerJointWork)
        let body = try await APIBody.decode(CloseBody.self, from: request)
        let found = try await answerableTask(request, context, user)
        let on = try LocalDate.parse(body.on, field: "on")
        let ifMatch = IfMatch(request)
        return try JSONResponse.make(try await store.closeTask(id: found.id, on: on, result: body.result, actor: user.name) {
            try ifMatch.check($0)
        })
    }

    @Sendable func reports(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .read)
        var fields = RefusalCollector()
        let on = fields.check { () throws(WagecaseError) in
            try request.query("on").date("on")
        }
        let month = fields.check { () throws(WagecaseError) in
            try request.query("month").map { m throws(WagecaseError) in try ReportMonth.parse(m) }
        }
        try fields.finish()
        let asOf = (on ?? nil) ?? LocalDate.today()
        let roll = try await store.reportRoll(month: (month ?? nil) ?? ReportMonth(of: asOf), asOf: asOf)
        return try JSONResponse.make(roll.limited(to: try await visible(user)))
    }

    struct ReportBody: APIRequestBody {
        var unit: String
        var month: String
        var text: String
        var reason: String?
        static let fields: Set<String> = ["unit", "month", "text", "reason"]
    }

    @Sendable func submitReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .answerJointWork)
        let body = try await APIBody.decode(ReportBody.self, from: request)
        let unit = try await store.unit(body.unit)
        guard JointWorkAccess.mayAnswer(user.role, unit: unit.id, visible: try await visible(user)) else {
            throw APIError.forbidden(role: user.role, permission: .answerJointWork)
        }
        let input = try NewMonthlyReport(unit: "#\(unit.id)", month: try ReportMonth.parse(body.month), text: body.text,
                                         reason: body.reason)
        return try JSONResponse.make(try await store.submitReport(input, actor: user.name), status: .created)
    }
}
