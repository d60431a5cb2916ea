import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// For administrators: the audit log, read in the reader's language, and the users with their roles.
struct AdminPages {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("audit", use: audit)
        router.get("users", use: users)
    }

    static let pageSize = 100

    @Sendable func audit(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.pageUser(request, allowedTo: .readAudit)
        let language = context.language
        let query = request.uri.queryParameters
        let table = query["table"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let after = query["after"].flatMap { Int64(String($0)) }.map { max($0, 0) } ?? 0
        let entries = try await store.auditEntries(since: nil, table: table, limit: Self.pageSize + 1, afterID: after)
        let shown = entries.prefix(Self.pageSize)
        var data: [String: Any] = [
            "entries": shown.map { e -> [String: Any] in
                ["id": e.id, "at": String(e.at.prefix(19)).replacingOccurrences(of: "T", with: " "), "actor": e.actor,
                 "action": AuditWords.action(e.action, language), "table": AuditWords.table(e.table, language),
                 "record": e.recordID.map(String.init) ?? "", "before": e.before ?? "", "after": e.after ?? "",
                 "reason": e.reason ?? ""]
            },
            "tables": optionsHTML(AuditWords.knownTables.sorted().map { ($0, AuditWords.table($0, language), $0 == table) }),
        ]
        if entries.count > Self.pageSize, let last = shown.last {
            data["next"] = "/audit?after=\(last.id)" + (table.map { "&table=\($0)" } ?? "")
        }
        return WebPage.render("audit", title: "Audit log", data, context: context, request: request)
    }

    @Sendable func users(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.pageUser(request, allowedTo: .administer)
        let language = context.language
        let users = try await store.users()
        return WebPage.render("users", title: "Users", [
            "users": users.map { u -> [String: Any] in
                ["name": u.name, "role": u.role.label(language), "created": String(u.createdAt.prefix(10)),
                 "revoked": u.revokedAt.map { String($0.prefix(10)) } ?? "",
                 "web": Phrase(stringLiteral: u.hasPassword ? "yes" : "no").text(language)]
            },
        ], context: context, request: request)
    }
}
