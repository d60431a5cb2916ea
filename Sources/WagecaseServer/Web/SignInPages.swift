import Foundation
import Hummingbird
import WagecaseCore
import WagecaseStore

/// /login and /logout. The password is checked with bcrypt off the cooperative pool; the store counts failures
/// and makes the session. The same words answer an unknown name and a wrong password.
struct SignInPages {
    let store: any RecordStore
    let cookies: WebCookies
    let sessions: SessionCache

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.get("login", use: form)
        router.post("login", use: signIn)
        router.post("logout", use: signOut)
    }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.session != nil { return WebPage.redirect(Self.safeNext(request.uri.queryParameters["next"].map(String.init))) }
        return page(request, context, name: "", next: request.uri.queryParameters["next"].map(String.init), problem: nil)
    }

    @Sendable func signIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let name = context.form["name"] ?? ""
        let password = context.form.all("password").first ?? ""
        let next = context.form["next"]
        guard !name.isEmpty, !password.isEmpty, name.count <= 100, password.utf8.count <= 200 else {
            return page(request, context, name: name, next: next, problem: "Enter your user name and password.",
                        status: .unprocessableContent)
        }
        let credentials = try await store.signInCredentials(name: name)
        guard let matched = try await PasswordHashing.verifyIfFree(password, hash: credentials?.passwordHash) else {
            // Every check under way already: a flood of guesses waits outside, not in front of real sign-ins.
            return page(request, context, name: name, next: next, problem: "The service is busy; try again in a moment.",
                        status: .serviceUnavailable)
        }
        guard let credentials else {
            return page(request, context, name: name, next: next, problem: Self.refused, status: .unauthorized)
        }
        switch try await store.completeSignIn(userID: credentials.user.id, passwordMatched: matched) {
        case .refused:
            return page(request, context, name: name, next: next, problem: Self.refused, status: .unauthorized)
        case .waiting:
            // The same answer as a wrong password: a different one would tell which names exist. The wait is in
            // the audit log, where an administrator sees it.
            return page(request, context, name: name, next: next, problem: Self.refused, status: .unauthorized)
        case .signedIn(_, let token):
            var response = WebPage.redirect(Self.safeNext(next))
            response.setCookie(cookies.make(WebCookies.session, token))
            response.setCookie(cookies.clear(WebCookies.signInForm))
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let token = request.cookies[WebCookies.session]?.value, (20...100).contains(token.count) {
            sessions.forget(token)
            try await store.endSession(token: token)
        }
        var response = WebPage.redirect("/login", notice: "signed-out")
        response.setCookie(cookies.clear(WebCookies.session))
        return response
    }

    private static let refused: Phrase = "The user name or password is not right."

    /// The sign-in form with its own form token, kept in a cookie until the session has one.
    private func page(_ request: Request, _ context: AppRequestContext, name: String, next: String?, problem: Phrase?,
                      status: HTTPResponse.Status = .ok) -> Response {
        let kept = request.cookies[WebCookies.signInForm]?.value
        let formToken = kept.flatMap { $0.count == 43 ? $0 : nil } ?? WebTokens.random()
        var data: [String: Any] = ["formToken": formToken, "name": name, "next": next ?? ""]
        if let problem { data["problem"] = problem.text(context.language) }
        var response = WebPage.render("login", title: "Sign in", data, context: context, request: request,
                                      status: status)
        response.setCookie(cookies.make(WebCookies.signInForm, formToken))
        return response
    }

    /// Only a path of this service: one "/" then printable ASCII without a backslash (browsers drop tabs and
    /// read "\\" as "/", so "/\t/evil.example" or "/\\evil.example" would leave the site), no scheme, no host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.count < 500, next.hasPrefix("/"), !next.hasPrefix("//"),
              next.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "\\" }),
              let parts = URLComponents(string: next), parts.scheme == nil, parts.host == nil else { return "/" }
        return next
    }
}

enum WebTokens {
    /// 32 random bytes, URL-safe base64 without padding (43 characters).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
