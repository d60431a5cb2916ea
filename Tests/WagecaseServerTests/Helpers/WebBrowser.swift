import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import WagecaseCore
@testable import WagecaseServer
import WagecaseSQLite

/// A browser for the pages over the test client: keeps the cookies it is sent, follows nothing by itself, and
/// fills a form's `_csrf` from the last page it read.
final class WebBrowser {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    /// The password every test user signs in with.
    static let password = "correct horse battery"
    static let passwordHash = try! PasswordHashing.hashNow(password)

    @discardableResult
    func get(_ path: String) async throws -> TestResponse {
        let response = try await client.execute(uri: path, method: .get, headers: cookieHeader(), body: nil)
        take(response)
        lastPage = String(buffer: response.body)
        return response
    }

    /// Posts a form; `_csrf` is the token of the last page read unless the fields give one.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
        var fields = fields
        if !fields.contains(where: { $0.0 == "_csrf" }), let token = formToken { fields.append(("_csrf", token)) }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = cookieHeader()
        headers[.contentType] = "application/x-www-form-urlencoded"
        let response = try await client.execute(uri: path, method: .post, headers: headers,
                                                body: ByteBuffer(string: body))
        take(response)
        return response
    }

    func signIn(_ name: String, password: String = WebBrowser.password) async throws -> TestResponse {
        try await get("/login")
        return try await post("/login", [("name", name), ("password", password)])
    }

    var formToken: String? {
        guard let range = lastPage.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(lastPage[range.upperBound...].prefix { $0 != "\"" })
    }

    func forget(_ cookie: String) { cookies[cookie] = nil }
    func setLastPage(_ page: String) { lastPage = page }
    func set(_ cookie: String, _ value: String) { cookies[cookie] = value }

    private func cookieHeader() -> HTTPFields {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        return headers
    }

    private func take(_ response: TestResponse) {
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if line.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

extension TestService {
    /// Gives every test user (user-admin, user-prosecutor, …) the test password.
    func withPasswords() throws -> TestService {
        for role in Role.allCases {
            _ = try database.setPassword("user-\(role.rawValue)", passwordHash: WebBrowser.passwordHash, actor: "setup")
        }
        return self
    }

    var insecureApp: some ApplicationProtocol {
        buildApplication(store: SQLiteStore(database),
                         configuration: ServerConfiguration(host: "127.0.0.1", port: 0, insecureCookies: true))
    }
}
