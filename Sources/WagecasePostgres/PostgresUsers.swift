import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// Users of the HTTP service on PostgreSQL: the same use-cases, refusals and audit entries as the SQLite store's.
/// A bearer token is given out once; only its SHA-256 is kept, and a password's hash is never written to the log.
extension PostgresDatabase {
    /// Adds a user and returns the bearer token, which is not stored and cannot be shown again.
    public func addUser(name: String, role: Role, passwordHash: String? = nil, actor: String) async throws
        -> (user: APIUser, token: String) {
        let name = try TextField.name(name, field: "name", maxLength: 100)
        let token = AccessToken.bearer()
        let user = try await write(actor: actor) { connection, audit in
            if let existing = try await Self.userID(named: name, on: connection) {
                throw WagecaseError.duplicate(entity: "user", key: name, existingID: existing, hint: "user names are unique")
            }
            var id: Int64 = 0
            for try await inserted in try await connection.query("""
                INSERT INTO api_user (name, role, token_sha256, created_at, password_hash)
                VALUES (\(name), \(role.rawValue), \(AccessToken.hash(token)), \(audit.at)::timestamptz, \(passwordHash))
                RETURNING id
                """, logger: Self.logger).decode(Int64.self) { id = inserted }
            try await audit.record(.insert, table: "api_user", id: id, after: ["name": name, "role": role.rawValue,
                                                                               "has_password": passwordHash != nil])
            return try await Self.fetchUser(id: id, on: connection)
        }
        return (user, token)
    }

    /// Sets or replaces a user's web password; the user's open sessions end.
    public func setPassword(_ name: String, passwordHash: String, actor: String) async throws -> APIUser {
        try await write(actor: actor) { connection, audit in
            let user = try await Self.activeUser(named: name, action: "set a password for", on: connection)
            try await connection.query("""
                UPDATE api_user SET password_hash = \(passwordHash), failed_sign_ins = 0, locked_until = NULL
                WHERE id = \(user.id)
                """, logger: Self.logger)
            try await connection.query("DELETE FROM web_session WHERE user_id = \(user.id)", logger: Self.logger)
            try await audit.record(.update, table: "api_user", id: user.id, before: ["has_password": user.hasPassword],
                                   after: ["has_password": true, "password_changed": true])
            return try await Self.fetchUser(id: user.id, on: connection)
        }
    }

    /// Revokes a user's token; the user's open sessions end.
    public func revokeUser(_ name: String, actor: String) async throws -> APIUser {
        try await write(actor: actor) { connection, audit in
            let user = try await Self.activeUser(named: name, action: "revoke", on: connection)
            try await connection.query("UPDATE api_user SET revoked_at = \(audit.at)::timestamptz WHERE id = \(user.id)",
                                       logger: Self.logger)
            try await connection.query("DELETE FROM web_session WHERE user_id = \(user.id)", logger: Self.logger)
            try await audit.record(.update, table: "api_user", id: user.id, before: ["revoked_at": nil],
                                   after: ["revoked_at": audit.at])
            return try await Self.fetchUser(id: user.id, on: connection)
        }
    }

    /// Every user, oldest first (never a token).
    public func users() async throws -> [APIUser] {
        try await autocommit { connection in try await Self.fetchUsers(where: "TRUE", on: connection) }
    }

    /// The active user a bearer token belongs to, or nil.
    public func user(forToken token: String) async throws -> APIUser? {
        try await autocommit { connection in
            var binds = PostgresBindings()
            binds.append(AccessToken.hash(token))
            return try await Self.fetchUsers(where: "token_sha256 = $1 AND revoked_at IS NULL", binds, on: connection).first
        }
    }

    static func userID(named name: String, on connection: PostgresConnection) async throws -> Int64? {
        var id: Int64?
        for try await found in try await connection.query("SELECT id FROM api_user WHERE name = \(name)",
                                                          logger: logger).decode(Int64.self) { id = found }
        return id
    }

    /// The user of a name, refused when unknown or revoked (`action` says what was being done, for the refusal).
    static func activeUser(named name: String, action: Phrase, on connection: PostgresConnection) async throws -> APIUser {
        guard let id = try await userID(named: name, on: connection) else {
            throw WagecaseError.notFound(entity: "user", key: name)
        }
        let user = try await fetchUser(id: id, on: connection)
        if user.revokedAt != nil {
            throw WagecaseError.invalidState(entity: "user", key: name, state: "revoked", action: action,
                                             allowed: "the user is active")
        }
        return user
    }

    static func fetchUser(id: Int64, on connection: PostgresConnection) async throws -> APIUser {
        var binds = PostgresBindings()
        binds.append(id)
        guard let user = try await fetchUsers(where: "id = $1", binds, on: connection).first else {
            throw WagecaseError.notFound(entity: "user", key: "#\(id)")
        }
        return user
    }

    /// Users matching `condition` (a fixed SQL fragment; values bound in `binds`), by id.
    static func fetchUsers(where condition: String, _ binds: PostgresBindings = PostgresBindings(),
                           on connection: PostgresConnection) async throws -> [APIUser] {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT id, name, role, \(PostgresText.timestamp("created_at")), \(PostgresText.timestamp("revoked_at")),
                   password_hash IS NOT NULL, unit_id
            FROM api_user WHERE \(condition) ORDER BY id
            """, binds: binds), logger: logger)
        var users: [APIUser] = []
        for try await row in rows {
            let cells = PostgresCells(row)
            users.append(APIUser(id: try cells.integer(0, "id"), name: try cells.text(1, "name"),
                                 role: try cells.vocabulary(2, "role"), createdAt: try cells.text(3, "created_at"),
                                 revokedAt: try cells.optionalText(4), hasPassword: try cells.optionalBool(5) ?? false,
                                 unitID: try cells.optionalInteger(6)))
        }
        return users
    }
}
