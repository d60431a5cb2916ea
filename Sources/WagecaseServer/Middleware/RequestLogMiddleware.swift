import Foundation
import Hummingbird
import Logging

/// One structured log line per request: request id, user, method, route, status and duration.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: AppRequestContext,
                next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(context, request, status: Int(response.status.code), since: start)
            return response
        } catch {
            log(context, request, status: Problem.from(error, method: request.method).status, since: start)
            throw error
        }
    }

    private func log(_ context: AppRequestContext, _ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info("request", metadata: [
            "user": .string(context.identity?.name ?? context.session?.user.name ?? "-"),
            "method": .string(request.method.rawValue),
            // The route's template, never the path as sent (it may hold what a reader typed).
            "route": .string(context.endpointPath ?? "-"),
            "status": .stringConvertible(status),
            "duration_ms": .string(String(format: "%.2f", milliseconds)),
        ])
    }
}
