import Foundation
import Hummingbird
import NIOCore
import WagecaseCore
import WagecaseStore

/// An RFC 9457 problem document, sent as application/problem+json.
struct Problem: Encodable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var field: String?
    var value: String?
    var allowed: String?

    func response(headers extra: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extra)
        return Response(status: .init(code: status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func from(_ error: any Error, method: HTTPRequest.Method) -> Problem {
        switch error {
        case let error as WagecaseError:
            return from(error, method: method)
        case let error as APIError:
            return from(error)
        case let error as DatabaseBusy:
            return Problem(type: "/problems/busy", title: "Service busy", status: 503, detail: error.description)
        case let error as HTTPResponseError:
            let status = Int(error.status.code)
            let detail = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            return Problem(type: "about:blank", title: error.status.reasonPhrase, status: status, detail: detail)
        default:
            return Problem(type: "about:blank", title: "Internal Server Error", status: 500,
                           detail: "the request could not be completed; the server log has the details")
        }
    }

    private static func from(_ error: WagecaseError, method: HTTPRequest.Method) -> Problem {
        let detail = error.description
        switch error {
        case let .invalidField(field, value, reason, allowed):
            return Problem(type: "/problems/invalid-field", title: "Invalid field", status: 422,
                           detail: detail, field: field, value: value, allowed: "\(reason); expected \(allowed)")
        case let .dateOutOfOrder(field, value, _):
            return Problem(type: "/problems/date-out-of-order", title: "Date out of order", status: 422,
                           detail: detail, field: field, value: value.iso)
        case .overRecovery:
            return Problem(type: "/problems/over-recovery", title: "Recovery exceeds the claim", status: 422,
                           detail: detail, field: "amount_fen")
        case let .notFound(entity, _):
            // A missing path resource is a 404; a missing record named in a body makes the body invalid.
            return method == .get
                ? Problem(type: "/problems/not-found", title: "Not found", status: 404, detail: detail)
                : Problem(type: "/problems/unknown-reference", title: "Unknown reference", status: 422,
                          detail: detail, field: entity)
        case .duplicate:
            return Problem(type: "/problems/duplicate", title: "Duplicate", status: 409, detail: detail)
        case let .illegalTransition(_, _, _, allowed):
            return Problem(type: "/problems/illegal-transition", title: "Illegal stage transition", status: 409,
                           detail: detail, field: "to", allowed: allowed.map(\.rawValue).joined(separator: ", "))
        case .invalidState:
            return Problem(type: "/problems/invalid-state", title: "Not allowed in this state", status: 409,
                           detail: detail)
        }
    }

    private static func from(_ error: APIError) -> Problem {
        switch error {
        case .unauthorized:
            return Problem(type: "/problems/unauthorized", title: "Unauthorized", status: 401,
                           detail: "a valid bearer token is required (Authorization: Bearer …)")
        case let .forbidden(role, permission):
            return Problem(type: "/problems/forbidden", title: "Forbidden", status: 403,
                           detail: "the \(role.rawValue) role may not \(permission.allows)")
        case let .badRequest(field, reason):
            return Problem(type: "/problems/bad-request", title: "Bad request", status: 400, detail: reason,
                           field: field)
        case let .notFound(what):
            return Problem(type: "/problems/not-found", title: "Not found", status: 404, detail: "\(what) not found")
        case .preconditionRequired:
            return Problem(type: "/problems/precondition-required", title: "Precondition required", status: 428,
                           detail: "send If-Match with the ETag of the record you read")
        case let .preconditionFailed(current):
            return Problem(type: "/problems/precondition-failed", title: "Precondition failed", status: 412,
                           detail: "the record changed since you read it (its ETag is now \(current)); read it again")
        case .payloadTooLarge:
            return Problem(type: "/problems/payload-too-large", title: "Content too large", status: 413,
                           detail: "request bodies are limited to \(APIBody.maxSize) bytes")
        }
    }
}
