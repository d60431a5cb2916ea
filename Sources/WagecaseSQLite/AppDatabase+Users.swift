import Crypto
import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// Adds a user and returns the bearer token, which is not stored and cannot be shown again.
    public func addUser(name: String, role: Role, actor: String) throws -> (user: APIUser, token: String) {
        let name = try TextField.name(name, field: "name", maxLength: 100)
        var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "wc_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let user = try write(actor: actor) { db, audit in
            if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM api_user WHERE name = ?", arguments: [name]) {
                throw WagecaseError.duplicate(entity: "user", key: name, existingID: existing, hint: "user names are unique")
            }
            try db.execute(cached: "INSERT INTO api_user (name, role, token_sha256, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role.rawValue, Self.tokenHash(token), audit.at])
            let id = db.lastInsertedRowID
            try audit.record(.insert, table: "api_user", id: id, after: ["name": name, "role": role.rawValue])
            return try Self.fetchUser(db, id: id)
        }
        return (user, token)
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
                arguments: [Self.tokenHash(token)]) else { return nil }
            return try Self.fetchUser(db, id: id)
        }
    }

    static func tokenHash(_ token: String) -> String {
        Hex.string(SHA256.hash(data: Data(token.utf8)))
    }

    static func fetchUser(_ db: Database, id: Int64) throws -> APIUser {
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM api_user WHERE id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "user", key: "#\(id)")
        }
        return APIUser(id: (try row.decode(forColumn: "id")), name: (try row.decode(forColumn: "name")), role: try row.vocabulary("role"), createdAt: (try row.decode(forColumn: "created_at")),
                       revokedAt: (try row.decode(forColumn: "revoked_at")))
    }
}
