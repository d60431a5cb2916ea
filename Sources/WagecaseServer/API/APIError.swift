import Hummingbird
import WagecaseCore

/// Refusals that belong to HTTP rather than to the domain.
enum APIError: Refusal {
    case unauthorized
    case forbidden(role: Role, permission: Permission)
    case badRequest(field: String?, reason: Phrase)
    case notFound(Phrase)
    case preconditionRequired
    case preconditionFailed(current: String)
    case payloadTooLarge

    var code: String {
        switch self {
        case .unauthorized: "auth.token_required"
        case .forbidden: "auth.role_not_allowed"
        case .badRequest: "request.malformed"
        case .notFound: "record.not_found"
        case .preconditionRequired: "request.if_match_required"
        case .preconditionFailed: "record.changed"
        case .payloadTooLarge: "request.too_large"
        }
    }

    func message(_ language: Language) -> String {
        let phrase: Phrase = switch self {
        case .unauthorized: "a valid bearer token is required (Authorization: Bearer …)"
        case let .forbidden(role, permission): "the \(role) role may not \(permission.allows)"
        case let .badRequest(_, reason): reason
        case let .notFound(what): "\(what) not found"
        case .preconditionRequired: "send If-Match with the ETag of the record you read"
        case let .preconditionFailed(current):
            "the record changed since you read it (its ETag is now \(current)); read it again"
        case .payloadTooLarge: "request bodies are limited to \(APIBody.maxSize) bytes"
        }
        return phrase.text(language)
    }
}
