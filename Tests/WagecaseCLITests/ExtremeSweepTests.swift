import Foundation
import Testing
import WagecaseCore

/// Every number and date the API and the CLI take from outside, swept through its extremes (Int64 min and max, 0,
/// −1, the years 1 and 9999): each is answered (a 4xx, or a result where the value is legitimate), never a crash,
/// and the service is still up at the end — its monitor, statistics and metrics included. A value out of range is
/// refused for being out of range: the refusal names the parameter, field or option swept (a refusal for anything
/// else — a misspelt field, a role, a missing argument — would leave the value untested).
@Suite("Extremes through every entry point", .serialized)
struct ExtremeSweepTests {
    static let numbers = ["-9223372036854775808", "9223372036854775807", "0", "-1"]
    static let dates = ["0001-01-01", "9999-12-31"]
    /// Values no parameter accepts. (Int64's maximum can be an id that is simply not there: a list that filters
    /// on it is empty, a lookup is 404.)
    static let outOfRange: Set<String> = ["-9223372036854775808", "0001-01-01", "9999-12-31", "1800-01", "9999-12"]

    /// Query and path parameters that take a number or a date: (path template with {v}, method).
    static let queryTargets: [(String, String)] = [
        ("/api/v1/workers?limit={v}", "GET"), ("/api/v1/workers/{v}", "GET"), ("/api/v1/employers/{v}", "GET"),
        ("/api/v1/employers?limit={v}", "GET"), ("/api/v1/projects?limit={v}", "GET"),
        ("/api/v1/projects?employer={v}", "GET"), ("/api/v1/projects?region={v}", "GET"),
        ("/api/v1/projects/{v}", "GET"), ("/api/v1/guarantees?limit={v}", "GET"),
        ("/api/v1/guarantees?project={v}", "GET"), ("/api/v1/guarantees?on={v}", "GET"),
        ("/api/v1/guarantees/{v}", "GET"), ("/api/v1/guarantees/1?on={v}", "GET"),
        ("/api/v1/clues?limit={v}", "GET"), ("/api/v1/clues?employer={v}", "GET"), ("/api/v1/clues?from={v}", "GET"),
        ("/api/v1/clues?to={v}", "GET"), ("/api/v1/clues/{v}", "GET"), ("/api/v1/cases?limit={v}", "GET"),
        ("/api/v1/cases?clue={v}", "GET"), ("/api/v1/cases?employer={v}", "GET"), ("/api/v1/cases/{v}", "GET"),
        ("/api/v1/suggestions?limit={v}", "GET"), ("/api/v1/suggestions/{v}", "GET"), ("/api/v1/alerts?on={v}", "GET"),
        ("/api/v1/alerts?region={v}", "GET"), ("/api/v1/stats?from={v}", "GET"), ("/api/v1/stats?to={v}", "GET"),
        ("/api/v1/audit?since={v}", "GET"), ("/api/v1/audit?limit={v}", "GET"),
        ("/api/v1/hits?model={v}", "GET"), ("/api/v1/hits?limit={v}", "GET"), ("/api/v1/hits/{v}", "GET"),
        ("/api/v1/calendar/add?date=2025-01-01&days={v}", "GET"), ("/api/v1/calendar/add?date={v}&days=5", "GET"),
        ("/api/v1/clues/{v}/screen", "POST"), ("/api/v1/cases/{v}/advance", "POST"),
        ("/api/v1/guarantees/{v}/events", "POST"), ("/api/v1/suggestions/{v}/reply", "POST"),
        ("/api/v1/projects/{v}", "PATCH"),
        ("/api/v1/documents?clue={v}", "GET"), ("/api/v1/documents?limit={v}", "GET"), ("/api/v1/documents/{v}", "GET"),
        ("/api/v1/documents/{v}/file", "GET"), ("/api/v1/attachments/{v}/file", "GET"),
        ("/api/v1/cases/{v}/attachments", "GET"),
        ("/api/v1/referrals?limit={v}", "GET"), ("/api/v1/referrals?on={v}", "GET"), ("/api/v1/referrals/{v}", "GET"),
        ("/api/v1/referrals/{v}/reply", "POST"), ("/api/v1/tasks?meeting={v}", "GET"), ("/api/v1/tasks?on={v}", "GET"),
        ("/api/v1/tasks/{v}", "GET"), ("/api/v1/tasks/{v}/close", "POST"), ("/api/v1/monthly-reports?month={v}", "GET"),
        ("/api/v1/monthly-reports?on={v}", "GET"),
    ]

    /// Request bodies, each with one numeric or date field replaced by the extreme at {n} (a JSON number) or
    /// {d} (a date string).
    static let bodyTargets: [(String, String, String)] = [
        ("/api/v1/clues", "POST", #"{"source":"petition","received":"{d}","employer":1,"workers":[{"id_number":"620403198203136761","claimed_fen":1}]}"#),
        ("/api/v1/clues", "POST", #"{"source":"petition","received":"2025-01-02","employer":{n},"workers":[{"id_number":"620403198203136761","claimed_fen":1}]}"#),
        ("/api/v1/clues", "POST", #"{"source":"petition","received":"2025-01-02","employer":1,"workers":[{"id_number":"620403198203136761","claimed_fen":{n}}],"on_duplicate":"keep-both"}"#),
        ("/api/v1/cases", "POST", #"{"clue":{n}}"#),
        ("/api/v1/referrals", "POST", #"{"from_unit":"1","to_unit":"2","received":"{d}","subject":"极值"}"#),
        ("/api/v1/referrals", "POST", #"{"from_unit":"1","to_unit":"2","received":"2025-01-02","subject":"极值","reply_within":{n}}"#),
        ("/api/v1/cases", "POST", #"{"clue":1,"opened":"{d}"}"#),
        ("/api/v1/cases/7/advance", "POST", #"{"to":"investigating","on":"{d}"}"#),
        ("/api/v1/cases/1/recoveries", "POST", #"{"amount_fen":{n},"on":"2025-01-02","route":"employer-paid","force":true}"#),
        ("/api/v1/cases/1/recoveries", "POST", #"{"amount_fen":1,"on":"{d}","route":"employer-paid"}"#),
        ("/api/v1/projects", "POST", #"{"name":"极值{n}","employer":1,"contract_price_fen":{n}}"#),
        ("/api/v1/projects", "POST", #"{"name":"极值日期{d}","employer":1,"start":"{d}"}"#),
        ("/api/v1/projects", "POST", #"{"name":"极值计划{d}","employer":1,"planned_completion":"{d}"}"#),
        ("/api/v1/projects/3", "PATCH", #"{"contract_price_fen":{n}}"#),
        ("/api/v1/projects/3", "PATCH", #"{"actual_completion":"{d}"}"#),
        ("/api/v1/guarantees", "POST", #"{"project":1,"kind":"cash-deposit","amount_fen":{n},"effective":"2025-01-02"}"#),
        ("/api/v1/guarantees", "POST", #"{"project":1,"kind":"bank-letter","amount_fen":100,"effective":"{d}","ends":"2026-01-02"}"#),
        ("/api/v1/guarantees", "POST", #"{"project":1,"kind":"bank-letter","amount_fen":100,"effective":"2025-01-02","ends":"{d}"}"#),
        ("/api/v1/guarantees/1/events", "POST", #"{"kind":"drawn","on":"2025-06-02","amount_fen":{n},"notice_number":"N-1"}"#),
        ("/api/v1/guarantees/1/events", "POST", #"{"kind":"replenished","on":"2025-06-02","amount_fen":{n}}"#),
        ("/api/v1/guarantees/1/events", "POST", #"{"kind":"renewed","on":"2025-06-02","new_ends":"{d}"}"#),
        ("/api/v1/guarantees/1/events", "POST", #"{"kind":"drawn","on":"{d}","amount_fen":1,"notice_number":"N-1"}"#),
        ("/api/v1/suggestions", "POST", #"{"number":"极值{n}","issued":"2025-01-02","agency":"某局","reply_months":{n}}"#),
        ("/api/v1/suggestions", "POST", #"{"number":"极值日{d}","issued":"{d}","agency":"某局"}"#),
        ("/api/v1/suggestions", "POST", #"{"number":"极值保{n}","issued":"2025-01-02","agency":"某局","guarantees":[{n}]}"#),
        ("/api/v1/suggestions/1/reply", "POST", #"{"on":"2025-01-02","secured_fen":{n},"amend":true,"reason":"r"}"#),
        ("/api/v1/suggestions/1/reply", "POST", #"{"on":"2025-01-02","letters_renewed":{n},"amend":true,"reason":"r"}"#),
        ("/api/v1/suggestions/1/reply", "POST", #"{"on":"{d}","amend":true,"reason":"r"}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"2030-01-01","name":"x","ratio_bp":{n}}]}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"2030-01-01","name":"x","ratio_bp":200,"cap_fen":{n}}]}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"2030-01-01","name":"x","ratio_bp":200,"floor_fen":{n}}]}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"2030-01-01","name":"x","ratio_bp":200,"exempt_below_fen":{n}}]}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"2030-01-01","name":"x","ratio_bp":200,"reminder_months":{n}}]}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"2030-01-01","name":"x","ratio_bp":200,"replenish_working_days":{n}}]}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"2030-01-01","name":"x","ratio_bp":200,"arrears_increase_pct":{n}}]}"#),
        ("/api/v1/rules", "POST", #"{"rules":[{"region":"","effective_from":"{d}","name":"x","ratio_bp":200}]}"#),
        ("/api/v1/calendar", "POST", #"{"year":{n},"papers":[],"days":[{"name":"x","date":"2025-01-01","isOffDay":true}]}"#),
        ("/api/v1/calendar", "POST", #"{"year":2030,"papers":[],"days":[{"name":"x","date":"{d}","isOffDay":true}]}"#),
        ("/api/v1/settings/suggestion_reply_months", "PUT", #"{"value":"{n}"}"#),
    ]

    /// The problem+json `field` and `detail` of a response body.
    static func problem(_ body: String) -> (field: String, detail: String) {
        let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        return (object["field"] as? String ?? "", object["detail"] as? String ?? "")
    }

    /// The key a body template sweeps: the one whose value is {n} or {d}.
    static func sweptKey(_ template: String) -> String? {
        let pattern = try! Regex(#""([a-z_]+)":\[?"?\{[nd]\}"#)
        guard let match = template.firstMatch(of: pattern), let key = match.output[1].substring else { return nil }
        return String(key)
    }

    /// A refusal of an out-of-range query or path value: a query parameter is named as the problem's field (a
    /// project, which may be named by its name, can instead be not found); a path segment that is no number is
    /// 400, a record it cannot name 404, and a 422 names its field.
    static func refusesQueryValue(_ template: String, _ response: (status: Int, body: String)) -> Bool {
        let field = problem(response.body).field
        if let equals = template.range(of: "={v}") {
            let name = String(template[..<equals.lowerBound].split(whereSeparator: { "?&".contains($0) }).last ?? "")
            return [400, 422].contains(response.status) && field == name || response.status == 404 && name == "project"
        }
        return [400, 404].contains(response.status) || response.status == 422 && !field.isEmpty
    }

    /// A refusal of an out-of-range body value: 422 naming the key swept as its field (`workers[0].claimed_fen`
    /// for claimed_fen, `guarantee` for guarantees), or for a rule or holiday file, the path to it in the detail.
    /// A setting's value is named by the setting's key.
    static func refusesBodyValue(_ key: String, path: String, _ response: (status: Int, body: String)) -> Bool {
        let (field, detail) = problem(response.body)
        let named = field == key || field.hasSuffix(".\(key)") || key == field + "s" || detail.contains("].\(key)")
            || path.hasPrefix("/api/v1/settings/") && field == path.split(separator: "/").last.map(String.init)
        return response.status == 422 && named
    }

    @Test func theServiceAnswersEveryExtremeAndStaysUp() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        var tokens: [String: String] = [:]
        for role in ["prosecutor", "labor", "admin"] {
            let added = try cli.run(["user", "add", "sweep-\(role)", "--role", role])
            #expect(added.status == 0, "\(added.stderr)")
            tokens[role] = try #require(added.stdout.split(separator: "\n").last).description
        }
        let server = try await ServerProcess(cli: cli)
        defer { server.stop() }
        func token(_ path: String, _ method: String) -> String? {
            if path.hasPrefix("/api/v1/rules") || path.hasPrefix("/api/v1/calendar") && method != "GET"
                || path.hasPrefix("/api/v1/settings") || path.hasPrefix("/api/v1/audit") { return tokens["admin"] }
            if path.hasPrefix("/api/v1/projects") && method != "GET" || path.hasPrefix("/api/v1/guarantees") && method != "GET" {
                return tokens["labor"]
            }
            return tokens["prosecutor"]
        }
        var answered = 0
        for (template, method) in Self.queryTargets {
            for value in Self.numbers + Self.dates {
                let path = template.replacingOccurrences(of: "{v}", with: value)
                let response = try await server.request(path, token: token(path, method), method: method,
                                                        body: method == "GET" ? nil : "{}",
                                                        headers: method == "PATCH" ? ["If-Match: *"] : [])
                #expect(response.status < 500, "\(method) \(path): \(response.status) \(response.body)")
                if Self.outOfRange.contains(value) {
                    #expect(Self.refusesQueryValue(template, response), "\(method) \(path): \(response.status) \(response.body)")
                }
                answered += 1
            }
        }
        for (path, method, template) in Self.bodyTargets {
            let key = try #require(Self.sweptKey(template), "\(template)")
            let values = template.contains("{n}") ? Self.numbers : Self.dates
            for value in values {
                let body = template.replacingOccurrences(of: "{n}", with: value).replacingOccurrences(of: "{d}", with: value)
                let response = try await server.request(path, token: token(path, method), method: method, body: body,
                                                        headers: method == "PATCH" ? ["If-Match: *"] : [])
                #expect(response.status < 500, "\(method) \(path) \(body): \(response.status) \(response.body)")
                if Self.outOfRange.contains(value) {
                    #expect(Self.refusesBodyValue(key, path: path, response), "\(method) \(path) \(body): \(response.status) \(response.body)")
                }
                answered += 1
            }
        }
        #expect(answered > 300)
        #expect(server.isRunning)
        // Whatever was accepted on the way, the monitor, the figures and the metrics still answer.
        for path in ["/healthz", "/metrics", "/api/v1/alerts", "/api/v1/stats", "/api/v1/cases?limit=200"] {
            #expect(try await server.request(path, token: tokens["prosecutor"]).status == 200, "\(path)")
        }
    }

    /// Every query parameter the contract documents is in the sweep above or is plain text.
    @Test func theSweepCoversEveryDocumentedParameter() throws {
        let contract = try String(contentsOf: CLI.packageRoot.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var documented: Set<String> = []
        let lines = contract.split(separator: "\n").map(String.init)
        for (index, line) in lines.enumerated() where line.hasPrefix("      - name: ") && index + 1 < lines.count
            && lines[index + 1].contains("in: query") {
            documented.insert(String(line.dropFirst("      - name: ".count)).replacingOccurrences(of: "'", with: ""))
        }
        let swept = Set(Self.queryTargets.flatMap { target in
            target.0.split(whereSeparator: { "?&".contains($0) }).dropFirst().compactMap { $0.split(separator: "=").first.map(String.init) }
        })
        let text: Set<String> = ["cursor", "name", "reveal", "reason", "status", "source", "stage", "series", "open", "handler",
                                 "code", "table", "replace", "case", "suggestion", "kind", "file_name", "note",
                                 "unit", "direction", "state"]
        #expect(documented.count >= 20)  // the scan found the contract's parameters at all
        #expect(documented.subtracting(swept).subtracting(text).isEmpty, "\(documented.subtracting(swept).subtracting(text))")
    }

    /// CLI options and arguments that take a number, an amount or a date.
    static let commandLines: [[String]] = [
        ["worker", "list", "--limit={v}"], ["worker", "list", "--after={v}"], ["worker", "show", "{v}"],
        ["employer", "list", "--limit={v}"], ["employer", "show", "{v}"], ["project", "list", "--limit={v}"],
        ["project", "show", "{v}"], ["clue", "list", "--limit={v}"], ["clue", "list", "--from={v}"],
        ["clue", "list", "--to={v}"], ["clue", "show", "{v}"], ["clue", "screen", "{v}"],
        ["clue", "add", "--source", "petition", "--received={v}", "--employer", "1", "--worker", "620403198203136761=1"],
        ["clue", "add", "--source", "petition", "--received", "2025-01-02", "--employer", "1",
         "--worker", "620403198203136761={v}", "--keep-both"],
        ["case", "list", "--clue={v}"], ["case", "list", "--limit={v}"], ["case", "show", "{v}"],
        ["case", "open", "--clue={v}"], ["case", "open", "--clue", "1", "--on={v}"],
        ["case", "advance", "7", "--to", "investigating", "--on={v}"],
        ["case", "recover", "1", "--amount={v}", "--on", "2025-01-02", "--route", "employer-paid", "--force"],
        ["case", "recover", "1", "--amount", "1", "--on={v}", "--route", "employer-paid"],
        ["project", "add", "--name", "极值{v}", "--employer", "1", "--contract-price={v}"],
        ["project", "add", "--name", "极值日{v}", "--employer", "1", "--start={v}"],
        ["project", "update", "3", "--planned-completion={v}", "--reason", "极值"],
        ["guarantee", "add", "--project", "1", "--kind", "cash-deposit", "--amount={v}", "--effective", "2025-01-02"],
        ["guarantee", "add", "--project", "1", "--kind", "cash-deposit", "--amount", "1", "--effective={v}"],
        ["guarantee", "add", "--project", "1", "--kind", "bank-letter", "--amount", "1", "--effective", "2025-01-02",
         "--ends={v}"],
        ["guarantee", "event", "{v}", "--kind", "returned", "--on", "2025-06-02"],
        ["guarantee", "event", "1", "--kind", "drawn", "--amount={v}", "--on", "2025-06-02", "--notice", "N"],
        ["guarantee", "event", "1", "--kind", "renewed", "--on={v}", "--ends", "2030-01-01"],
        ["guarantee", "list", "--on={v}"], ["guarantee", "show", "1", "--on={v}"], ["guarantee", "show", "{v}"],
        ["suggestion", "add", "--number", "极值{v}", "--issued={v}", "--agency", "某局"],
        ["suggestion", "add", "--number", "极值月{v}", "--issued", "2025-01-02", "--agency", "某局", "--reply-months={v}"],
        ["suggestion", "add", "--number", "极值保{v}", "--issued", "2025-01-02", "--agency", "某局", "--guarantee={v}"],
        ["suggestion", "reply", "1", "--on={v}", "--amend", "--reason", "r"],
        ["suggestion", "reply", "1", "--on", "2025-01-02", "--secured={v}", "--amend", "--reason", "r"],
        ["suggestion", "reply", "1", "--on", "2025-01-02", "--letters-renewed={v}", "--amend", "--reason", "r"],
        ["suggestion", "list", "--limit={v}"], ["alerts", "--on={v}"], ["alerts", "--region={v}"],
        ["project", "list", "--region={v}"], ["stats", "--from={v}"], ["stats", "--to={v}"],
        ["audit", "--limit={v}"], ["audit", "--since={v}"], ["import", "history", "--limit={v}"],
        ["digest", "--on={v}"], ["digest", "--month={v}"], ["digest", "--limit={v}"], ["digest", "--attempts={v}"],
        ["digest", "--retry-delay={v}"], ["calendar", "add", "2025-01-01", "{v}"], ["calendar", "add", "{v}", "5"],
        ["setting", "set", "suggestion_reply_months", "{v}"], ["serve", "--port={v}"], ["serve", "--idle-timeout={v}"],
    ]

    @Test func theCommandLineAnswersEveryExtreme() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.run(["sample"])
        for arguments in Self.commandLines {
            for value in Self.numbers + Self.dates + ["1800-01", "9999-12"] {
                // Port 0 and an idle timeout of −1 are the only values that would start a server; both refused.
                var line = arguments.map { $0.replacingOccurrences(of: "{v}", with: value) }
                let positional = arguments.firstIndex(of: "{v}")
                let result: CLI.Result
                if let positional, value.hasPrefix("-") {
                    // A word starting with "-" is an option to the parser: the value goes after "--", as a user
                    // would have to give it.
                    line.remove(at: positional)
                    line += ["--db", cli.databasePath, "--", value]
                    result = try cli.run(line, addDatabase: false)
                } else {
                    result = try cli.run(line)
                }
                #expect(result.exited && (0...3).contains(result.status), "\(line): exit \(result.status) \(result.stderr)")
                if Self.outOfRange.contains(value) {
                    #expect(result.status == 2, "\(line): exit \(result.status) \(result.stderr)")
                    // Refused for this value: the message names the option (or, for an argument, the value or
                    // the kind of record), never a malformed command line. The message is Chinese (the default):
                    // an option is named as its field, in Chinese.
                    let option = arguments.first { $0.hasSuffix("={v}") }.map { String($0.dropFirst(2).dropLast(4)) }
                    let optionNames = option.map { option -> [String] in
                        let field = option.replacingOccurrences(of: "-", with: "_")
                        return [option, field, FieldName.label(field, .zh), FieldName.label(field, .zh, date: true)]
                    } ?? []
                    let names = result.stderr.contains(value) || optionNames.contains { result.stderr.contains($0) }
                        || positional != nil && arguments.prefix(positional!).contains { result.stderr.contains($0) }
                    let malformed = ["Missing expected argument", "Unknown option", "Unexpected argument"]
                        .contains { result.stderr.contains($0) }
                    #expect(names && !malformed, "\(line): \(result.stderr)")
                }
            }
        }
        #expect(try cli.run(["stats"]).status == 0)
        #expect(try [0, 3].contains(cli.run(["alerts"]).status))
    }
}
