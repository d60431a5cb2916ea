import Foundation
import Testing

/// The command line on a PostgreSQL database (`--db postgres://…` or WAGECASE_DB): `init` makes the schema, `copy`
/// moves a district's file into it and back with every table proved, `stats` (its figures, `--verify`, `--rebuild`),
/// `digest`, `alerts` and `audit` read it as they read the file, and the commands that do not run on PostgreSQL yet
/// say so instead of treating the URL as a file name. Needs WAGECASE_TEST_POSTGRES (CI sets it).
@Suite("PostgreSQL from the command line", .serialized)
struct PostgresCLITests {
    static let server = ProcessInfo.processInfo.environment["WAGECASE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    static var available: Bool {
        if server == nil && ProcessInfo.processInfo.environment["WAGECASE_CI"] == "1" {
            Issue.record("WAGECASE_TEST_POSTGRES is not set in CI")
        }
        return server != nil
    }

    /// A new database on the test server (made and dropped with psql), its URL given to `body`.
    static func withDatabase(_ body: (String) throws -> Void) throws {
        guard let (url, drop) = try makeDatabase() else { return }
        defer { drop() }
        try body(url)
    }

    /// `withDatabase` for an async body.
    static func withDatabaseAsync(_ body: (String) async throws -> Void) async throws {
        guard let (url, drop) = try makeDatabase() else { return }
        defer { drop() }
        try await body(url)
    }

    /// Makes a database on the test server: its URL, and how to drop it.
    static func makeDatabase() throws -> (url: String, drop: () -> Void)? {
        guard let server else { return nil }
        let name = "wagecase_cli_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12))"
        let psql = URL(fileURLWithPath: "/usr/bin/psql")
        let made = try CLI.execute(psql, [server, "-q", "-c", "CREATE DATABASE \(name)"])
        try #require(made.status == 0, "\(made.stderr)")
        let drop = { _ = try? CLI.execute(psql, [server, "-q", "-c", "DROP DATABASE \(name) WITH (FORCE)"]) }
        let base = server.split(separator: "?", maxSplits: 1)[0]
        guard let slash = base.range(of: "/", options: .backwards) else { drop(); return nil }
        return (String(base[..<slash.lowerBound]) + "/" + name, drop)
    }

    @Test("init, copy there and back, and a clear refusal from the commands that need an SQLite file")
    func initCopyAndRefuse() throws {
        guard Self.available else { return }
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        try Self.withDatabase { url in
            let initialised = try cli.run(["init", "--db", url], addDatabase: false)
            #expect(initialised.status == 0, "\(initialised.stderr)")
            #expect(initialised.stdout.contains("数据库已就绪"))
            #expect(!initialised.stdout.contains("wagecase-test"), "the password is never printed")
            #expect(try cli.run(["init", "--db", url], addDatabase: false).status == 0, "init runs again safely")

            let there = try cli.run(["copy", "--to", url])
            #expect(there.status == 0, "\(there.stderr)")
            #expect(there.stdout.contains("各表均已核对"))
            #expect(there.stdout.contains("审计日志"))
            #expect(!there.stdout.contains("audit_log"), "tables are named in Chinese")

            let again = try cli.run(["copy", "--to", url])
            #expect(again.status != 0)
            #expect(again.stderr.contains("目标数据库已有记录"))
            #expect(again.stderr.contains("农民工") && !again.stderr.contains("worker"), "tables named for people")

            let back = cli.directory.appendingPathComponent("back.sqlite").path
            let home = try cli.run(["copy", "--db", url, "--to", back, "--json"], addDatabase: false)
            #expect(home.status == 0, "\(home.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(home.stdout.utf8)) as? [String: Any]
            #expect((report?["tables"] as? [[String: Any]])?.count ?? 0 > 40)
            #expect(try cli.run(["stats", "--db", back], addDatabase: false).stdout
                    == cli.run(["stats"]).stdout)
            #expect(try cli.run(["audit", "verify", "--db", back], addDatabase: false).status == 0)

            // stats reads the city's database and says what the district's file says, in every form.
            for arguments in [[], ["--json"], ["--from", "2025-01-01", "--to", "2025-12-31", "--json"], ["--lang", "en"]] {
                let city = try cli.run(["stats", "--db", url] + arguments, addDatabase: false)
                #expect(city.status == 0, "\(city.stderr)")
                #expect(city.stdout == (try cli.run(["stats"] + arguments)).stdout, "stats \(arguments)")
            }
            // So does the digest, in every format and both languages, for past weeks, a month and today.
            for arguments in [["--on", "2026-11-02"], ["--on", "2026-11-16", "--format", "json"],
                              ["--month", "2026-10", "--on", "2026-11-10", "--format", "html"],
                              ["--on", "2026-11-02", "--lang", "en", "--format", "markdown"],
                              ["--format", "csv", "--limit", "3"], ["--week"]] {
                let city = try cli.run(["digest", "--db", url] + arguments, addDatabase: false)
                #expect(city.status == 0, "\(city.stderr)")
                #expect(city.stdout == (try cli.run(["digest"] + arguments)).stdout, "digest \(arguments)")
            }
            // And `alerts`: the same list, the same exit status (3: there are alerts), filtered or not.
            for arguments in [[], ["--json"], ["--lang", "en"], ["--on", "2026-10-15", "--json"], ["--code", "ARREARS_DEPOSIT_UNUSED"],
                              ["--region", "62"], ["--format", "csv"]] {
                let city = try cli.run(["alerts", "--db", url] + arguments, addDatabase: false)
                let district = try cli.run(["alerts"] + arguments)
                #expect(city.status == district.status && city.stderr == district.stderr, "\(city.stderr)")
                #expect(city.stdout == district.stdout, "alerts \(arguments)")
            }
            let chain = try cli.run(["audit", "verify", "--db", url], addDatabase: false)
            #expect(chain.status == 0, "\(chain.stderr)")
            #expect(chain.stdout == (try cli.run(["audit", "verify"])).stdout, "the same chain, the same head")
            // The log itself, filtered as on the file: by time (a day, a moment) and table, in text and JSON.
            for arguments in [["--limit", "1000"], ["--since", "2026-01-01", "--json"], ["--table", "wage_case", "--limit", "20"],
                              ["--since", "2026-11-18T10:00:00", "--table", "recovery", "--json"], ["--since", "2099-01-01"]] {
                let city = try cli.run(["audit", "list", "--db", url] + arguments, addDatabase: false)
                #expect(city.status == 0, "\(city.stderr)")
                #expect(city.stdout == (try cli.run(["audit", "list"] + arguments)).stdout, "audit list \(arguments)")
            }
            // An entry changed in the city's database: named, exit 4.
            let psql = URL(fileURLWithPath: "/usr/bin/psql")
            let changed = try CLI.execute(psql, [url, "-q", "-c", "UPDATE audit_log SET reason = 'edited' WHERE id = 12"])
            #expect(changed.status == 0, "\(changed.stderr)")
            let broken = try cli.run(["audit", "verify", "--db", url], addDatabase: false)
            #expect(broken.status == 4 && broken.stdout.contains("#12"), "\(broken.stdout)")
            // The kept figures counted again: what the file says of its own; a figure changed by hand named (exit 4)
            // and counted again by --rebuild, which keeps as many rows as the file's.
            for arguments in [["--verify"], ["--verify", "--json"], ["--verify", "--lang", "en"]] {
                let city = try cli.run(["stats", "--db", url] + arguments, addDatabase: false)
                #expect(city.status == 0, "\(city.stderr)")
                #expect(city.stdout == (try cli.run(["stats"] + arguments)).stdout, "stats \(arguments)")
            }
            let figure = try CLI.execute(psql, [url, "-q", "-c", "UPDATE case_stage_count SET cases = cases + 1"])
            #expect(figure.status == 0, "\(figure.stderr)")
            let differs = try cli.run(["stats", "--db", url, "--verify"], addDatabase: false)
            #expect(differs.status == 4 && differs.stdout.contains("case_stage_count"), "\(differs.stdout)")
            let rebuilt = try cli.run(["stats", "--db", url, "--rebuild"], addDatabase: false)
            #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
            #expect(rebuilt.stdout == (try cli.run(["stats", "--rebuild"])).stdout)
            #expect(try cli.run(["stats", "--db", url, "--verify"], addDatabase: false).status == 0)

            // Through WAGECASE_DB as well as --db: a command that does not run on PostgreSQL yet says so.
            for command in [["case", "list"], ["calendar", "years"], ["clue", "list"], ["worker", "list"]] {
                let refused = try CLI.execute(CLI.binary, command, environment: ["WAGECASE_DB": url])
                #expect(refused.status == 2, "\(command)")
                #expect(refused.stderr.contains("暂不支持 PostgreSQL"), "\(command)")
            }
        }
    }

    @Test("a schema older than the program is refused by a reading command, saying once that init upgrades it")
    func olderSchema() throws {
        guard Self.available else { return }
        let cli = try CLI()
        defer { cli.cleanUp() }
        try Self.withDatabase { url in
            #expect(try cli.run(["init", "--db", url], addDatabase: false).status == 0)
            let psql = URL(fileURLWithPath: "/usr/bin/psql")
            let forgotten = try CLI.execute(psql, [url, "-q", "-c", """
                DELETE FROM schema_migration WHERE name = (SELECT name FROM schema_migration
                                                           ORDER BY substr(name, 2)::integer DESC LIMIT 1)
                """])
            try #require(forgotten.status == 0, "\(forgotten.stderr)")
            let zh = try cli.run(["digest", "--db", url], addDatabase: false)
            #expect(zh.status != 0)
            #expect(zh.stderr.components(separatedBy: "wagecase init").count == 2
                    && zh.stderr.contains("需要升级，运行一次 wagecase init 即可"), "\(zh.stderr)")
            let en = try cli.run(["stats", "--db", url, "--lang", "en"], addDatabase: false)
            #expect(en.status != 0)
            #expect(en.stderr.components(separatedBy: "wagecase init").count == 2
                    && en.stderr.contains("`wagecase init` does once"), "\(en.stderr)")
        }
    }

    @Test("the service's users are added, listed, given a password and revoked on PostgreSQL, each audited")
    func users() throws {
        guard Self.available else { return }
        let cli = try CLI()
        defer { cli.cleanUp() }
        try Self.withDatabase { url in
            #expect(try cli.run(["init", "--db", url], addDatabase: false).status == 0)
            func run(_ arguments: [String], input: String? = nil) throws -> CLI.Result {
                try cli.run(arguments + ["--db", url, "--actor", "管理员"], addDatabase: false, input: input)
            }
            let added = try run(["user", "add", "王检察官", "--role", "prosecutor"])
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stderr.contains("令牌只显示这一次"))
            let token = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.hasPrefix("wc_") && token.count > 40)
            let twice = try run(["user", "add", "王检察官", "--role", "viewer"])
            #expect(twice.status == 2 && twice.stderr.contains("已存在"), "\(twice.stderr)")
            let password = try run(["user", "password", "王检察官", "--password-stdin"], input: "正确的十个字以上的口令")
            #expect(password.status == 0 && password.stdout.contains("已为 王检察官 设置密码"), "\(password.stderr)")
            let listed = try run(["user", "list"])
            #expect(listed.stdout.contains("王检察官") && listed.stdout.contains("检察官") && !listed.stdout.contains(token))
            #expect(try run(["user", "revoke", "王检察官"]).stdout.contains("已停用 王检察官"))
            let json = try run(["user", "list", "--json"])
            let users = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(users?.count == 1 && users?.first?["revoked_at"] is String && users?.first?["has_password"] as? Bool == true)
            let log = try run(["audit", "list", "--json"])
            let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]]
            #expect(entries?.map { $0["actor"] as? String } == ["管理员", "管理员", "管理员"])
            #expect(entries?.map { $0["action"] as? String } == ["insert", "update", "update"])
            #expect(!log.stdout.contains("$2"), "no password hash in the log")
            #expect(try run(["audit", "verify"]).status == 0)
            // The one user command that needs the record store there still says so.
            let unit = try run(["user", "unit", "王检察官", "--none"])
            #expect(unit.status == 2 && unit.stderr.contains("暂不支持 PostgreSQL"), "\(unit.stderr)")
        }
    }

    @Test("two serve processes on one PostgreSQL database list cases as the file's server does, sign people in and show the overview; what is not there yet answers 501")
    func serveOnPostgres() async throws {
        guard Self.available else { return }
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        // Cases handled and assisted on, for the handler filter (and the overview's own deadlines).
        try cli.run(["user", "add", "王检察官", "--role", "prosecutor"])
        try cli.run(["user", "add", "赵检察官", "--role", "prosecutor"])
        #expect(try cli.run(["case", "assign", "2", "--to", "王检察官"]).status == 0)
        #expect(try cli.run(["case", "assign", "5", "--to", "赵检察官", "--assistant", "王检察官"]).status == 0)
        // A project with the facts its deposit turns on, for the projects compared below.
        let facts = try cli.run(["project", "update", "2", "--contract-signed", "2026-03-01", "--prior-year-arrears", "no",
                                 "--real-name", "yes", "--wage-account", "yes", "--standing", "no-arrears-2y",
                                 "--standing-since", "2024-01-01", "--reason", "核实合同与工资专户"])
        #expect(facts.status == 0, "\(facts.stderr)")
        try await Self.withDatabaseAsync { url in
            #expect(try cli.run(["copy", "--to", url]).status == 0)
            func token(_ arguments: [String]) throws -> String {
                let added = try cli.run(["user", "add", "api", "--role", "prosecutor"] + arguments, addDatabase: false)
                #expect(added.status == 0, "\(added.stderr)")
                return added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let fileToken = try token(["--db", cli.databasePath])
            let cityToken = try token(["--db", url])
            let file = try await ServerProcess(cli: cli)
            let city = try await ServerProcess(cli: cli, database: url)
            let other = try await ServerProcess(cli: cli, database: url)
            defer { file.stop(); city.stop(); other.stop() }

            // The case list, filter by filter and page by page, is the file's, byte for byte, from either process.
            let employer = try #require(try JSONSerialization.jsonObject(
                with: Data(cli.run(["employer", "list", "--json"]).stdout.utf8)) as? [[String: Any]]).first?["id"] as? Int
            for query in ["limit=50", "limit=2", "limit=3&cursor=" , "stage=closed", "open=true", "clue=1",
                          "employer=\(employer ?? 1)", "series=长征街商住楼班组欠薪系列案", "handler=nobody", "stage=nonsense",
                          "handler=王检察官", "handler=赵检察官&open=true", "employer=\(employer ?? 1)&stage=closed&limit=1",
                          "limit=0"] {
                var path = "/api/v1/cases?" + (query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query)
                if query.hasSuffix("cursor=") {
                    // The second page, from the first page's cursor.
                    let first = try await file.request("/api/v1/cases?limit=3", token: fileToken)
                    let page = try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any]
                    path += (page?["next_cursor"] as? String ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                }
                let expected = try await file.request(path, token: fileToken)
                #expect(expected.status != 400 || query == "limit=0", "\(query): \(expected.body)")
                for server in [city, other] {
                    let got = try await server.request(path, token: cityToken)
                    #expect(got.status == expected.status && got.body == expected.body, "\(query)")
                }
            }
            let handled = try await city.request("/api/v1/cases?handler=%E7%8E%8B%E6%A3%80%E5%AF%9F%E5%AE%98",
                                                 token: cityToken)
            let items = (try JSONSerialization.jsonObject(with: Data(handled.body.utf8)) as? [String: Any])?["items"]
            #expect((items as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [2, 5], "handled and assisted on")
            #expect(try await city.request("/api/v1/cases", token: fileToken).status == 401, "a token is its database's")
            #expect(try await city.request("/healthz").status == 200)

            // The workers, employers and projects (with their deposit duty), listed, filtered, paged and one by one,
            // are the file's, byte for byte (ID numbers, phones and cards masked as the role has them).
            let firstProjects = try await file.request("/api/v1/projects?limit=1", token: fileToken)
            let projectCursor = (try JSONSerialization.jsonObject(with: Data(firstProjects.body.utf8)) as? [String: Any])?["next_cursor"]
            #expect(projectCursor is String, "the sample has more than one project: \(firstProjects.body)")
            let secondProjects = "/api/v1/projects?limit=1&cursor="
                + ((projectCursor as? String)?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            for path in ["/api/v1/projects", "/api/v1/projects?limit=1", secondProjects, "/api/v1/projects?region=6204",
                         "/api/v1/projects?region=620403", "/api/v1/projects?region=11", "/api/v1/projects?region=abc",
                         "/api/v1/projects?employer=\(employer ?? 1)", "/api/v1/projects?employer=999999",
                         "/api/v1/projects/1", "/api/v1/projects/2", "/api/v1/projects/999999"] {
                let expected = try await file.request(path, token: fileToken)
                let got = try await city.request(path, token: cityToken)
                #expect(got.status == expected.status && got.body == expected.body, "\(path): \(got.status) \(got.body.prefix(300))")
            }
            let firstWorkers = try await file.request("/api/v1/workers?limit=2", token: fileToken)
            let workerCursor = (try JSONSerialization.jsonObject(with: Data(firstWorkers.body.utf8)) as? [String: Any])?["next_cursor"]
            let secondWorkers = "/api/v1/workers?limit=2&cursor="
                + ((workerCursor as? String)?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            #expect(workerCursor is String, "the sample has more than two workers: \(firstWorkers.body)")
            for path in ["/api/v1/workers", "/api/v1/workers?limit=2", secondWorkers,
                         "/api/v1/workers?name=%E5%BC%A0", "/api/v1/workers?name=%E6%97%A0%E6%AD%A4%E4%BA%BA",
                         "/api/v1/workers?limit=0", "/api/v1/workers/1", "/api/v1/workers/3", "/api/v1/workers/999999",
                         "/api/v1/employers", "/api/v1/employers?limit=1", "/api/v1/employers?name=%E5%BB%BA%E7%AD%91",
                         "/api/v1/workers?name=%00", "/api/v1/workers?name=%E5%BC%A0%00x", "/api/v1/employers?name=%00"
                         ] {
                let expected = try await file.request(path, token: fileToken)
                let got = try await city.request(path, token: cityToken)
                #expect(got.status == expected.status && got.body == expected.body, "\(path): \(got.status) \(got.body.prefix(300))")
            }

            // A use-case not carried there yet is refused plainly, in the reader's language, and writes nothing.
            let before = try cli.run(["audit", "list", "--db", url, "--json", "--limit", "100000"], addDatabase: false).stdout
            let refused = try await city.request("/api/v1/employers", token: cityToken, method: "POST",
                                                 body: #"{"name":"某公司","credit_code":"91440101MA5CJQ4N59"}"#)
            #expect(refused.status == 501 && refused.body.contains("该功能暂不支持 PostgreSQL 数据库"), "\(refused.body)")
            let english = try await city.request("/api/v1/guarantees", token: cityToken, headers: ["Accept-Language: en"])
            #expect(english.status == 501 && english.body.contains("not available on a PostgreSQL database yet"))
            #expect(try cli.run(["audit", "list", "--db", url, "--json", "--limit", "100000"], addDatabase: false).stdout
                    == before)

            // Clue intake through either process: one clue; the same claim through the other is the duplicate answer.
            let workers = try #require(try JSONSerialization.jsonObject(
                with: Data(cli.run(["worker", "list", "--json", "--reveal", "--reason", "测试取得身份证号"]).stdout.utf8))
                as? [[String: Any]])
            let idNumber = try #require(workers.last?["id_number"] as? String)
            let clueBody = #"{"source":"hotline-12345","received":"2026-11-20","employer":\#(employer ?? 1),"workers":[{"id_number":"\#(idNumber)","claimed_fen":1234500}],"summary":"城区项目拖欠工资"}"#
            let made = try await city.request("/api/v1/clues", token: cityToken, method: "POST", body: clueBody)
            #expect(made.status == 201, "\(made.body)")
            let clueID = try #require((try JSONSerialization.jsonObject(with: Data(made.body.utf8)) as? [String: Any])?["id"] as? Int)
            let again = try await other.request("/api/v1/clues", token: cityToken, method: "POST", body: clueBody)
            #expect(again.status == 409 && again.body.contains("#\(clueID)"), "\(again.body)")
            let shown = try await other.request("/api/v1/clues/\(clueID)", token: cityToken)
            #expect(shown.status == 200 && shown.body.contains("城区项目拖欠工资") && !shown.body.contains(idNumber))
            let revealed = try await other.request("/api/v1/clues/\(clueID)?reveal=true&reason=%E6%A0%B8%E5%AF%B9", token: cityToken)
            #expect(revealed.status == 200 && revealed.body.contains(idNumber), "\(revealed.body)")
            let entries = try cli.run(["audit", "list", "--db", url, "--json", "--limit", "100000"], addDatabase: false).stdout
            #expect(entries.contains("\"action\" : \"reveal\""), "the reveal is audited")
            // And from the command line.
            let byHand = try cli.run(["clue", "add", "--db", url, "--source", "walk-in", "--received", "2026-11-21",
                                      "--employer", "\(employer ?? 1)", "--worker", "\(idNumber)=500", "--merge", "--amount-stands", "new", "--json"],
                                     addDatabase: false)
            #expect(byHand.status == 0 && byHand.stdout.contains("\"id\" : \(clueID)"), "\(byHand.stderr)")
            #expect(try cli.run(["audit", "verify", "--db", url], addDatabase: false).status == 0)

            // A person signs in to the pages on one process and is still signed in on the other (the session is
            // the database's), and sees the overview.
            let added = try cli.run(["user", "add", "李检察官", "--role", "prosecutor", "--password-stdin", "--db", url],
                                    addDatabase: false, input: "十个字以上的网页口令")
            #expect(added.status == 0, "\(added.stderr)")
            let jar = cli.directory.appendingPathComponent("cookies.txt").path
            let form = try await CLI.executeAsync(URL(fileURLWithPath: "/usr/bin/curl"),
                                                  ["-s", "-c", jar, "http://127.0.0.1:\(city.port)/login"]).stdout
            let csrf = try #require(form.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            let signedIn = try await CLI.executeAsync(URL(fileURLWithPath: "/usr/bin/curl"), [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-b", jar, "-c", jar,
                "--data-urlencode", "_csrf=\(csrf)", "--data-urlencode", "name=李检察官",
                "--data-urlencode", "password=十个字以上的网页口令", "http://127.0.0.1:\(city.port)/login"]).stdout
            #expect(signedIn == "303", "\(signedIn)")
            let overview = try await CLI.executeAsync(URL(fileURLWithPath: "/usr/bin/curl"), [
                "-s", "-w", "\n%{http_code}", "-b", jar, "http://127.0.0.1:\(other.port)/"]).stdout
            #expect(overview.hasSuffix("\n200") && overview.contains("李检察官"), "\(overview.suffix(300))")
            #expect(overview.contains("追回"), "the overview's figures")
        }
    }

    @Test("a wrong password or a missing database is said plainly, without the password")
    func connectionRefusals() throws {
        guard let server = Self.server, Self.available else { return }
        let cli = try CLI()
        defer { cli.cleanUp() }
        guard var components = URLComponents(string: server) else { return }
        components.password = "not-the-password"
        let wrong = try cli.run(["init", "--db", components.string ?? ""], addDatabase: false)
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("用户名或密码不正确"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("not-the-password"))
        let base = server.split(separator: "?", maxSplits: 1)[0]
        guard let slash = base.range(of: "/", options: .backwards) else { return }
        let missing = try cli.run(["init", "--db", String(base[..<slash.lowerBound]) + "/no_such_database"],
                                  addDatabase: false)
        #expect(missing.stderr.contains("数据库不存在"), "\(missing.stderr)")
    }
}
