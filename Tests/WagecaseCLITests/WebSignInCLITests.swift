import Foundation
import Testing

/// Passwords for the web pages are set on the command line; the service then signs people in on its own port.
@Suite("Web sign-in from the command line")
struct WebSignInCLITests {
    @Test func passwordsAreSetFromStandardInputAndNeverLogged() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        let short = try cli.run(["user", "add", "li", "--role", "prosecutor", "--password-stdin"], input: "short\n")
        #expect(short.status != 0 && short.stderr.contains("password") && short.stderr.contains("至少10个字符"))
        #expect(try cli.run(["user", "list", "--json"]).stdout.contains("\"li\"") == false)
        let added = try cli.run(["user", "add", "li", "--role", "prosecutor", "--password-stdin"],
                                input: "first password 1\n")
        #expect(added.status == 0 && added.stdout.hasPrefix("wc_"))
        let noFlag = try cli.run(["user", "password", "li"])
        #expect(noFlag.status != 0 && noFlag.stderr.contains("--password-stdin"))
        let changed = try cli.run(["user", "password", "li", "--password-stdin"], input: "second password 2")
        #expect(changed.status == 0 && changed.stdout.contains("已为 li 设置密码"))
        let missing = try cli.run(["user", "password", "nobody", "--password-stdin"], input: "second password 2")
        #expect(missing.status != 0)
        let users = try #require(try JSONSerialization.jsonObject(with: Data(cli.run(["user", "list", "--json"]).stdout.utf8))
            as? [[String: Any]])
        #expect(users.first { $0["name"] as? String == "li" }?["has_password"] as? Bool == true)
        let audit = try cli.run(["audit", "--table", "api_user", "--json"]).stdout
        #expect(audit.contains("has_password") && !audit.contains("$2b$") && !audit.contains("second password"))

        // The same service answers the pages and the API on one port.
        let server = try await ServerProcess(cli: cli, extraArguments: ["--insecure-cookies"])
        defer { server.stop() }
        let login = try await server.request("/login", includeHeaders: true)
        #expect(login.status == 200 && login.body.contains("text/html") && login.body.contains("登录"))
        #expect(login.body.contains("Content-Security-Policy: default-src 'self'"))
        #expect(try await server.request("/healthz").status == 200)
    }
}
