import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

/// Web sign-in and sessions. The password itself is checked by the caller (bcrypt, off the writer); the store
/// keeps the count of failures, the wait (`SignInRules`) and the sessions.
extension AppDatabase {
    /// The user of a name with what a sign-in needs; nil for an unknown or revoked name.
    public func signInCredentials(name: String) throws -> SignInCredentials? {
        try read { db in
            guard let row = try Row.fetchOne(db, cached: """
                SELECT id, password_hash, locked_until FROM api_user WHERE name = ? AND revoked_at IS NULL
                """, arguments: [name]) else { return nil }
            return SignInCredentials(user: try Self.fetchUser(db, id: try row.decode(forColumn: "id")),
                                     passwordHash: try row.decode(forColumn: "password_hash"),
                                     lockedUntil: try row.decode(forColumn: "locked_until"))
        }
    }

    /// Records the outcome of a password check: a failure counts towards the wait (the wait itself is audited);
    /// a match clears the count and opens a session.
    public func completeSignIn(userID: Int64, passwordMatched: Bool) throws -> SignInOutcome {
        let now = clock()
        return try write(actor: "sign-in") { db, audit in
            guard let row = try Row.fetchOne(db, cached: """
                SELECT name, failed_sign_ins, locked_until FROM api_user WHERE id = ? AND revoked_at IS NULL
                """, arguments: [userID]) else { return .refused }
            let name: String = try row.decode(forColumn: "name")
            let check = SignInRules.mayTry(lockedUntil: try row.decode(forColumn: "locked_until"), now: now)
            if let until = check.waitingUntil { return .waiting(until: until) }
            let policy = SignInRules.Policy(settings: try Self.settingValues(db))
            guard passwordMatched else {
                let after = SignInRules.afterFailure(previousFailures: try row.decode(forColumn: "failed_sign_ins"),
                                                     policy: policy, now: now)
                try db.execute(cached: "UPDATE api_user SET failed_sign_ins = ?, locked_until = ? WHERE id = ?",
                               arguments: [after.failures, after.lockedUntil, userID])
                if let until = after.lockedUntil {
                    try AuditWriter(db: db, actor: name, at: audit.at).record(
                        .update, table: "api_user", id: userID, before: ["locked_until": nil],
                        after: ["locked_until": until], reason: "\(policy.attempts) failed sign-ins in a row")
                }
                return .refused
            }
            try db.execute(cached: "UPDATE api_user SET failed_sign_ins = 0, locked_until = NULL WHERE id = ?",
                           arguments: [userID])
            let token = AccessToken.random()
            let session = WebSession(user: try Self.fetchUser(db, id: userID), csrfToken: AccessToken.random(),
                                     expiresAt: SignInRules.expiry(lastUsed: now, policy: policy))
            try db.execute(cached: """
                INSERT INTO web_session (token_sha256, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [AccessToken.hash(token), userID, session.csrfToken, audit.at, session.expiresAt])
            return .signedIn(session, token: token)
        }
    }

    /// The live session of a cookie value, its expiry moved forward when due; nil when unknown, expired (then
    /// deleted) or its user revoked.
    public func session(token: String) throws -> WebSession? {
        let now = clock()
        let hash = AccessToken.hash(token)
        // One read for the session, its user and the policy it lives by.
        let found: (WebSession, Int64, SignInRules.Policy)? = try read { db in
            guard let row = try Row.fetchOne(db, cached: """
                SELECT s.id, s.user_id, s.csrf_token, s.expires_at FROM web_session s
                JOIN api_user u ON u.id = s.user_id AND u.revoked_at IS NULL WHERE s.token_sha256 = ?
                """, arguments: [hash]) else { return nil }
            return (WebSession(user: try Self.fetchUser(db, id: try row.decode(forColumn: "user_id")),
                               csrfToken: try row.decode(forColumn: "csrf_token"),
                               expiresAt: try row.decode(forColumn: "expires_at")),
                    try row.decode(forColumn: "id"), SignInRules.Policy(settings: try Self.settingValues(db)))
        }
        guard let (found, id, policy) = found else { return nil }
        var session = found
        guard SignInRules.isLive(expiresAt: session.expiresAt, now: now) else {
            try endSession(token: token)
            return nil
        }
        if SignInRules.needsTouch(expiresAt: session.expiresAt, now: now, policy: policy) {
            session.expiresAt = SignInRules.expiry(lastUsed: now, policy: policy)
            try Self.reportingBusy {
                try writer.write { db in
                    try db.execute(cached: "UPDATE web_session SET expires_at = ? WHERE id = ?",
                                   arguments: [session.expiresAt, id])
                }
            }
        }
        return session
    }

    /// Signs a browser out (nothing happens for an unknown cookie).
    public func endSession(token: String) throws {
        try Self.reportingBusy {
            try writer.write { db in
                try db.execute(cached: "DELETE FROM web_session WHERE token_sha256 = ?", arguments: [AccessToken.hash(token)])
            }
        }
    }

    static func settingValues(_ db: Database) throws -> [Setting: String] {
        var values: [Setting: String] = [:]
        for setting in Setting.allCases { values[setting] = try settingValue(db, setting) }
        return values
    }
}
