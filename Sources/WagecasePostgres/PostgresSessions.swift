import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// Web sign-in and sessions on PostgreSQL, as on the file: the password is checked by the caller (bcrypt, off the
/// store); the store keeps the count of failures, the wait (`SignInRules`) and the sessions, of which only a
/// SHA-256 of the cookie is stored.
extension PostgresDatabase {
    /// The user of a name with what a sign-in needs; nil for an unknown or revoked name.
    public func signInCredentials(name: String) async throws -> SignInCredentials? {
        try await autocommit { connection in
            var found: (Int64, String?, String?)?
            for try await row in try await connection.query("""
                SELECT id, password_hash, \(unescaped: PostgresText.timestamp("locked_until"))
                FROM api_user WHERE name = \(name) AND revoked_at IS NULL
                """, logger: Self.logger).decode((Int64, String?, String?).self) { found = row }
            guard let (id, hash, lockedUntil) = found else { return nil }
            return SignInCredentials(user: try await Self.fetchUser(id: id, on: connection), passwordHash: hash,
                                     lockedUntil: lockedUntil)
        }
    }

    /// Records the outcome of a password check: a failure counts towards the wait (the wait itself is audited);
    /// a match clears the count and opens a session.
    public func completeSignIn(userID: Int64, passwordMatched: Bool, now: Date = Date()) async throws -> SignInOutcome {
        try await write(actor: "sign-in", now: now) { connection, audit in
            var found: (String, Int64, String?)?
            for try await row in try await connection.query("""
                SELECT name, failed_sign_ins, \(unescaped: PostgresText.timestamp("locked_until"))
                FROM api_user WHERE id = \(userID) AND revoked_at IS NULL
                """, logger: Self.logger).decode((String, Int64, String?).self) { found = row }
            guard let (name, failures, lockedUntil) = found else { return .refused }
            let check = SignInRules.mayTry(lockedUntil: lockedUntil, now: now)
            if let until = check.waitingUntil { return .waiting(until: until) }
            let policy = SignInRules.Policy(settings: try await PostgresMonitorSnapshot.settings(connection))
            guard passwordMatched else {
                let after = SignInRules.afterFailure(previousFailures: Int(failures), policy: policy, now: now)
                try await connection.query("""
                    UPDATE api_user SET failed_sign_ins = \(Int64(after.failures)),
                                        locked_until = \(after.lockedUntil)::timestamptz
                    WHERE id = \(userID)
                    """, logger: Self.logger)
                if let until = after.lockedUntil {
                    try await PostgresAuditWriter(connection: connection, actor: name, at: audit.at).record(
                        .update, table: "api_user", id: userID, before: ["locked_until": nil],
                        after: ["locked_until": until], reason: "\(policy.attempts) failed sign-ins in a row")
                }
                return .refused
            }
            try await connection.query("UPDATE api_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = \(userID)",
                                       logger: Self.logger)
            let token = AccessToken.random()
            let session = WebSession(user: try await Self.fetchUser(id: userID, on: connection),
                                     csrfToken: AccessToken.random(),
                                     expiresAt: SignInRules.expiry(lastUsed: now, policy: policy))
            try await connection.query("""
                INSERT INTO web_session (token_sha256, user_id, csrf_token, created_at, expires_at)
                VALUES (\(AccessToken.hash(token)), \(userID), \(session.csrfToken), \(audit.at)::timestamptz,
                        \(session.expiresAt)::timestamptz)
                """, logger: Self.logger)
            return .signedIn(session, token: token)
        }
    }

    /// The live session of a cookie value, its expiry moved forward when due; nil when unknown, expired (then
    /// deleted) or its user revoked.
    public func session(token: String, now: Date = Date()) async throws -> WebSession? {
        let hash = AccessToken.hash(token)
        let found: (WebSession, Int64, SignInRules.Policy)? = try await autocommit { connection in
            var row: (Int64, Int64, String, String)?
            for try await found in try await connection.query("""
                SELECT s.id, s.user_id, s.csrf_token, \(unescaped: PostgresText.timestamp("s.expires_at"))
                FROM web_session s JOIN api_user u ON u.id = s.user_id AND u.revoked_at IS NULL
                WHERE s.token_sha256 = \(hash)
                """, logger: Self.logger).decode((Int64, Int64, String, String).self) { row = found }
            guard let (id, userID, csrf, expiresAt) = row else { return nil }
            return (WebSession(user: try await Self.fetchUser(id: userID, on: connection), csrfToken: csrf,
                               expiresAt: expiresAt),
                    id, SignInRules.Policy(settings: try await PostgresMonitorSnapshot.settings(connection)))
        }
        guard let (found, id, policy) = found else { return nil }
        var session = found
        guard SignInRules.isLive(expiresAt: session.expiresAt, now: now) else {
            try await endSession(token: token)
            return nil
        }
        if SignInRules.needsTouch(expiresAt: session.expiresAt, now: now, policy: policy) {
            session.expiresAt = SignInRules.expiry(lastUsed: now, policy: policy)
            // Not a record write: no audit entry and no turn to wait for (the file does the same outside its log).
            _ = try await autocommit { connection in
                try await connection.query(
                    "UPDATE web_session SET expires_at = \(session.expiresAt)::timestamptz WHERE id = \(id)",
                    logger: Self.logger)
            }
        }
        return session
    }

    /// Signs a browser out (nothing happens for an unknown cookie).
    public func endSession(token: String) async throws {
        _ = try await autocommit { connection in
            try await connection.query("DELETE FROM web_session WHERE token_sha256 = \(AccessToken.hash(token))",
                                       logger: Self.logger)
        }
    }

    /// Every setting, stored or its default.
    public func settings() async throws -> [Setting: String] {
        try await autocommit { connection in
            let stored = try await Self.storedSettings(on: connection)
            var values: [Setting: String] = [:]
            for setting in Setting.allCases { values[setting] = stored[setting.rawValue] ?? setting.defaultValue }
            return values
        }
    }

    /// The official working-day calendar: the schedules built in and those loaded.
    public func workingDayCalendar() async throws -> WorkingDayCalendar {
        try await autocommit { connection in try await PostgresStatistics.calendar(connection) }
    }

    /// The server answers and the schema is the one this program knows.
    public func checkHealth() async throws {
        try await autocommit { connection in
            for try await _ in try await connection.query("SELECT 1 FROM schema_migration LIMIT 1", logger: Self.logger) {}
        }
    }

    static func storedSettings(on connection: PostgresConnection) async throws -> [String: String] {
        var stored: [String: String] = [:]
        for try await (key, value) in try await connection.query("SELECT key, value FROM setting", logger: logger)
            .decode((String, String).self) { stored[key] = value }
        return stored
    }

    /// `body` on one connection, each statement committed by itself: a page's lookups, and the changes that are
    /// not records (a session's expiry, a sign-out), which neither take the writers' turn nor enter the audit log.
    func autocommit<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await withConnection { connection in try await body(connection) }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }
}
