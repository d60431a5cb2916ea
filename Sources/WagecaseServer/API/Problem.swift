import Foundation
import Hummingbird
import NIOCore
import WagecaseCore
import WagecaseStore

/// An RFC 9457 problem document, sent as application/problem+json, in the language the client asked for
/// (`Accept-Language`; Chinese unless English is preferred). `code` is stable; `errors` lists every problem the
/// request had, each with its field, code and message.
struct Problem: Encodable {
    struct Item: Encodable, Equatable {
        var field: String?
        var code: String
        var message: String
    }

    var type: String
    var title: String
    var status: Int
    var detail: String
    var code: String
    var field: String?
    var value: String?
    var allowed: String?
    var errors: [Item]

    init(type: String, title: String, status: Int, detail: String, code: String, field: String? = nil,
         value: String? = nil, allowed: String? = nil, errors: [Item]? = nil) {
        (self.type, self.title, self.status, self.detail, self.code) = (type, title, status, detail, code)
        (self.field, self.value, self.allowed) = (field, value, allowed)
        self.errors = errors ?? [Item(field: field, code: code, message: detail)]
    }

    func response(headers extra: HTTPFields = [:], language: Language) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        var headers: HTTPFields = [.contentType: "application/problem+json", .contentLanguage: language.tag]
        headers.append(contentsOf: extra)
        return Response(status: .init(code: status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func from(_ error: any Error, method: HTTPRequest.Method, language: Language = .zh) -> Problem {
        switch error {
        case let error as Refusals:
            return from(error, method: method, language: language)
        case let error as WagecaseError:
            return from(error, method: method, language: language)
        case let error as APIError:
            return from(error, language: language)
        case let error as NotOnPostgresYet:
            return Problem(type: "/problems/not-on-this-database", title: title("Not Implemented", language), status: 501,
                           detail: error.message(language), code: error.code)
        case let error as DatabaseBusy:
            return Problem(type: "/problems/busy", title: title("Service busy", language), status: 503,
                           detail: error.message(language), code: error.code)
        case let error as HTTPResponseError:
            let status = Int(error.status.code)
            let detail = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            return Problem(type: "about:blank", title: error.status.reasonPhrase, status: status, detail: detail,
                           code: "request.invalid")
        default:
            return Problem(type: "about:blank", title: title("Internal Server Error", language), status: 500,
                           detail: ("the request could not be completed; the server log has the details" as Phrase)
                               .text(language),
                           code: "server.error")
        }
    }

    private static func title(_ english: String, _ language: Language) -> String {
        Phrase(key: english).text(language)
    }

    /// Several refusals of one body: the first decides the status; all are listed.
    private static func from(_ refusals: Refusals, method: HTTPRequest.Method, language: Language) -> Problem {
        let problems = refusals.errors.map { from($0, method: method, language: language) }
        guard var first = problems.first else {
            return from(WagecaseError.invalidField(field: "body", value: "", reason: "is not valid", allowed: "a valid body"),
                        method: method, language: language)
        }
        first.errors = problems.flatMap(\.errors)
        if problems.count > 1 {
            first.detail = problems.map(\.detail).joined(separator: language == .zh ? "；" : "; ")
        }
        return first
    }

    private static func from(_ error: WagecaseError, method: HTTPRequest.Method, language: Language) -> Problem {
        let detail = error.message(language)
        switch error {
        case let .invalidField(field, value, reason, allowed):
            return Problem(type: "/problems/invalid-field", title: title("Invalid field", language), status: 422,
                           detail: detail, code: error.code, field: field, value: value,
                           allowed: "\(reason.text(language))\(language == .zh ? "；" : "; expected ")"
                               + allowed.text(language))
        case let .dateOutOfOrder(field, value, _):
            return Problem(type: "/problems/date-out-of-order", title: title("Date out of order", language),
                           status: 422, detail: detail, code: error.code, field: field, value: value.iso)
        case .overRecovery:
            return Problem(type: "/problems/over-recovery", title: title("Recovery exceeds the claim", language),
                           status: 422, detail: detail, code: error.code, field: "amount_fen")
        case let .notFound(entity, _):
            // A missing path resource is a 404 (see pathRecord); a missing record named in a body makes the body
            // invalid.
            return method == .get
                ? Problem(type: "/problems/not-found", title: title("Not found", language), status: 404,
                          detail: detail, code: error.code)
                : Problem(type: "/problems/unknown-reference", title: title("Unknown reference", language),
                          status: 422, detail: detail, code: error.code, field: WagecaseError.record(entity))
        case .duplicate:
            return Problem(type: "/problems/duplicate", title: title("Duplicate", language), status: 409,
                           detail: detail, code: error.code)
        case let .illegalTransition(_, _, _, allowed):
            return Problem(type: "/problems/illegal-transition", title: title("Illegal stage transition", language),
                           status: 409, detail: detail, code: error.code, field: "to",
                           allowed: allowed.map(\.rawValue).joined(separator: ", "))
        case .invalidState:
            return Problem(type: "/problems/invalid-state", title: title("Not allowed in this state", language),
                           status: 409, detail: detail, code: error.code)
        }
    }

    private static func from(_ error: APIError, language: Language) -> Problem {
        let detail = error.message(language)
        switch error {
        case .unauthorized:
            return Problem(type: "/problems/unauthorized", title: title("Unauthorized", language), status: 401,
                           detail: detail, code: error.code)
        case .forbidden:
            return Problem(type: "/problems/forbidden", title: title("Forbidden", language), status: 403,
                           detail: detail, code: error.code)
        case let .badRequest(field, _):
            return Problem(type: "/problems/bad-request", title: title("Bad request", language), status: 400,
                           detail: detail, code: error.code, field: field)
        case .notFound:
            return Problem(type: "/problems/not-found", title: title("Not found", language), status: 404,
                           detail: detail, code: error.code)
        case .preconditionRequired:
            return Problem(type: "/problems/precondition-required", title: title("Precondition required", language),
                           status: 428, detail: detail, code: error.code)
        case .preconditionFailed:
            return Problem(type: "/problems/precondition-failed", title: title("Precondition failed", language),
                           status: 412, detail: detail, code: error.code)
        case .payloadTooLarge:
            return Problem(type: "/problems/payload-too-large", title: title("Content too large", language),
                           status: 413, detail: detail, code: error.code)
        }
    }
}

extension Language {
    /// The language tag a response names in Content-Language.
    var tag: String { self == .zh ? "zh-CN" : "en" }

    /// The language an `Accept-Language` header prefers among the two the service speaks: English only when the
    /// client ranks some English above any Chinese; Chinese otherwise (and when the header is absent).
    static func preferred(by header: String?) -> Language {
        guard let header else { return .zh }
        var best: (language: Language, weight: Double)?
        for item in header.split(separator: ",").prefix(20) {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased() else { continue }
            let language: Language? = tag.hasPrefix("en") ? .en : (tag.hasPrefix("zh") || tag == "*" ? .zh : nil)
            guard let language else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            guard weight > 0, weight.isFinite else { continue }
            if weight > (best?.weight ?? 0) { best = (language, weight) }
        }
        return best?.language ?? .zh
    }
}
