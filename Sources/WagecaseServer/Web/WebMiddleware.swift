import Foundation
import Hummingbird
import WagecaseImport
import NIOCore
import WagecaseCore
import WagecaseStore

/// Everything the pages share, around every page route: the reader's language (`?lang=en`, remembered in a
/// cookie), the signed-in user of the session SessionLoader found, the form of a POST with its CSRF token checked before any
/// handler runs (a POST without a valid one is 403 and reaches no use-case), errors shown as pages, and the
/// security headers.
struct WebMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let cookies: WebCookies

    /// A form is small; an upload (import) has its own limit.
    static let maxFormSize = 1 << 20
    static let maxUploadSize = 32 << 20
    /// The one page that takes a file.
    static let uploadPath = "/import"
    /// Evidence posted on a case's page: bounded by the largest attachment_max_mb allows (the store applies the
    /// office's setting), read only for a role that may write cases.
    static let maxEvidenceSize = 501 << 20

    static func isEvidenceUpload(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 3 && parts[0] == "cases" && parts[2] == "attachments"
    }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let asked = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
        context.language = asked ?? request.cookies[WebCookies.language].flatMap { Language(rawValue: $0.value) } ?? .zh
        var response: Response
        do {
            // The session was found by SessionLoader (before the request log); on the pages it is who acts.
            context.identity = context.session?.user
            if request.method == .post {
                // Signing out without a session (it expired) has nothing to protect: it only clears the cookie.
                if !(request.uri.path == "/logout" && context.session == nil) {
                    try await readForm(&request, &context)
                }
            }
            response = try await next(request, context)
        } catch let error as WebRedirect {
            response = error.response
        } catch {
            response = WebPage.error(error, request: request, context: context)
        }
        if let asked {
            response.setCookie(cookies.make(WebCookies.language, asked.rawValue, maxAge: 365 * 86_400))
        }
        WebPage.addSecurityHeaders(&response.headers)
        return response
    }

    /// Reads an urlencoded form and checks its `_csrf` against the session's (or, on the sign-in form, against
    /// the cookie that page set). Anything else is refused.
    private func readForm(_ request: inout Request, _ context: inout Context) async throws {
        let type = request.headers[.contentType] ?? ""
        let evidence = Self.isEvidenceUpload(request.uri.path)
        let upload = (request.uri.path == Self.uploadPath || evidence) && type.lowercased().hasPrefix("multipart/form-data")
        guard type.lowercased().hasPrefix("application/x-www-form-urlencoded") || upload else { throw WebError.badForm }
        // Nothing is read for someone who could not send a valid form anyway: no session, no body (the sign-in
        // form aside); the large limit only for a role that may import.
        if request.uri.path != "/login" {
            guard let user = context.session?.user else { throw WebError.csrf }
            if evidence && !user.role.may(.writeCases) {
                throw APIError.forbidden(role: user.role, permission: .writeCases)
            }
            if upload && !evidence && !ImportKind.allCases.contains(where: { user.role.may(ImportPages.permission($0)) }) {
                throw APIError.forbidden(role: user.role, permission: .writeCases)
            }
        }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: evidence ? Self.maxEvidenceSize : upload ? Self.maxUploadSize : Self.maxFormSize)
        } catch {
            throw APIError.payloadTooLarge
        }
        if upload {
            guard let boundary = MultipartForm.boundary(type),
                  let form = MultipartForm(body: Data(buffer: body), boundary: boundary) else { throw WebError.badForm }
            (context.form, context.upload) = (form.fields, form.file)
        } else {
            context.form = FormData(urlEncoded: String(buffer: body))
        }
        let sent = Array((context.form.all("_csrf").first ?? "").utf8)
        let expected: String?
        if request.uri.path == "/login" {
            expected = request.cookies[WebCookies.signInForm]?.value
        } else {
            expected = context.session?.csrfToken
        }
        guard let expected, expected.count >= 32, constantTimeEquals(sent, Array(expected.utf8)) else {
            throw WebError.csrf
        }
    }
}

/// The cookies the pages set. Every one is HttpOnly and SameSite=Lax, and Secure unless the service runs on plain
/// HTTP for development (`serve --insecure-cookies`).
struct WebCookies: Sendable {
    static let session = "wagecase_session"
    static let language = "wagecase_lang"
    static let signInForm = "wagecase_signin"
    var secure: Bool

    func make(_ name: String, _ value: String, maxAge: Int? = nil) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func clear(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// A page's refusal that is not a record's: the form token, a form that is not a form.
enum WebError: Refusal {
    case csrf
    case badForm

    var code: String {
        switch self {
        case .csrf: "form.expired"
        case .badForm: "form.invalid"
        }
    }

    var status: HTTPResponse.Status {
        switch self {
        case .csrf: .forbidden
        case .badForm: .unsupportedMediaType
        }
    }

    func message(_ language: Language) -> String {
        switch self {
        case .csrf:
            Phrase("The form has expired or did not come from this service; nothing was changed. Open the page again and resubmit.").text(language)
        case .badForm: Phrase("The request is not a form this page accepts.").text(language)
        }
    }
}

/// A redirect thrown out of a handler (to the sign-in page).
struct WebRedirect: Error {
    let location: String
    var response: Response { Response(status: .seeOther, headers: [.location: location]) }
}
