import Foundation
import Hummingbird
import NIOCore
import WagecaseCore
import WagecaseStore

/// Configuration and users: rules, holiday schedules, settings (administrators write, everyone reads), and
/// users (administrators only).
struct AdminController {
    let store: any RecordStore
    let tokens: TokenCache

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("rules", use: listRules)
        group.post("rules", use: loadRules)
        group.get("calendar/add", use: addWorkingDays)
        group.post("calendar", use: loadSchedule)
        group.get("settings", use: listSettings)
        group.put("settings/:key", use: changeSetting)
        group.get("users", use: listUsers)
        group.post("users", use: addUser)
        group.post("users/:name/revoke", use: revokeUser)
    }

    struct SettingBody: APIRequestBody {
        var value: String
        static let fields: Set<String> = ["value"]
    }

    struct UserBody: APIRequestBody {
        var name: String
        var role: String
        static let fields: Set<String> = ["name", "role"]
    }

    struct CreatedUser: Encodable {
        var user: APIUser
        var token: String
    }

    @Sendable func listRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        return try JSONResponse.make(try await store.guaranteeRules())
    }

    /// Loads a rule file (the same JSON as `wagecase rules load`); all or nothing.
    @Sendable func loadRules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .administer)
        let data = try await APIBody.raw(from: request)
        let reason = try request.replaceReason()
        return try JSONResponse.make(try await store.loadGuaranteeRules(data, replaceReason: reason, actor: user.name))
    }

    @Sendable func addWorkingDays(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        guard let dateText = request.query("date") else {
            throw APIError.badRequest(field: "date", reason: "date is required (YYYY-MM-DD)")
        }
        guard let daysText = request.query("days") else {
            throw APIError.badRequest(field: "days", reason: "days is required (a whole number of working days)")
        }
        let days = try WorkingDayCalendar.parseCount(daysText, field: "days")
        let start = try LocalDate.parse(dateText, field: "date")
        let calendar = try await store.workingDayCalendar()
        let result = calendar.adding(workingDays: days, to: start)
        return try JSONResponse.make(WorkingDayAnswer(date: result.date, provisional: result.provisional))
    }

    struct WorkingDayAnswer: Encodable {
        var date: LocalDate
        var provisional: Bool
    }

    /// Loads a year's official schedule (holiday-cn JSON).
    @Sendable func loadSchedule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .administer)
        let data = try await APIBody.raw(from: request)
        let reason = try request.replaceReason()
        let schedule = try await store.loadHolidaySchedule(data, replaceReason: reason, actor: user.name)
        return try JSONResponse.make(schedule, status: .created)
    }

    @Sendable func listSettings(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .read)
        let values = try await store.settings()
        return try JSONResponse.make(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }

    @Sendable func changeSetting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.user(allowedTo: .administer)
        guard let setting = Setting(rawValue: try context.pathText("key")) else {
            throw APIError.notFound("setting \(try context.pathText("key").prefix(100))")
        }
        let body = try await APIBody.decode(SettingBody.self, from: request)
        let value = try await store.setSetting(setting, to: body.value, actor: user.name)
        return try JSONResponse.make([setting.rawValue: value])
    }

    @Sendable func listUsers(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.user(allowedTo: .administer)
        return try JSONResponse.make(try await store.users())
    }

    /// Adds a user; the response carries the token, which is never shown again.
    @Sendable func addUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.user(allowedTo: .administer)
        let body = try await APIBody.decode(UserBody.self, from: request)
        let role = try Role.parse(body.role, field: "role")
        let (user, token) = try await store.addUser(name: body.name, role: role, passwordHash: nil, actor: admin.name)
        return try JSONResponse.make(CreatedUser(user: user, token: token), status: .created)
    }

    @Sendable func revokeUser(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try context.user(allowedTo: .administer)
        let name = try context.pathText("name")
        let user = try await pathRecord { try await store.revokeUser(name, actor: admin.name) }
        tokens.forget(userID: user.id)
        return try JSONResponse.make(user)
    }
}
