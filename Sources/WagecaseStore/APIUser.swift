import Foundation
import WagecaseCore

/// A user of the HTTP service.
public struct APIUser: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var createdAt: String
    public var revokedAt: String?
    /// Whether the user may sign in to the web pages.
    public var hasPassword: Bool
    /// The member unit the user works for (府检联动): labor-bureau staff see their unit's joint work.
    public var unitID: Int64?

    public init(id: Int64, name: String, role: Role, createdAt: String, revokedAt: String?, hasPassword: Bool = false,
                unitID: Int64? = nil) {
        (self.id, self.name, self.role, self.createdAt, self.revokedAt) = (id, name, role, createdAt, revokedAt)
        (self.hasPassword, self.unitID) = (hasPassword, unitID)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, role, createdAt = "created_at", revokedAt = "revoked_at", hasPassword = "has_password",
             unitID = "unit_id"
    }
}

/// What signing in needs to know about a name: the stored password hash (checked by the caller, off the store's
/// writer) and whether the name is waiting after failed attempts.
public struct SignInCredentials: Sendable {
    public var user: APIUser
    public var passwordHash: String?
    public var lockedUntil: String?

    public init(user: APIUser, passwordHash: String?, lockedUntil: String?) {
        (self.user, self.passwordHash, self.lockedUntil) = (user, passwordHash, lockedUntil)
    }
}

/// A signed-in browser: its user and the token every form of the session carries.
public struct WebSession: Sendable, Equatable {
    public var user: APIUser
    public var csrfToken: String
    public var expiresAt: String

    public init(user: APIUser, csrfToken: String, expiresAt: String) {
        (self.user, self.csrfToken, self.expiresAt) = (user, csrfToken, expiresAt)
    }
}

/// How a sign-in attempt ended.
public enum SignInOutcome: Sendable, Equatable {
    /// The session was made; its cookie value is `token`.
    case signedIn(WebSession, token: String)
    /// Wrong name or password (which of the two is not said).
    case refused
    /// Too many failures: the name waits until then (this attempt was not checked).
    case waiting(until: String)
}
