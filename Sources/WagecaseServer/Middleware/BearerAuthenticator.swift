import Hummingbird
import HummingbirdAuth
import NIOConcurrencyHelpers
import WagecaseStore

/// Finds the user of a bearer token. No or an unknown token leaves the request anonymous; routes then answer 401.
/// Known tokens are remembered for a few seconds so a busy client does not cost a database read and a SHA-256 per
/// request; a revocation therefore takes effect within `cacheLifetime`.
struct BearerAuthenticator: AuthenticatorMiddleware {
    typealias Context = AppRequestContext
    let store: any RecordStore
    let cache: TokenCache
    static let cacheLifetime: Duration = .seconds(5)

    func authenticate(request: Request, context: AppRequestContext) async throws -> APIUser? {
        guard let bearer = request.headers.bearer, !bearer.token.isEmpty, bearer.token.count <= 200 else { return nil }
        let now = ContinuousClock.now
        if let user = cache.user(for: bearer.token, at: now) { return user }
        guard let user = try await store.user(forToken: bearer.token) else { return nil }
        cache.remember(user, for: bearer.token, until: now + Self.cacheLifetime)
        return user
    }
}

final class TokenCache: Sendable {
    private let entries = NIOLockedValueBox<[String: (user: APIUser, expires: ContinuousClock.Instant)]>([:])

    func user(for token: String, at now: ContinuousClock.Instant) -> APIUser? {
        entries.withLockedValue { entries in
            guard let entry = entries[token] else { return nil }
            if entry.expires < now {
                entries[token] = nil
                return nil
            }
            return entry.user
        }
    }

    /// A user revoked through this service stops working at once here (another server's cache still waits out
    /// its few seconds).
    func forget(userID: Int64) {
        entries.withLockedValue { entries in entries = entries.filter { $0.value.user.id != userID } }
    }

    func remember(_ user: APIUser, for token: String, until expires: ContinuousClock.Instant) {
        entries.withLockedValue { entries in
            if entries.count > 10_000 { entries.removeAll() }  // bounded: tokens are few, garbage is not
            entries[token] = (user, expires)
        }
    }
}
