import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

/// Every write route against every role: 401 without a token, 403 for a role that may not, and for the role
/// that may, anything but 401/403.
@Suite("Role matrix")
struct RoleMatrixTests {
    struct Route: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method
        var path: String
        var body: String
        var permission: Permission
        /// Records the route needs, written before each role's request.
        var prepare: (@Sendable (AppDatabase) throws -> Void)? = nil
        var description: String { "\(method) \(path)" }
    }

    /// Member units, a referral from the 12345 centre to the labor bureau and a labor-bureau task.
    static let jointWork: @Sendable (AppDatabase) throws -> Void = { database in
        for (code, name, kind) in [("civil", "民事检察部", UnitKind.procuratorate), ("labor", "人社局", .laborBureau),
                                   ("12345", "12345热线", .hotline12345)] {
            _ = try database.addUnit(NewMemberUnit(code: code, name: name, kind: kind), actor: "setup")
        }
        _ = try database.addReferral(NewReferral(fromUnit: "12345", toUnit: "labor", received: LocalDate(year: 2025, month: 1, day: 2)!,
                                                 subject: "工单"), actor: "setup")
        _ = try database.addTask(NewTask(title: "任务", unit: "labor", owner: "王", due: LocalDate(year: 2025, month: 3, day: 1)!),
                                 actor: "setup")
    }

    static let routes: [Route] = [
        Route(method: .post, path: "/api/v1/workers", body: #"{"name":"新工人","id_number":"11010519491231002X"}"#,
              permission: .writeCases),
        Route(method: .post, path: "/api/v1/employers",
              body: #"{"name":"新公司","credit_code":"91440101MA5CJQ4N59"}"#, permission: .writeEmployers),
        Route(method: .post, path: "/api/v1/projects",
              body: #"{"name":"新项目","employer":1,"region_code":"620403","contract_price_fen":100000000}"#,
              permission: .writeGuarantees),
        Route(method: .patch, path: "/api/v1/projects/3", body: #"{"standing":"no-arrears-2y","reason":"两年无拖欠"}"#,
              permission: .writeGuarantees),
        Route(method: .post, path: "/api/v1/clues",
              body: #"{"source":"hotline-12345","received":"2025-01-02","employer":1,"workers":[{"id_number":"62040219650227558X","claimed_fen":100}]}"#,
              permission: .writeCases),
        Route(method: .post, path: "/api/v1/clues/23/screen", body: "{}", permission: .writeCases),
        Route(method: .post, path: "/api/v1/clues/4/reject", body: #"{"reason":"不属实"}"#, permission: .writeCases),
        Route(method: .post, path: "/api/v1/clues/4/refer", body: #"{"to":"某局"}"#, permission: .writeCases),
        Route(method: .post, path: "/api/v1/cases", body: #"{"clue":4,"opened":"2024-03-01"}"#, permission: .writeCases),
        Route(method: .post, path: "/api/v1/cases/7/advance", body: #"{"to":"investigating","on":"2025-01-02"}"#,
              permission: .writeCases),
        Route(method: .post, path: "/api/v1/cases/7/recoveries",
              body: #"{"amount_fen":100,"on":"2025-01-02","route":"employer-paid"}"#, permission: .writeCases),
        Route(method: .post, path: "/api/v1/guarantees",
              body: #"{"project":3,"kind":"cash-deposit","amount_fen":100000,"effective":"2025-01-02"}"#,
              permission: .writeGuarantees),
        Route(method: .post, path: "/api/v1/guarantees/4/events",
              body: #"{"kind":"drawn","on":"2025-01-02","amount_fen":100,"notice_number":"N-1"}"#,
              permission: .writeGuarantees),
        Route(method: .post, path: "/api/v1/suggestions",
              body: #"{"number":"平检行建〔2025〕1号","issued":"2025-01-02","agency":"某局"}"#, permission: .writeCases),
        Route(method: .post, path: "/api/v1/suggestions/1/reply", body: #"{"on":"2025-01-02","amend":true,"reason":"笔误"}"#,
              permission: .writeCases),
        Route(method: .post, path: "/api/v1/documents", body: #"{"kind":"acceptance-notice","case":"7"}"#,
              permission: .reveal),
        Route(method: .post, path: "/api/v1/documents/preview", body: #"{"kind":"acceptance-notice","case":"7"}"#,
              permission: .reveal),
        Route(method: .get, path: "/api/v1/documents", body: "", permission: .readCases),
        Route(method: .post, path: "/api/v1/cases/7/attachments?kind=judgment&file_name=judgment.pdf",
              body: "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", permission: .writeCases),
        Route(method: .get, path: "/api/v1/cases/7/attachments", body: "", permission: .readCases),
        Route(method: .get, path: "/api/v1/audit", body: "", permission: .readAudit),
        Route(method: .post, path: "/api/v1/rules",
              body: #"{"rules":[{"region":"62","effective_from":"2022-01-01","name":"示例","ratio_bp":200}]}"#,
              permission: .administer),
        Route(method: .post, path: "/api/v1/calendar", body: #"{"year":2027,"papers":[],"days":[]}"#,
              permission: .administer),
        Route(method: .put, path: "/api/v1/settings/suggestion_reply_months", body: #"{"value":"3"}"#,
              permission: .administer),
        Route(method: .get, path: "/api/v1/users", body: "", permission: .administer),
        Route(method: .post, path: "/api/v1/users", body: #"{"name":"new-user","role":"viewer"}"#,
              permission: .administer),
        Route(method: .post, path: "/api/v1/users/user-viewer/revoke", body: "{}", permission: .administer),
        Route(method: .post, path: "/api/v1/referrals",
              body: #"{"from_unit":"12345","to_unit":"civil","received":"2025-01-02","subject":"工单"}"#, permission: .coordinateJointWork,
              prepare: jointWork),
        Route(method: .post, path: "/api/v1/referrals/1/reply", body: #"{"on":"2025-01-02","result":"已处理"}"#,
              permission: .answerJointWork, prepare: jointWork),
        Route(method: .post, path: "/api/v1/tasks/1/close", body: #"{"on":"2025-01-02","result":"已办结"}"#,
              permission: .answerJointWork, prepare: jointWork),
        Route(method: .post, path: "/api/v1/monthly-reports", body: #"{"unit":"labor","month":"2025-01","text":"进展"}"#,
              permission: .answerJointWork, prepare: jointWork),
    ]

    @Test("each route and role", arguments: routes)
    func matrix(route: Route) async throws {
        for role in [Role?.none] + Role.allCases.map(Optional.some) {
            let service = try TestService()
            try route.prepare?(service.database)
            let extra: HTTPFields = route.method == .patch ? [.ifMatch: "*"] : [:]
            try await service.app.test(.router) { client in
                let response = try await client.execute(
                    uri: route.path, method: route.method, headers: service.headers(role, extra),
                    body: route.body.isEmpty ? nil : body(route.body))
                let label = "\(route) as \(role?.rawValue ?? "nobody")"
                switch role {
                case nil:
                    #expect(response.status == .unauthorized, "\(label)")
                case let role? where role.may(route.permission):
                    #expect(![401, 403].contains(response.status.code), "\(label): \(String(buffer: response.body))")
                    #expect(response.status.code < 300, "\(label): \(String(buffer: response.body))")
                case _?:
                    #expect(response.status == .forbidden, "\(label)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
    }

    @Test func revokedTokensAreRefused() async throws {
        let service = try TestService()
        _ = try service.database.revokeUser("user-viewer", actor: "admin")
        try await service.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/cases", method: .get, headers: service.headers(.viewer))
            #expect(response.status == .unauthorized)
        }
    }

    @Test func writesAreAuditedWithTheUser() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/cases/7/advance", method: .post, headers: service.headers(.prosecutor),
                body: body(#"{"to":"investigating","on":"2025-01-02"}"#))
            #expect(response.status == .ok)
        }
        let entry = try #require(try service.database.auditEntries(table: "wage_case", limit: 100_000).last)
        #expect(entry.actor == "user-prosecutor")
    }
}
