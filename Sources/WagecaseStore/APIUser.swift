import Foundation
import WagecaseCore

/// A user of the HTTP service.
public struct APIUser: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var createdAt: String
    public var revokedAt: String?

    public init(id: Int64, name: String, role: Role, createdAt: String, revokedAt: String?) {
        (self.id, self.name, self.role, self.createdAt, self.revokedAt) = (id, name, role, createdAt, revokedAt)
    }

    enum CodingKeys: String, CodingKey { case id, name, role, createdAt = "created_at", revokedAt = "revoked_at" }
}
