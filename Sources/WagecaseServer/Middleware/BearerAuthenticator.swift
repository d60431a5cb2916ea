import Hummingbird
import HummingbirdAuth
import WagecaseStore

/// Finds the user of a bearer token. No or an unknown token leaves the request anonymous; routes then answer 401.
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = AppRequestContext
    let database: AppDatabase

    func authenticate(request: Request, context: AppRequestContext) async throws -> APIUser? {
        guard let bearer = request.headers.bearer, !bearer.token.isEmpty, bearer.token.count <= 200 else { return nil }
        return try database.user(forToken: bearer.token)
    }
}
