import Foundation
import Testing
import WagecaseCore
import WagecaseTestSupport
@testable import WagecaseSQLite
import WagecaseStore

@Suite("Joint work use-cases (府检联动)")
struct JointWorkUseCaseTests {
    /// The world with the member units an office starts with.
    static func world() throws -> World {
        let world = try World()
        let database = world.database
        for (code, name, kind) in [("civil", "民事检察部", UnitKind.procuratorate), ("labor", "平川区人社局", .laborBureau),
                                   ("12345", "12345热线", .hotline12345), ("petition", "平川区信访局", .petitionBureau)] {
            _ = try database.addUnit(NewMemberUnit(code: code, name: name, kind: kind, liaison: "联络员\(code)"), actor: "clerk")
        }
        return world
    }

    @Test func unitsAreOneRecordEachAndFoundByCodeNameOrID() throws {
        let database = try Self.world().database
        expectRefused(.duplicate("member unit")) {
            try database.addUnit(NewMemberUnit(code: "LABOR", name: "另一个", kind: .laborBureau), actor: "clerk")
        }
        expectRefused(.duplicate("member unit")) {
            try database.addUnit(NewMemberUnit(code: "labor2", name: "平川区人社局", kind: .laborBureau), actor: "clerk")
        }
        #expect(try database.unit("平川区人社局").code == "labor")
        #expect(try database.unit("#2").code == "labor")
        expectRefused(.notFound("member unit")) { try database.unit("court") }
        let changed = try database.updateUnit("labor", liaison: "新联络员", contact: "0943-1234567", actor: "clerk")
        #expect(changed.liaison == "新联络员")
        #expect(try database.auditEntries(table: "member_unit").contains { $0.action == "update" && $0.before?.contains("联络员labor") == true })
    }

    @Test("referral → clue → case → outcome: the referral follows the clue it became")
    func referralBecomesAClueAndFollowsItsCase() throws {
        let world = try Self.world()
        let database = world.database
        let referral = try database.addReferral(
            NewReferral(fromUnit: "petition", toUnit: "civil", received: date("2026-11-02"), subject: "工人1等反映欠薪",
                        number: "平信转〔2026〕9号"), actor: "clerk")
        #expect(referral.direction == .incoming)
        #expect(referral.replyWithin == 15)
        #expect(referral.replyDue == date("2026-11-23"))
        let (linked, made) = try database.makeClue(
            from: ReferralClue(referralID: referral.id, employer: .id(world.employer.id), project: .id(world.project.id),
                               claims: [ClaimInput(idNumber: try ResidentID.parse(World.idNumbers[0]), claimed: Fen(1_200_000))]),
            actor: "clerk")
        #expect(made.isNew)
        #expect(made.clue.source == .petition)
        #expect(made.clue.received == date("2026-11-02"))
        #expect(linked.clueID == made.clue.id)
        #expect(linked.outcome?.cases.isEmpty == true)
        expectRefused(.state(action: "make it a clue")) {
            try database.makeClue(from: ReferralClue(referralID: referral.id, employer: .id(world.employer.id),
                                                     claims: [ClaimInput(idNumber: try ResidentID.parse(World.idNumbers[1]),
                                                                         claimed: Fen(100))]), actor: "clerk")
        }
        let opened = try database.openCases(OpenCases(clueID: made.clue.id, opened: date("2026-11-05"),
                                                      caseNumbers: ["平检民支〔2026〕9号"]), actor: "prosecutor")[0]
        _ = try database.recordRecovery(NewRecovery(caseReference: CaseReference("\(opened.id)"), amount: Fen(500_000),
                                                    paid: date("2026-11-20"), route: .employerPaid), actor: "prosecutor")
        let followed = try database.referral(id: referral.id)
        #expect(followed.outcome?.cases.map(\.caseID) == [opened.id])
        #expect(followed.outcome?.claimed == Fen(1_200_000))
        #expect(followed.outcome?.recovered == Fen(500_000))
        #expect(followed.outcome?.summary(.zh).contains("已追回5,000.00元") == true)
        // A reader who may not see case files gets the totals, no case named.
        let totals = followed.withoutCaseFiles().outcome
        #expect(totals?.cases.isEmpty == true && totals?.caseCount == 1 && totals?.recovered == Fen(500_000))
        expectRefused(.state(action: "record the feedback")) {
            try database.referralFeedback(id: referral.id, on: date("2026-11-24"), actor: "clerk")
        }
        // Answered, then the petitioner told; a second reply needs a reason.
        let answered = try database.replyReferral(id: referral.id, on: date("2026-11-20"), result: "已支持起诉，追回5000元",
                                                  actor: "clerk")
        #expect(answered.state(asOf: date("2026-11-25")) == .answered)
        expectRefused(.state(action: "record a second reply")) {
            try database.replyReferral(id: referral.id, on: date("2026-11-24"), result: "again", actor: "clerk")
        }
        _ = try database.replyReferral(id: referral.id, on: date("2026-11-24"), result: "更正", amendReason: "金额有误",
                                       actor: "clerk")
        #expect(try database.auditEntries(table: "referral").contains { $0.reason == "reply amended: 金额有误" })
        expectRefused(.field("on")) { try database.referralFeedback(id: referral.id, on: date("2026-11-19"), actor: "clerk") }
        _ = try database.referralFeedback(id: referral.id, on: date("2026-11-24"), actor: "clerk")
        expectRefused(.state(action: "record the feedback again")) {
            try database.referralFeedback(id: referral.id, on: date("2026-11-25"), actor: "clerk")
        }
        let figures = try database.statistics(DateRange(from: date("2026-11-01"), to: date("2026-11-30")))
        #expect(figures.referrals.incoming == 1 && figures.referrals.clues == 1 && figures.referrals.answered == 1)
    }

    @Test func overdueReferralsAndTasksAreAlertsAndInTheDigest() throws {
        let database = try Self.world().database
        _ = try database.addReferral(NewReferral(fromUnit: "12345", toUnit: "civil", received: date("2026-09-30"),
                                                 subject: "12345工单：拖欠工资", number: "GD-1", replyWithin: 3), actor: "clerk")
        expectRefused(.duplicate("referral")) {
            try database.addReferral(NewReferral(fromUnit: "12345", toUnit: "labor", received: date("2026-10-01"),
                                                 subject: "重复", number: "GD-1"), actor: "clerk")
        }
        expectRefused(.field("to_unit")) {
            try database.addReferral(NewReferral(fromUnit: "labor", toUnit: "平川区人社局", received: date("2026-10-01"),
                                                 subject: "自己"), actor: "clerk")
        }
        let task = try database.addTask(NewTask(title: "清理在建项目保证金", unit: "labor", owner: "王科长",
                                                due: date("2026-11-20"), source: .annualPlan), actor: "clerk")
        _ = try database.recordTaskProgress(id: task.id, on: date("2026-11-10"), text: "已清理8个", actor: "labor-staff")
        expectRefused(.field("result")) { try database.closeTask(id: task.id, on: date("2026-11-24"), result: " ", actor: "x") }
        let alerts = try database.alerts(asOf: date("2026-11-25"))
        #expect(alerts.filter { $0.code == .referralReplyOverdue }.map(\.daysLeft) == [-46])
        #expect(alerts.filter { $0.code == .taskOverdue }.map(\.taskID) == [task.id])
        #expect(try database.alerts(asOf: date("2026-11-20")).filter { $0.code == .taskOverdue }.isEmpty)
        #expect(try database.tasks(TaskFilter(status: .overdue, asOf: date("2026-11-25"))).map(\.id) == [task.id])
        let digest = try database.digest(.week(before: date("2026-11-25")), asOf: date("2026-11-25"))
        #expect(digest.alerts.byCode["TASK_OVERDUE"] == 1)
        #expect(digest.overdue.items.contains { $0.kind == .referralReply })
        #expect(digest.jointWork.tasks.first?.overdue == 1)
        _ = try database.closeTask(id: task.id, on: date("2026-11-24"), result: "已全部清理", actor: "clerk")
        #expect(try database.alerts(asOf: date("2026-11-25")).filter { $0.code == .taskOverdue }.isEmpty)
        #expect(try database.tasks(TaskFilter(status: .closed)).map(\.id) == [task.id])
        expectRefused(.state(action: "change its deadline")) {
            try database.extendTask(id: task.id, to: date("2026-12-31"), reason: "延期", actor: "clerk")
        }
    }

    @Test func aMeetingsDecisionsBecomeTasksOrNothingIsWritten() throws {
        let database = try Self.world().database
        let before = try contentDigest(database)
        expectRefused(.notFound("member unit")) {
            try database.addMeeting(NewMeeting(held: date("2026-11-10"), kind: .plenary, units: ["civil", "labor"], decisions: [
                MeetingDecision(title: "专项行动", unit: "labor", owner: "王科长", due: date("2026-12-31")),
                MeetingDecision(title: "建立台账", unit: "housing", owner: "李", due: date("2026-12-31")),
            ]), actor: "clerk")
        }
        #expect(try contentDigest(database) == before)
        let (meeting, tasks) = try database.addMeeting(NewMeeting(
            held: date("2026-11-10"), kind: .plenary, units: ["civil", "labor"], minutes: "会议纪要", decisions: [
                MeetingDecision(title: "专项行动", unit: "labor", owner: "王科长", due: date("2026-12-31")),
            ]), actor: "clerk")
        #expect(meeting.units.map(\.code) == ["civil", "labor"])
        #expect(tasks.map(\.source) == [.jointMeeting])
        #expect(tasks.first?.meetingID == meeting.id)
        #expect(try database.meeting(id: meeting.id).taskIDs == tasks.map(\.id))
    }

    @Test func missingMonthlyReportsAreAlertsUntilSubmitted() throws {
        let database = try Self.world().database
        _ = try database.setSetting(.monthlyReportUnits, to: "labor, petition", actor: "admin")
        _ = try database.setSetting(.monthlyReportSince, to: "2026-10", actor: "admin")
        expectRefused(.field("monthly_report_units")) { try database.setSetting(.monthlyReportUnits, to: "人社", actor: "admin") }
        _ = try database.submitReport(NewMonthlyReport(unit: "labor", month: try ReportMonth.parse("2026-10"),
                                                       text: "十月：清理项目12个", submitted: date("2026-10-23")), actor: "labor-staff")
        expectRefused(.state(action: "submit it again")) {
            try database.submitReport(NewMonthlyReport(unit: "labor", month: try ReportMonth.parse("2026-10"), text: "再报"),
                                      actor: "labor-staff")
        }
        expectRefused(.field("on")) {
            try database.submitReport(NewMonthlyReport(unit: "labor", month: try ReportMonth.parse("2026-10"), text: "倒签",
                                                       submitted: date("2026-10-05"), reason: "更正"), actor: "labor-staff")
        }
        let second = try database.submitReport(NewMonthlyReport(unit: "labor", month: try ReportMonth.parse("2026-10"),
                                                                text: "十月（更正）", reason: "数字有误"), actor: "labor-staff")
        #expect(second.version == 2)
        let october = try database.reportRoll(month: try ReportMonth.parse("2026-10"), asOf: date("2026-10-24"))
        #expect(october.due == date("2026-10-23"))
        #expect(october.lines.map(\.standing) == [.submitted, .missing])
        let missing = try database.alerts(asOf: date("2026-11-25"), code: .monthlyReportMissing)
        #expect(missing.map(\.unitName) == ["平川区信访局"])
        let dayAfter = try database.alerts(asOf: date("2026-11-26"), code: .monthlyReportMissing)
        #expect(dayAfter.count == 3)
        let digest = try database.digest(try DigestPeriod.month("2026-10"), asOf: date("2026-10-31"))
        #expect(digest.jointWork.reports.map(\.text) == ["十月：清理项目12个", nil], "the correction came later")
        let later = try database.digest(try DigestPeriod.month("2026-10"), asOf: date("2026-11-25"))
        #expect(later.jointWork.reports.map(\.text) == ["十月（更正）", nil])
        #expect(digest.jointWork.reports.map(\.standing) == [.submitted, .missing])
        #expect(try database.reports(unit: "labor", allVersions: true).count == 2)
    }

    @Test func aUsersUnitIsSetAndAudited() throws {
        let database = try Self.world().database
        _ = try database.addUser(name: "人社局小王", role: .labor, passwordHash: nil, actor: "admin")
        let (user, unit) = try database.setUserUnit("人社局小王", unit: "labor", actor: "admin")
        #expect(user.unitID == unit?.id)
        let desk = try database.unitDesk("labor")
        #expect(desk.unit.code == "labor" && desk.tasks.isEmpty)
        #expect(try database.auditEntries(table: "api_user").contains { $0.after?.contains("unit_id") == true })
    }
}
