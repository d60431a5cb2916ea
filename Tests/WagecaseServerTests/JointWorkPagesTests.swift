import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// The joint-work pages (府检联动): the lead department's overview, a unit's desk, the referral register, the task
/// board and meetings; labor-bureau staff see and answer their own unit's items only.
@Suite struct JointWorkPagesTests {
    /// The sample with four member units, a referral to each side, a task each and the labor user at the labor bureau.
    static func service() throws -> (TestService, referralToLabor: Int64, referralToCivil: Int64, laborTask: Int64,
                                     civilTask: Int64) {
        let service = try TestService().withPasswords()
        let database = service.database
        for (code, name, kind) in [("civil", "民事检察部", UnitKind.procuratorate), ("labor", "平川区人社局", .laborBureau),
                                   ("12345", "12345热线", .hotline12345), ("housing", "平川区住建局", .housingBureau)] {
            _ = try database.addUnit(NewMemberUnit(code: code, name: name, kind: kind, liaison: "联络员"), actor: "setup")
        }
        _ = try database.setSetting(.monthlyReportUnits, to: "labor,housing", actor: "setup")
        _ = try database.setUserUnit("user-labor", unit: "labor", actor: "setup")
        let toLabor = try database.addReferral(NewReferral(fromUnit: "12345", toUnit: "labor", received: date("2026-11-02"),
                                                           subject: "12345工单：安置小区欠薪", number: "GD-2026-1102"), actor: "setup")
        let toCivil = try database.addReferral(NewReferral(fromUnit: "12345", toUnit: "civil", received: date("2026-11-03"),
                                                           subject: "12345转12309：讨薪求助"), actor: "setup")
        let laborTask = try database.addTask(NewTask(title: "清理在建项目保证金", unit: "labor", owner: "王科长",
                                                     due: date("2026-11-20"), source: .annualPlan), actor: "setup")
        let civilTask = try database.addTask(NewTask(title: "建立支持起诉台账", unit: "civil", owner: "李检察官",
                                                     due: date("2027-01-31"), source: .annualPlan), actor: "setup")
        return (service, toLabor.id, toCivil.id, laborTask.id, civilTask.id)
    }

    static func date(_ text: String) -> LocalDate { LocalDate.parseISO(text)! }

    @Test func theLeadDepartmentSeesEveryUnitAndWhoHasReported() async throws {
        let (service, toLabor, _, laborTask, _) = try Self.service()
        try await service.app.test(.router) { client in
            let browser = WebBrowser(client)
            _ = try await browser.signIn("user-prosecutor")
            let overview = String(buffer: try await browser.get("/joint").body)
            #expect(overview.contains("府检联动") && overview.contains("平川区人社局") && overview.contains("平川区住建局"))
            #expect(overview.contains("成员单位") && overview.contains("逾期任务"))
            let register = String(buffer: try await browser.get("/referrals").body)
            #expect(register.contains("12345工单：安置小区欠薪") && register.contains("12345转12309：讨薪求助"))
            #expect(register.contains("登记移送事项"))
            let digest = String(buffer: try await browser.get("/digest?month=2026-11").body)
            #expect(digest.contains("任务清单（按责任单位）") && digest.contains("2026年11月各单位工作进展报送"))
            #expect(digest.contains("平川区人社局：推进中0项，逾期1项"))
            let overdueOnly = String(buffer: try await browser.get("/referrals?state=overdue").body)
            #expect(overdueOnly.contains("12345工单：安置小区欠薪") == (try service.database.referral(id: toLabor)
                .state(asOf: LocalDate.today()) == .overdue))
            let board = String(buffer: try await browser.get("/tasks").body)
            #expect(board.contains("清理在建项目保证金") && board.contains("建立支持起诉台账") && board.contains("列入任务清单"))
            // A refused form says why and keeps what was typed; nothing is written.
            let before = try service.database.referrals(ReferralFilter()).count
            let refused = try await browser.post("/referrals", [("from_unit", "3"), ("to_unit", "3"), ("received", "2026-11-20"),
                                                                ("subject", "自己移给自己")])
            #expect(refused.status.code == 422)
            #expect(String(buffer: refused.body).contains("移送事项未登记") && String(buffer: refused.body).contains("自己移给自己"))
            #expect(try service.database.referrals(ReferralFilter()).count == before)
            let noUnit = try await browser.post("/referrals", [("to_unit", "1"), ("received", "2026-11-20"), ("subject", "未选单位")])
            let noUnitPage = String(buffer: noUnit.body)
            #expect(noUnit.status.code == 422 && noUnitPage.contains("移送单位不是有效的成员单位"),
                    "\(noUnitPage.components(separatedBy: "<li>").dropFirst().map { $0.prefix(80) })")
            let added = try await browser.post("/referrals", [("from_unit", "3"), ("to_unit", "1"), ("received", "2026-11-20"),
                                                              ("subject", "来电反映欠薪"), ("reply_within", "5")])
            #expect(added.status == .seeOther)
            #expect(added.headers[.location]?.contains("notice=referral-added") == true)
            let page = String(buffer: try await browser.get("/referrals/\(toLabor)").body)
            #expect(page.contains("转为线索") && page.contains("核查及处理情况"))
            let task = String(buffer: try await browser.get("/tasks/\(laborTask)").body)
            #expect(task.contains("办结任务") && task.contains("调整完成时限"))
            let meeting = try await browser.post("/meetings", [("held", "2026-11-10"), ("kind", "plenary"), ("units", "1"),
                                                               ("units", "2"), ("decisions", "专项行动|labor|王科长|2026-12-31")])
            #expect(meeting.status == .seeOther)
            #expect(try service.database.tasks(TaskFilter(unit: "labor")).contains { $0.title == "专项行动" && $0.source == .jointMeeting })
        }
    }

    @Test func laborStaffSeeAndAnswerTheirOwnUnitOnly() async throws {
        let (service, toLabor, toCivil, laborTask, civilTask) = try Self.service()
        try await service.app.test(.router) { client in
            let labor = WebBrowser(client)
            _ = try await labor.signIn("user-labor")
            let overview = try await labor.get("/joint")
            #expect(overview.status == .seeOther && overview.headers[.location] == "/units/2")
            let desk = String(buffer: try await labor.get("/units/2").body)
            #expect(desk.contains("清理在建项目保证金") && desk.contains("12345工单：安置小区欠薪") && desk.contains("报送"))
            #expect(try await labor.get("/units/1").status == .forbidden)
            // The overview and a meeting's page name no other unit's referral or task.
            let home = String(buffer: try await labor.get("/").body)
            #expect(!home.contains("12345转12309") && !home.contains("建立支持起诉台账"))
            let meeting = try service.database.addMeeting(NewMeeting(held: Self.date("2026-11-10"), kind: .plenary,
                                                                     units: ["civil", "labor"]), actor: "setup").meeting
            _ = try service.database.addTask(NewTask(title: "检察院内部事项", unit: "civil", owner: "李", due: Self.date("2026-12-31"),
                                                     meetingID: meeting.id), actor: "setup")
            _ = try service.database.addTask(NewTask(title: "人社局会议任务", unit: "labor", owner: "王", due: Self.date("2026-12-31"),
                                                     meetingID: meeting.id), actor: "setup")
            let meetingPage = String(buffer: try await labor.get("/meetings/\(meeting.id)").body)
            #expect(meetingPage.contains("人社局会议任务") && !meetingPage.contains("检察院内部事项"))
            let register = String(buffer: try await labor.get("/referrals").body)
            #expect(register.contains("12345工单：安置小区欠薪") && !register.contains("12345转12309：讨薪求助"))
            #expect(!register.contains("登记移送事项"))
            #expect(try await labor.get("/referrals/\(toCivil)").status == .forbidden)
            #expect(try await labor.get("/tasks/\(civilTask)").status == .forbidden)
            _ = try await labor.get("/referrals/\(toLabor)")
            let replied = try await labor.post("/referrals/\(toLabor)/reply", [("on", "2026-11-20"), ("result", "已责令支付")])
            #expect(replied.status == .seeOther)
            #expect(try service.database.referral(id: toLabor).replyResult == "已责令支付")
            _ = try await labor.get("/tasks/\(laborTask)")
            let closed = try await labor.post("/tasks/\(laborTask)/close", [("on", "2026-11-24"), ("result", "已清理12个项目")])
            #expect(closed.status == .seeOther)
            #expect(try await labor.post("/tasks", [("title", "x"), ("unit", "2"), ("owner", "y"), ("due", "2026-12-01")]).status
                    == .forbidden)
            _ = try await labor.get("/units/2")
            let refused = try await labor.post("/units/2/reports", [("month", "2026-11"), ("text", "")])
            #expect(refused.status.code == 422 && String(buffer: refused.body).contains("工作进展未报送"))
            let submitted = try await labor.post("/units/2/reports", [("month", "2026-11"), ("text", "十一月：清理项目12个")])
            #expect(submitted.status == .seeOther)
            #expect(try service.database.reports(unit: "labor").map(\.text) == ["十一月：清理项目12个"])
            #expect(try await labor.post("/units/1/reports", [("month", "2026-11"), ("text", "x")]).status == .forbidden)
        }
    }
}

/// The joint work through the API: a 12345 system posts a work order and reads the reply; labor staff answer
/// their own unit's referrals and report; nobody else's.
@Suite struct JointWorkAPITests {
    @Test func aWorkOrderIsPostedAnsweredAndReadBack() async throws {
        let (service, toLabor, toCivil, laborTask, _) = try JointWorkPagesTests.service()
        try await service.app.test(.router) { client in
            let posted = try await client.execute(
                uri: "/api/v1/referrals", method: .post, headers: service.headers(.prosecutor),
                body: body(#"{"from_unit":"12345","to_unit":"civil","received":"2026-09-30","subject":"12345工单：讨薪","number":"GD-0930","reply_within":3}"#))
            #expect(posted.status == .created)
            let created = try object(posted)
            #expect(created["reply_due"] as? String == "2026-10-10" && created["direction"] as? String == "in")
            let duplicate = try await client.execute(
                uri: "/api/v1/referrals", method: .post, headers: service.headers(.prosecutor),
                body: body(#"{"from_unit":"12345","to_unit":"labor","received":"2026-09-30","subject":"重复","number":"GD-0930"}"#))
            #expect(duplicate.status == .conflict)
            let unknown = try await client.execute(
                uri: "/api/v1/referrals", method: .post, headers: service.headers(.prosecutor),
                body: body(#"{"from_unit":"12345","to_unit":"civil","received":"2026-09-30","subject":"x","extra":1}"#))
            #expect(unknown.status == .badRequest)
            #expect(try await client.execute(uri: "/api/v1/referrals", method: .post, headers: service.headers(.labor),
                                             body: body(#"{"from_unit":"12345","to_unit":"civil","received":"2026-09-30","subject":"x"}"#)).status
                    == .forbidden)

            // Alerts: the prosecutor sees both overdue replies, labor staff their own unit's.
            func overdueReplies(_ role: Role) async throws -> [Int] {
                let answer = try await client.execute(uri: "/api/v1/alerts?code=REFERRAL_REPLY_OVERDUE", method: .get,
                                                      headers: service.headers(role))
                let alerts = try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [[String: Any]] ?? []
                return alerts.compactMap { $0["referral_id"] as? Int }.sorted()
            }
            let all = try await overdueReplies(.prosecutor)
            #expect(all.contains(Int(toLabor)) && all.contains(Int(toCivil)) && all.count == 3)
            #expect(try await overdueReplies(.labor) == [Int(toLabor)])

            // Labor staff: their unit's referral only, answered through the API.
            let list = try object(try await client.execute(uri: "/api/v1/referrals", method: .get, headers: service.headers(.labor)))
            let ids = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            #expect(ids == [Int(toLabor)])
            #expect(try await client.execute(uri: "/api/v1/referrals/\(toCivil)", method: .get, headers: service.headers(.labor)).status
                    == .forbidden)
            let read = try await client.execute(uri: "/api/v1/referrals/\(toLabor)", method: .get, headers: service.headers(.labor))
            let etag = try #require(read.headers[.eTag])
            let reply = try await client.execute(
                uri: "/api/v1/referrals/\(toLabor)/reply", method: .post, headers: service.headers(.labor, [.ifMatch: etag]),
                body: body(#"{"on":"2026-11-20","result":"已责令支付"}"#))
            #expect(reply.status == .ok)
            let stale = try await client.execute(
                uri: "/api/v1/referrals/\(toLabor)/feedback", method: .post, headers: service.headers(.labor, [.ifMatch: etag]),
                body: body(#"{"on":"2026-11-21"}"#))
            #expect(stale.status == .preconditionFailed)
            #expect(try await client.execute(
                uri: "/api/v1/referrals/\(toCivil)/reply", method: .post, headers: service.headers(.labor),
                body: body(#"{"on":"2026-11-20","result":"x"}"#)).status == .forbidden)

            let overdue = try await client.execute(uri: "/api/v1/tasks?status=overdue&on=2026-11-25", method: .get,
                                                   headers: service.headers(.viewer))
            let tasks = try JSONSerialization.jsonObject(with: Data(buffer: overdue.body)) as? [[String: Any]] ?? []
            #expect(tasks.compactMap { $0["id"] as? Int } == [Int(laborTask)])
            let closed = try await client.execute(uri: "/api/v1/tasks/\(laborTask)/close", method: .post,
                                                  headers: service.headers(.labor), body: body(#"{"on":"2026-11-24","result":"已清理"}"#))
            #expect(closed.status == .ok)

            let report = try await client.execute(uri: "/api/v1/monthly-reports", method: .post, headers: service.headers(.labor),
                                                  body: body(#"{"unit":"labor","month":"2026-10","text":"十月进展"}"#))
            #expect(report.status == .created)
            #expect(try await client.execute(uri: "/api/v1/monthly-reports", method: .post, headers: service.headers(.labor),
                                             body: body(#"{"unit":"housing","month":"2026-10","text":"x"}"#)).status == .forbidden)
            // Submitted (on the service's day, 2026-11-25) after October's reports were due on Friday the 23rd.
            let roll = try object(try await client.execute(uri: "/api/v1/monthly-reports?month=2026-10&on=2026-11-26", method: .get,
                                                           headers: service.headers(.prosecutor)))
            #expect(roll["due"] as? String == "2026-10-23")
            let standings = (roll["units"] as? [[String: Any]] ?? []).compactMap { $0["standing"] as? String }
            #expect(standings == ["late", "missing"])
            let before = try object(try await client.execute(uri: "/api/v1/monthly-reports?month=2026-10&on=2026-10-26",
                                                             method: .get, headers: service.headers(.labor)))
            #expect((before["units"] as? [[String: Any]] ?? []).compactMap { $0["standing"] as? String } == ["missing"])
        }
    }
}
