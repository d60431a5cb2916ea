import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WagecaseCore
@testable import WagecaseServer
import WagecaseStore

/// The bearer-token cache (BearerAuthenticator): a known token is remembered for `cacheLifetime` (5 s, as the
/// README says) so a busy client costs no database read per request; a revocation therefore takes effect within
/// that window — not before for a token in the cache, at once for one that is not.
@Suite("Bearer-token cache")
struct TokenCacheTests {
    @Test func theDocumentedWindowIsFiveSeconds() {
        #expect(BearerAuthenticator.cacheLifetime == .seconds(5))
    }

    /// An entry is served until its expiry and forgotten after it.
    @Test func anEntryLastsUntilItsExpiry() throws {
        let service = try TestService()
        let user = try #require(try service.database.user(forToken: service.tokens[.viewer]!))
        let cache = TokenCache()
        let now = ContinuousClock.now
        #expect(cache.user(for: "wc_token", at: now) == nil)
        cache.remember(user, for: "wc_token", until: now + BearerAuthenticator.cacheLifetime)
        #expect(cache.user(for: "wc_token", at: now + .seconds(4)) == user)
        #expect(cache.user(for: "wc_token", at: now + .seconds(5)) == user)
        #expect(cache.user(for: "wc_token", at: now + .milliseconds(5_001)) == nil)
        // Once expired it is gone, even for an earlier instant.
        #expect(cache.user(for: "wc_token", at: now) == nil)
        #expect(cache.user(for: "another", at: now) == nil)
    }

    /// Through the service: a token used once is then served from the cache — it keeps working after the
    /// database stopped knowing it (revoked by the CLI, or by another server) — until the window has passed, when
    /// it is 401. A token revoked before it was ever used is refused at once. (The cache is only seen when the two
    /// requests fall within its window; on a machine too busy for that the attempt is repeated with a new user.
    /// A revocation through this service's own API empties its cache at once: RevocationTests.)
    @Test func aRevokedTokenStopsWorkingWithinTheWindow() async throws {
        let service = try TestService()
        let labor = service.tokens[.labor]!
        @Sendable func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
        try await service.app.test(.router) { client in
            // Never used, so never cached: refused as soon as the API has revoked it.
            let revoked = try await client.execute(uri: "/api/v1/users/user-labor/revoke", method: .post,
                                                   headers: service.headers(.admin), body: body("{}"))
            #expect(revoked.status == .ok, "\(String(buffer: revoked.body))")
            let never = try await client.execute(uri: "/api/v1/cases?limit=1", method: .get, headers: bearer(labor))
            #expect(never.status == .unauthorized)

            // Used, then revoked in the database (as the CLI or another server revokes; this server's cache does not
            // watch it): still served from the cache within its lifetime.
            var observed: (token: String, cachedBy: ContinuousClock.Instant)?
            for attempt in 1...5 where observed == nil {
                let token = try service.database.addUser(name: "cached-\(attempt)", role: .viewer, actor: "t").token
                let start = ContinuousClock.now
                let first = try await client.execute(uri: "/api/v1/cases?limit=1", method: .get, headers: bearer(token))
                #expect(first.status == .ok)
                // The entry was made between `start` and now: it expires within the lifetime after either.
                let cachedBy = ContinuousClock.now
                _ = try service.database.revokeUser("cached-\(attempt)", actor: "t")
                #expect(try service.database.user(forToken: token) == nil)
                let cached = try await client.execute(uri: "/api/v1/cases?limit=1", method: .get, headers: bearer(token))
                if ContinuousClock.now - start < BearerAuthenticator.cacheLifetime {
                    #expect(cached.status == .ok, "a token used within the window was not served from the cache")
                    observed = (token, cachedBy)
                }
            }
            let (token, cachedBy) = try #require(observed, "five times too slow to see a cached token within its window")

            // Past the window (counted from the latest the entry can have been made) the revocation holds, and
            // keeps holding.
            try await Task.sleep(until: cachedBy + BearerAuthenticator.cacheLifetime + .milliseconds(300))
            for _ in 0..<2 {
                let expired = try await client.execute(uri: "/api/v1/cases?limit=1", method: .get, headers: bearer(token))
                #expect(expired.status == .unauthorized)
            }
        }
    }
}
