import Hummingbird
import WagecaseCore
import Yams

/// Refuses a query parameter the route does not take (`/cases?from=…` would otherwise be ignored and answer as if
/// no filter had been asked for). What each route takes is read once from the API contract the service embeds,
/// so the contract and the check cannot drift apart.
struct QueryParameterMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// "GET /api/v1/cases/{id}" → the query parameters it documents (read once per process).
    let accepted: [String: Set<String>]

    static let contractTable = Self.table(embeddedOpenAPI)

    init(accepted: [String: Set<String>] = Self.contractTable) {
        self.accepted = accepted
    }

    static func table(_ contract: String) -> [String: Set<String>] {
        var accepted: [String: Set<String>] = [:]
        let root = try? Yams.compose(yaml: contract)
        for (path, item) in root?.mapping?["paths"]?.mapping ?? [:] {
            guard let path = path.string else { continue }
            for (method, operation) in item.mapping ?? [:] {
                guard let method = method.string?.uppercased() else { continue }
                let names = (operation.mapping?["parameters"]?.sequence ?? []).compactMap { parameter -> String? in
                    parameter.mapping?["in"]?.string == "query" ? parameter.mapping?["name"]?.string : nil
                }
                accepted["\(method) \(path)"] = Set(names)
            }
        }
        return accepted
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        // Most requests carry no query at all: nothing to look up.
        if request.uri.query?.isEmpty == false, let path = context.endpointPath,
           let names = accepted["\(request.method.rawValue) \(path)"] {
            for (name, _) in request.uri.queryParameters where !names.contains(String(name)) {
                throw WagecaseError.invalidField(
                    field: String(name.prefix(100)), value: "", reason: "is not a query parameter of this route",
                    allowed: names.isEmpty ? "no query parameters" : "one of \(names.sorted().joined(separator: ", "))")
            }
        }
        return try await next(request, context)
    }
}
