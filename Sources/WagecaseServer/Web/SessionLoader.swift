import Hummingbird
import WagecaseStore

/// Finds the signed-in browser of a page request from its cookie, before the request is logged (so the log line
/// names the user). It sets only `context.session`: API routes authenticate by bearer token alone and never by
/// a cookie, which would let another site's form act through a signed-in browser.
struct SessionLoader: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: any RecordStore
    let sessions: SessionCache

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix("/api/"), !path.hasPrefix("/assets/"), path != "/healthz", path != "/metrics",
              let token = request.cookies[WebCookies.session]?.value, (20...100).contains(token.count) else {
            return try await next(request, context)
        }
        var context = context
        let now = ContinuousClock.now
        if let cached = sessions.session(for: token, at: now) {
            context.session = cached
        } else if let found = try await store.session(token: token) {
            sessions.remember(found, for: token, at: now)
            context.session = found
        }
        return try await next(request, context)
    }
}
