import NIOConcurrencyHelpers
import WagecaseStore

/// Sessions this server has just looked up, kept for a few seconds so a browser loading a page and its next ones
/// does not cost a database read each time (as `TokenCache` does for API tokens). A sign-out through this server
/// forgets at once; a revocation or password change elsewhere takes effect within `lifetime`.
final class SessionCache: Sendable {
    static let lifetime: Duration = .seconds(5)
    private let entries = NIOLockedValueBox<[String: (session: WebSession, expires: ContinuousClock.Instant)]>([:])

    func session(for token: String, at now: ContinuousClock.Instant) -> WebSession? {
        entries.withLockedValue { entries in
            guard let entry = entries[token] else { return nil }
            if entry.expires < now {
                entries[token] = nil
                return nil
            }
            return entry.session
        }
    }

    func remember(_ session: WebSession, for token: String, at now: ContinuousClock.Instant) {
        entries.withLockedValue { entries in
            if entries.count > 10_000 { entries.removeAll() }  // bounded: people are few, garbage is not
            entries[token] = (session, now + Self.lifetime)
        }
    }

    func forget(_ token: String) {
        entries.withLockedValue { entries in entries[token] = nil }
    }
}
