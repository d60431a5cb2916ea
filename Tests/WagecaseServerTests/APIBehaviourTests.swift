import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WagecaseCore

@Suite("API behaviour")
struct APIBehaviourTests {
    @Test func identifiersAreMaskedUnlessARoleThatMayRevealAsks() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let masked = try await client.execute(uri: "/api/v1/workers/1", method: .get, headers: service.headers(.viewer))
            #expect(try object(masked)["id_number"] as? String == "620403********6761")
            let refused = try await client.execute(uri: "/api/v1/workers/1?reveal=true", method: .get,
                                                   headers: service.headers(.viewer))
            #expect(refused.status == .forbidden)
            // A refusal says in words what the role may not do, not an internal permission name.
            #expect(try object(refused)["detail"] as? String == "只读角色无权查看完整的身份证号、银行卡号或电话号码")
            let revealed = try await client.execute(uri: "/api/v1/workers/1?reveal=true&reason=%E5%88%B6%E4%BD%9C%E6%96%87%E4%B9%A6",
                                                    method: .get, headers: service.headers(.prosecutor))
            #expect(try object(revealed)["id_number"] as? String == "620403198203136761")
            let list = try await client.execute(uri: "/api/v1/cases?limit=200", method: .get,
                                                headers: service.headers(.prosecutor))
            #expect(list.status == .ok && String(buffer: list.body).contains("620403********6761"))
            #expect(!String(buffer: list.body).contains("620403198203136761"))
        }
        let reveal = try #require(try service.database.auditEntries(limit: 100_000).last)
        #expect(reveal.action == "reveal" && reveal.actor == "user-prosecutor" && reveal.recordID == 1)
    }

    @Test func staleWritesAreRefusedWithPreconditionFailed() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let read = try await client.execute(uri: "/api/v1/projects/3", method: .get, headers: service.headers(.labor))
            let tag = try #require(read.headers[.eTag])
            let missing = try await client.execute(uri: "/api/v1/projects/3", method: .patch,
                                                   headers: service.headers(.labor), body: body(#"{"standing":"dishonest","reason":"列入失信名单"}"#))
            #expect(missing.status.code == 428)
            let first = try await client.execute(uri: "/api/v1/projects/3", method: .patch,
                                                 headers: service.headers(.labor, [.ifMatch: tag]),
                                                 body: body(#"{"standing":"dishonest","reason":"列入失信名单"}"#))
            #expect(first.status == .ok && first.headers[.eTag] != tag)
            let before = try service.digest()
            let second = try await client.execute(uri: "/api/v1/projects/3", method: .patch,
                                                  headers: service.headers(.labor, [.ifMatch: tag]),
                                                  body: body(#"{"standing":"arrears-2y","reason":"更正"}"#))
            #expect(second.status == .preconditionFailed)
            #expect(second.headers[.contentType] == "application/problem+json")
            #expect(try service.digest() == before)
            // Two prosecutors advancing one case: the second, holding an old tag, is refused.
            let caseTag = try #require(try await client.execute(uri: "/api/v1/cases/7", method: .get,
                                                                 headers: service.headers(.prosecutor)).headers[.eTag])
            let advanced = try await client.execute(uri: "/api/v1/cases/7/advance", method: .post,
                                                    headers: service.headers(.prosecutor, [.ifMatch: caseTag]),
                                                    body: body(#"{"to":"investigating","on":"2025-01-02"}"#))
            #expect(advanced.status == .ok)
            let stale = try await client.execute(uri: "/api/v1/cases/7/advance", method: .post,
                                                 headers: service.headers(.prosecutor, [.ifMatch: caseTag]),
                                                 body: body(#"{"to":"settled","on":"2025-01-03"}"#))
            #expect(stale.status == .preconditionFailed)
        }
    }

    @Test func aCaseIsCorrectedWithAReasonAndShowsItsTimeLimits() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let read = try await client.execute(uri: "/api/v1/cases/7", method: .get, headers: service.headers(.prosecutor))
            let tag = try #require(read.headers[.eTag])
            let without = try await client.execute(uri: "/api/v1/cases/7", method: .patch, headers: service.headers(.prosecutor),
                                                   body: body(#"{"employment_ended":"2025-10-01","reason":"合同"}"#))
            #expect(without.status.code == 428)
            let noReason = try await client.execute(uri: "/api/v1/cases/7", method: .patch,
                                                    headers: service.headers(.prosecutor, [.ifMatch: tag]),
                                                    body: body(#"{"employment_ended":"2025-10-01"}"#))
            #expect(noReason.status.code == 422 && String(buffer: noReason.body).contains("reason"))
            let viewer = try await client.execute(uri: "/api/v1/cases/7", method: .patch,
                                                  headers: service.headers(.viewer, [.ifMatch: tag]),
                                                  body: body(#"{"employment_ended":"2025-10-01","reason":"合同"}"#))
            #expect(viewer.status == .forbidden)
            let done = try await client.execute(uri: "/api/v1/cases/7", method: .patch,
                                                headers: service.headers(.prosecutor, [.ifMatch: tag]),
                                                body: body(#"{"employment_ended":"2025-10-01","reason":"劳动合同载明"}"#))
            #expect(done.status == .ok && done.headers[.eTag] != tag)
            let detail = try object(done)
            #expect((detail["case"] as? [String: Any])?["employment_ended"] as? String == "2025-10-01")
            let limits = try #require(detail["deadlines"] as? [[String: Any]])
            let arbitration = try #require(limits.first { $0["kind"] as? String == "arbitration-limitation" })
            #expect(arbitration["due"] as? String == "2026-10-08" && arbitration["provisional"] as? Bool == false)
            #expect((arbitration["basis"] as? String)?.contains("劳动争议调解仲裁法第二十七条") == true)
            let stale = try await client.execute(uri: "/api/v1/cases/7", method: .patch,
                                                 headers: service.headers(.prosecutor, [.ifMatch: tag]),
                                                 body: body(#"{"payment_due":"2024-01-01","reason":"补录"}"#))
            #expect(stale.status == .preconditionFailed)
        }
        let entry = try #require(try service.database.auditEntries(table: "wage_case", limit: 100_000).last)
        #expect(entry.reason == "劳动合同载明" && entry.actor == "user-prosecutor")
    }

    @Test func workersEmployersAndCluesAreCorrectedWithAReasonAndIfMatch() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            for (uri, reader, writer, text) in [
                ("/api/v1/workers/1", Role.prosecutor, Role.prosecutor, #"{"phone":"13987654321","reason":"本人来电更正"}"#),
                ("/api/v1/employers/1", Role.prosecutor, Role.labor, #"{"name":"更名后的公司","reason":"工商变更登记"}"#),
                ("/api/v1/clues/4", Role.prosecutor, Role.prosecutor, #"{"summary":"更正后的摘要","reason":"登记有误"}"#),
            ] {
                let read = try await client.execute(uri: uri, method: .get, headers: service.headers(reader))
                let tag = try #require(read.headers[.eTag], "\(uri)")
                let without = try await client.execute(uri: uri, method: .patch, headers: service.headers(writer), body: body(text))
                #expect(without.status.code == 428, "\(uri)")
                let viewer = try await client.execute(uri: uri, method: .patch, headers: service.headers(.viewer, [.ifMatch: tag]),
                                                      body: body(text))
                #expect(viewer.status == .forbidden, "\(uri)")
                let noReason = try await client.execute(uri: uri, method: .patch, headers: service.headers(writer, [.ifMatch: tag]),
                                                        body: body(#"{"name":"某"}"#))
                #expect(noReason.status.code == 422 || noReason.status.code == 400, "\(uri): \(String(buffer: noReason.body))")
                let done = try await client.execute(uri: uri, method: .patch, headers: service.headers(writer, [.ifMatch: tag]),
                                                    body: body(text))
                #expect(done.status == .ok && done.headers[.eTag] != tag, "\(uri): \(String(buffer: done.body))")
                let stale = try await client.execute(uri: uri, method: .patch, headers: service.headers(writer, [.ifMatch: tag]),
                                                     body: body(text))
                #expect(stale.status == .preconditionFailed, "\(uri)")
            }
            let worker = try object(try await client.execute(uri: "/api/v1/workers/1", method: .get, headers: service.headers(.prosecutor)))
            #expect(worker["phone"] as? String == "139****4321")
            let missing = try await client.execute(uri: "/api/v1/workers/999999", method: .patch,
                                                   headers: service.headers(.prosecutor, [.ifMatch: "*"]), body: body(#"{"name":"某","reason":"x"}"#))
            #expect(missing.status == .notFound)
        }
        let entry = try #require(try service.database.auditEntries(table: "clue", limit: 100_000).last)
        #expect(entry.reason == "登记有误" && entry.actor == "user-prosecutor")
    }

    @Test func theWorkersApplicationIsRecordedBeforeSupportIsDecided() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let uri = "/api/v1/cases/7"
            _ = try await client.execute(uri: uri + "/advance", method: .post, headers: service.headers(.prosecutor),
                                         body: body(#"{"to":"investigating","on":"2025-01-02"}"#))
            let refused = try await client.execute(uri: uri + "/advance", method: .post, headers: service.headers(.prosecutor),
                                                   body: body(#"{"to":"support-decided","on":"2025-01-03"}"#))
            #expect(refused.status == .conflict && String(buffer: refused.body).contains("书面申请"))
            let viewer = try await client.execute(uri: uri + "/activities", method: .post, headers: service.headers(.viewer),
                                                  body: body(#"{"kind":"application","on":"2025-01-02"}"#))
            #expect(viewer.status == .forbidden)
            let bad = try await client.execute(uri: uri + "/activities", method: .post, headers: service.headers(.prosecutor),
                                               body: body(#"{"kind":"phone-call","on":"2025-13-45"}"#))
            let problem = try object(bad)
            #expect(bad.status.code == 422 && (problem["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["kind", "on"])
            let recorded = try await client.execute(uri: uri + "/activities", method: .post, headers: service.headers(.prosecutor),
                                                    body: body(#"{"kind":"application","on":"2025-01-02","note":"书面申请"}"#))
            #expect(recorded.status == .created)
            let activities = try #require(try object(recorded)["activities"] as? [[String: Any]])
            #expect(activities.last?["kind"] as? String == "application" && activities.last?["note"] as? String == "书面申请")
            let decided = try await client.execute(uri: uri + "/advance", method: .post, headers: service.headers(.prosecutor),
                                                   body: body(#"{"to":"support-decided","on":"2025-01-03"}"#))
            #expect(decided.status == .ok)
            let corrected = try await client.execute(uri: uri, method: .get, headers: service.headers(.prosecutor))
            let tag = try #require(corrected.headers[.eTag])
            let awarded = try await client.execute(uri: uri, method: .patch, headers: service.headers(.prosecutor, [.ifMatch: tag]),
                                                   body: body(#"{"court":"平川区人民法院","court_case_number":"（2025）甘0403民初12号","awarded_fen":500000,"reason":"判决书"}"#))
            let detail = try object(awarded)
            #expect(awarded.status == .ok && (detail["case"] as? [String: Any])?["awarded_fen"] as? Int == 500_000)
            #expect(detail["recovery_rate_bp"] as? Int == 0)
        }
    }

    @Test func aPaymentEnteredWronglyIsReversedAndBothEntriesStay() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let paid = try await client.execute(uri: "/api/v1/cases/7/recoveries", method: .post, headers: service.headers(.prosecutor),
                                                body: body(#"{"amount_fen":10000,"on":"2025-01-02","route":"employer-paid"}"#))
            #expect(paid.status == .created || paid.status == .ok)
            let id = try #require(try object(paid)["id"] as? Int)
            let uri = "/api/v1/recoveries/\(id)/reverse"
            let viewer = try await client.execute(uri: uri, method: .post, headers: service.headers(.viewer),
                                                  body: body(#"{"reason":"重复录入"}"#))
            #expect(viewer.status == .forbidden)
            let noReason = try await client.execute(uri: uri, method: .post, headers: service.headers(.prosecutor),
                                                    body: body(#"{"reason":" "}"#))
            #expect(noReason.status.code == 422 && String(buffer: noReason.body).contains("reason"))
            let missing = try await client.execute(uri: "/api/v1/recoveries/999999/reverse", method: .post,
                                                   headers: service.headers(.prosecutor), body: body(#"{"reason":"x"}"#))
            #expect(missing.status == .notFound)
            let done = try await client.execute(uri: uri, method: .post, headers: service.headers(.prosecutor),
                                                body: body(#"{"reason":"重复录入"}"#))
            #expect(done.status == .ok && done.headers[.eTag] != nil)
            let recoveries = try #require(try object(done)["recoveries"] as? [[String: Any]])
            let original = try #require(recoveries.first { $0["id"] as? Int == id })
            let entry = try #require(recoveries.first { $0["reverses_id"] as? Int == id })
            #expect(original["amount_fen"] as? Int == 10_000 && original["reversed_by_id"] as? Int == entry["id"] as? Int)
            #expect(entry["amount_fen"] as? Int == -10_000 && entry["note"] as? String == "重复录入")
            let twice = try await client.execute(uri: uri, method: .post, headers: service.headers(.prosecutor),
                                                 body: body(#"{"reason":"再次"}"#))
            #expect(twice.status == .conflict && String(buffer: twice.body).contains("已由第"))
        }
        let entry = try #require(try service.database.auditEntries(table: "recovery", limit: 100_000).last)
        #expect(entry.reason == "重复录入" && entry.actor == "user-prosecutor")
    }

    @Test func aCaseIsAssignedToAProsecutorAndListedByHandler() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let labor = try await client.execute(uri: "/api/v1/cases/7/assign", method: .post,
                                                 headers: service.headers(.prosecutor), body: body(#"{"to":"user-labor"}"#))
            #expect(labor.status.code == 422 && String(buffer: labor.body).contains("不是检察官"))
            let done = try await client.execute(uri: "/api/v1/cases/7/assign", method: .post,
                                                headers: service.headers(.prosecutor), body: body(#"{"to":"user-prosecutor"}"#))
            let handler = try object(done)["handler"] as? String
            #expect(done.status == .ok && handler == "user-prosecutor")
            let mine = try await client.execute(uri: "/api/v1/cases?handler=user-prosecutor", method: .get,
                                                headers: service.headers(.viewer))
            let items = try #require((try object(mine))["items"] as? [[String: Any]])
            #expect(items.map { $0["id"] as? Int } == [7])
        }
    }

    static let badBodies: [(String, String, Int, String?)] = [
        ("not json", "/api/v1/workers", 400, nil),
        (#"[1,2]"#, "/api/v1/workers", 400, nil),
        (#"{"name":"x","id_number":"11010519491231002X","unknown":true}"#, "/api/v1/workers", 400, "unknown"),
        // Of several unknown names, the first in sorted order, wherever it stands.
        (#"{"zeta":1,"name":"x","id_number":"11010519491231002X","beta":true,"gamma":null}"#, "/api/v1/workers", 400, "beta"),
        (#"{"name":5,"id_number":"11010519491231002X"}"#, "/api/v1/workers", 400, "name"),
        (#"{"id_number":"11010519491231002X"}"#, "/api/v1/workers", 400, "name"),
        (#"{"name":"x","id_number":"110105194912310020"}"#, "/api/v1/workers", 422, "id_number"),
        (#"{"source":"petition","received":"2025-01-02","employer":1,"workers":[{"id_number":"620403198203136761","claimed_fen":-1}]}"#,
         "/api/v1/clues", 422, "workers[0].claimed_fen"),
        (#"{"source":"petition","received":"2025-02-30","employer":1,"workers":[{"id_number":"620403198203136761","claimed_fen":1}]}"#,
         "/api/v1/clues", 422, "received"),
        (#"{"source":"petition","received":"2025-01-02","employer":999,"workers":[{"id_number":"620403198203136761","claimed_fen":1}]}"#,
         "/api/v1/clues", 422, "employer"),
        (#"{"to":"judgment","on":"2025-01-02"}"#, "/api/v1/cases/7/advance", 409, "to"),
        (#"{"to":"investigating","on":"2099-01-02"}"#, "/api/v1/cases/7/advance", 422, "on"),
        (#"{"amount_fen":999999999,"on":"2025-01-02","route":"employer-paid"}"#, "/api/v1/cases/7/recoveries", 422,
         "amount_fen"),
        (#"{"clue":1,"opened":"2024-03-01"}"#, "/api/v1/cases", 409, nil),
    ]

    @Test("bad input is a problem and changes nothing", arguments: 0..<badBodies.count)
    func badInput(index: Int) async throws {
        let (json, path, status, field) = Self.badBodies[index]
        let service = try TestService()
        let before = try service.digest()
        try await service.app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .post, headers: service.headers(.prosecutor),
                                                    body: body(json))
            #expect(Int(response.status.code) == status, "\(path) \(json): \(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try object(response)
            #expect(problem["status"] as? Int == status && problem["detail"] is String)
            if let field { #expect(problem["field"] as? String == field, "\(String(buffer: response.body))") }
        }
        #expect(try service.digest() == before)
    }

    @Test func oversizeBodiesAreRefused() async throws {
        let service = try TestService()
        let before = try service.digest()
        let huge = #"{"name":""# + String(repeating: "x", count: (1 << 20) + 10) + #"","id_number":"11010519491231002X"}"#
        try await service.app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/workers", method: .post,
                                                    headers: service.headers(.prosecutor), body: body(huge))
            #expect(response.status.code == 413)
        }
        #expect(try service.digest() == before)
    }

    @Test func listsArePagedWithAnOpaqueCursor() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            var ids: [Int] = []
            var uri = "/api/v1/cases?limit=10"
            while true {
                let page = try object(try await client.execute(uri: uri, method: .get, headers: service.headers(.viewer)))
                ids += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
                guard let cursor = page["next_cursor"] as? String else { break }
                uri = "/api/v1/cases?limit=10&cursor=\(cursor)"
            }
            #expect(ids == Array(1...24))
            let filtered = try object(try await client.execute(uri: "/api/v1/cases?stage=settled", method: .get,
                                                               headers: service.headers(.viewer)))
            #expect((filtered["items"] as? [[String: Any]])?.allSatisfy { $0["stage"] as? String == "settled" } == true)
            for (bad, field) in [("/api/v1/cases?limit=201", "limit"), ("/api/v1/cases?cursor=zzz", "cursor"),
                                 ("/api/v1/cases?limit=abc", "limit")] {
                let refused = try await client.execute(uri: bad, method: .get, headers: service.headers(.viewer))
                #expect(try refused.status == .badRequest && object(refused)["field"] as? String == field,
                        "\(bad): \(String(buffer: refused.body))")
            }
            let badStage = try await client.execute(uri: "/api/v1/cases?stage=nope", method: .get,
                                                    headers: service.headers(.viewer))
            #expect(try badStage.status.code == 422 && object(badStage)["field"] as? String == "stage",
                    "\(String(buffer: badStage.body))")
        }
    }

    @Test func statsAndAlertsMatchTheUseCases() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let stats = try object(try await client.execute(uri: "/api/v1/stats", method: .get,
                                                            headers: service.headers(.viewer)))
            #expect(stats["recovered_fen"] as? Int == 3_800_000)
            #expect((stats["suggestions"] as? [String: Any])?["secured_fen"] as? Int == 2_803_900_000)
            let alerts = try await client.execute(uri: "/api/v1/alerts?on=2025-01-15", method: .get,
                                                  headers: service.headers(.viewer))
            let codes = (try JSONSerialization.jsonObject(with: Data(buffer: alerts.body)) as? [[String: Any]])?
                .compactMap { $0["code"] as? String }
            // The expired letter is the one alert about the balance it took (no BELOW_REQUIRED besides).
            // …and the cases still under review since 2024 are past the office's decision days.
            #expect(Set(codes ?? []) == ["GUARANTEE_EXPIRED", "ARREARS_DEPOSIT_UNUSED", "RETURN_OVERDUE", "OFFICE_DEADLINE_PASSED"])
            // Written by the alerts themselves: the bytes the encoder would send, the use-case's list.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let expected = try encoder.encode(try service.database.alerts(asOf: LocalDate(year: 2025, month: 1, day: 15)!))
            #expect(String(buffer: alerts.body) == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test func aRealServerOnLoopbackServesTheSameAPI() async throws {
        let service = try TestService()
        try await service.app.test(.live) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            let created = try await client.execute(
                uri: "/api/v1/clues", method: .post, headers: service.headers(.prosecutor),
                body: body(#"{"source":"hotline-12345","received":"2025-01-02","employer":"91620403MA71ABCD0K","workers":[{"id_number":"62040219650227558X","claimed_fen":380000}],"summary":"热线转来"}"#))
            #expect(created.status == .created, "\(String(buffer: created.body))")
            let clue = try object(created)
            #expect(clue["source"] as? String == "hotline-12345" && clue["id"] as? Int == 24)
            let fetched = try await client.execute(uri: "/api/v1/clues/24", method: .get, headers: service.headers(.viewer))
            #expect(try object(fetched)["summary"] as? String == "热线转来")
        }
    }
}

@Suite("Administration over HTTP")
struct AdminAPITests {
    @Test func usersRulesCalendarAndSettings() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            let created = try await client.execute(uri: "/api/v1/users", method: .post, headers: service.headers(.admin),
                                                   body: body(#"{"name":"bob","role":"labor"}"#))
            #expect(created.status == .created)
            let token = try #require(try object(created)["token"] as? String)
            let asBob = try await client.execute(uri: "/api/v1/projects", method: .get,
                                                 headers: [.authorization: "Bearer \(token)"])
            #expect(asBob.status == .ok)
            let answer = try object(try await client.execute(uri: "/api/v1/calendar/add?date=2025-09-26&days=5",
                                                             method: .get, headers: service.headers(.viewer)))
            #expect(answer["date"] as? String == "2025-10-10" && answer["provisional"] as? Bool == false)
            let setting = try await client.execute(uri: "/api/v1/settings/suggestion_reply_months", method: .put,
                                                   headers: service.headers(.admin), body: body(#"{"value":"0"}"#))
            #expect(try setting.status.code == 422 && object(setting)["field"] as? String == "suggestion_reply_months",
                    "\(String(buffer: setting.body))")
            let revoked = try await client.execute(uri: "/api/v1/users/nobody/revoke", method: .post,
                                                   headers: service.headers(.admin), body: body("{}"))
            #expect(revoked.status == .notFound)
        }
    }
}

@Suite("Health and metrics")
struct HealthAndMetricsTests {
    @Test func metricsCountRequestsPerRouteAndOpenAlerts() async throws {
        let service = try TestService()
        try await service.app.test(.router) { client in
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
            _ = try await client.execute(uri: "/api/v1/cases/7", method: .get, headers: service.headers(.viewer))
            _ = try await client.execute(uri: "/api/v1/cases/8", method: .get, headers: service.headers(.viewer))
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: metrics.body)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(text.contains(#"wagecase_http_requests_total{route="/api/v1/cases/{id}",method="GET",status="200"} 2"#))
            #expect(text.contains("wagecase_http_request_duration_seconds_bucket"))
            // The sample as of today (2026-11-25 in the test clock): the housing letter is long expired.
            #expect(text.contains(#"wagecase_guarantee_open_alerts{code="GUARANTEE_EXPIRED"} 1.0"#))
        }
    }
}

@Suite("API contract")
struct APIContractTests {
    @Test func servesTheRepositorysOpenAPIDocument() async throws {
        let service = try TestService()
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("openapi.yaml")
        let expected = try String(contentsOf: file, encoding: .utf8)
        try await service.app.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok && String(buffer: response.body) == expected)
        }
    }
}
