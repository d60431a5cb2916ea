import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// The search box on every page: workers, employers, projects, cases and clues by name or number, each linked to
/// its page, numbers masked. A role that does not read case files finds employers and projects only; a whole ID
/// number is searched for only by a role that may see whole numbers.
struct SearchPage {
    let store: any RecordStore

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("search", use: search)
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.pageUser(request)
        let language = context.language
        let query = request.uri.queryParameters.get("q") ?? ""
        // A whole ID number typed is not shown back on the page (the page shows every number masked).
        let typed = query.trimmingCharacters(in: .whitespaces)
        let looksLikeIDNumber = [15, 18].contains(typed.count) && typed.dropLast().allSatisfy { $0.isASCII && $0.isNumber }
        let shownQuery = looksLikeIDNumber ? "" : query
        var data: [String: Any] = ["q": shownQuery, "searched": !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                                   "problems": [String]()]
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return WebPage.render("search", title: "Search", data, context: context, request: request)
        }
        do {
            let terms = try SearchTerms.parse(query, mayMatchWholeIDNumbers: user.role.may(.reveal))
            let found = try await store.search(terms, caseFiles: user.role.seesCaseData, limit: 50).masked()
            data["empty"] = found.isEmpty
            data["workers"] = found.workers.map { ["href": "/workers/\($0.id)", "name": $0.name, "idNumber": $0.idNumber] }
            data["employers"] = found.employers.map { ["href": "/employers/\($0.id)", "name": $0.name, "creditCode": $0.creditCode] }
            data["projects"] = found.projects.map { ["href": "/projects/\($0.id)", "name": $0.name, "employer": $0.employerName] }
            data["cases"] = found.cases.map { c -> [String: Any] in
                ["href": "/cases/\(c.id)", "label": c.caseNumber ?? "#\(c.id)", "court": c.courtCaseNumber ?? "",
                 "worker": c.workerName, "stage": c.stage.label(language)]
            }
            data["clues"] = found.clues.map { c -> [String: Any] in
                ["href": "/clues/\(c.id)", "id": c.id, "received": c.received.iso, "employer": c.employerName,
                 "status": c.status.label(language)]
            }
            return WebPage.render("search", title: "Search", data, context: context, request: request)
        } catch let error as any Refusal where !(error is APIError) {
            let problem = Problem.from(error, method: .get, language: language)
            data["problems"] = problem.errors.map(\.message)
            data["searched"] = false
            return WebPage.render("search", title: "Search", data, context: context, request: request,
                                  status: .init(code: problem.status))
        }
    }
}
