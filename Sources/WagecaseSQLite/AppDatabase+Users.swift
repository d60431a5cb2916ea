import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// Adds a user and returns the bearer token, which is not stored and cannot be shown again.
    /// With a password hash (bcrypt, made by the caller) the user may also sign in to the web pages.
    public func addUser(name: String, role: Role, passwordHash: String? = nil, actor: String) throws
        -> (user: APIUser, token: String) {
        let name = try TextField.name(name, field: "name", maxLength: 100)
        let token = AccessToken.bearer()
        let user = try write(actor: actor) { db, audit in
            if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM api_user WHERE name = ?", arguments: [name]) {
                throw WagecaseError.duplicate(entity: "user", key: name, existingID: existing, hint: "user names are unique")
            }
            try db.execute(cached: """
                INSERT INTO api_user (name, role, token_sha256, created_at, password_hash) VALUES (?, ?, ?, ?, ?)
                """, arguments: [name, role.rawValue, AccessToken.hash(token), audit.at, passwordHash])
            let id = db.lastInsertedRowID
            // The hash is never written to the log, only that there is one.
            try audit.record(.insert, table: "api_user", id: id, after: ["name": name, "role": role.rawValue,
                                                                          "has_password": passwordHash != nil])
            return try Self.fetchUser(db, id: id)
        }
        return (user, token)
    }

    /// Sets or replaces a user's web password; the user's open sessions end (audited, the hash never logged).
    public func setPassword(_ name: String, passwordHash: String, actor: String) throws -> APIUser {
        try write(actor: actor) { db, audit in
            let user = try Self.fetchActiveUser(db, name: name, action: "set a password for")
            try db.execute(cached: """
                UPDATE api_user SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE id = ?
                """, arguments: [passwordHash, user.id])
            try db.execute(cached: "DELETE FROM web_session WHERE user_id = ?", arguments: [user.id])
            try audit.record(.update, table: "api_user", id: user.id, before: ["has_password": user.hasPassword],
                             after: ["has_password": true, "password_changed": true])
            return try Self.fetchUser(db, id: user.id)
        }
    }

    static func fetchActiveUser(_ db: Database, name: String, action: Phrase) throws -> APIUser {
        guard let id = try Int64.fetchOne(db, cached: "SELECT id FROM api_user WHERE name = ?", arguments: [name]) else {
            throw WagecaseError.notFound(entity: "user", key: name)
        }
        let user = try fetchUser(db, id: id)
        if user.revokedAt != nil {
            throw WagecaseError.invalidState(entity: "user", key: name, state: "revoked", action: action,
                                             allowed: "the user is active")
        }
        return user
    }

    public func revokeUser(_ name: String, actor: String) throws -> APIUser {
        try write(actor: actor) { db, audit in
            guard let id = try Int64.fetchOne(db, cached: "SELECT id FROM api_user WHERE name = ?", arguments: [name]) else {
                throw WagecaseError.notFound(entity: "user", key: name)
            }
            let user = try Self.fetchUser(db, id: id)
            if user.revokedAt != nil {
                throw WagecaseError.invalidState(entity: "user", key: name, state: "revoked", action: "revoke",
                                                 allowed: "the user is active")
            }
            try db.execute(cached: "UPDATE api_user SET revoked_at = ? WHERE id = ?", arguments: [audit.at, id])
            try db.execute(cached: "DELETE FROM web_session WHERE user_id = ?", arguments: [id])
            try audit.record(.update, table: "api_user", id: id, before: ["revoked_at": nil], after: ["revoked_at": audit.at])
            return try Self.fetchUser(db, id: id)
        }
    }

    public func users() throws -> [APIUser] {
        try read { db in
            try Int64.fetchAll(db, cached: "SELECT id FROM api_user ORDER BY id").map { try Self.fetchUser(db, id: $0) }
        }
    }

    /// The active user a bearer token belongs to, or nil.
    public func user(forToken token: String) throws -> APIUser? {
        try read { db in
            guard let id = try Int64.fetchOne(
                db, cached: "SELECT id FROM api_user WHERE token_sha256 = ? AND revoked_at IS NULL",
                arguments: [AccessToken.hash(token)]) else { return nil }
            return try Self.fetchUser(db, id: id)
        }
    }

    static func fetchUser(_ db: Database, id: Int64) throws -> APIUser {
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM api_user WHERE id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "user", key: "#\(id)")
        }
        return APIUser(id: (try row.decode(forColumn: "id")), name: (try row.decode(forColumn: "name")), role: try row.vocabulary("role"), createdAt: (try row.decode(forColumn: "created_at")),
                       revokedAt: (try row.decode(forColumn: "revoked_at")),
                       hasPassword: (try row.decode(forColumn: "password_hash") as String?) != nil,
                       unitID: try row.decode(forColumn: "unit_id"))
    }
}
