import Hummingbird
import WagecaseCore

/// Refusals that belong to HTTP rather than to the domain.
enum APIError: Error {
    case unauthorized
    case forbidden(role: Role, permission: Permission)
    case badRequest(field: String?, reason: String)
    case notFound(String)
    case preconditionRequired
    case preconditionFailed(current: String)
    case payloadTooLarge
}
