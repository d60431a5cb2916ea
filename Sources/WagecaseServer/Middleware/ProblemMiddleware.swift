import Hummingbird
import WagecaseCore
import Logging
import WagecaseStore

/// Turns every error into an RFC 9457 problem response; unexpected ones are logged and answered 500 without
/// internals.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let language = Language.preferred(by: request.headers[.acceptLanguage])
            let problem = Problem.from(error, method: request.method, language: language)
            // 503 (busy) and 501 (not on this database yet) are answers, not faults; the request's log line has them.
            if problem.status >= 500 && problem.status != 503 && problem.status != 501 {
                context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            }
            var headers: HTTPFields = [:]
            if problem.status == 401 { headers[.wwwAuthenticate] = "Bearer" }
            if problem.status == 503 { headers[.retryAfter] = String(DatabaseBusy.retryAfter) }
            return problem.response(headers: headers, language: language)
        }
    }
}
