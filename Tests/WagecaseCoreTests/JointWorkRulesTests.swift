import Foundation
import Testing
import WagecaseTestSupport
@testable import WagecaseCore

@Suite("Joint work: referrals, tasks, monthly reports")
struct JointWorkRulesTests {
    static let civil = UnitRef(id: 1, code: "civil", name: "民事检察部", kind: .procuratorate)
    static let labor = UnitRef(id: 2, code: "labor", name: "人社局", kind: .laborBureau)
    static let hotline = UnitRef(id: 3, code: "12345", name: "12345热线", kind: .hotline12345)
    static let petition = UnitRef(id: 4, code: "petition", name: "信访局", kind: .petitionBureau)

    static func day(_ text: String) -> LocalDate { LocalDate.parseISO(text)! }

    static func referral(from: UnitRef = hotline, to: UnitRef = civil, received: String, within: Int,
                         replied: String? = nil, calendar: WorkingDayCalendar) -> Referral {
        let due = ReferralRules.replyDue(received: day(received), within: within, calendar: calendar)
        return Referral(id: 7, number: "GD-7", fromUnit: from, toUnit: to, received: day(received), subject: "拖欠工资",
                        clueID: nil, caseID: nil, replyWithin: within, replyDue: due.date, provisional: due.provisional,
                        replied: replied.map(day), replyResult: replied == nil ? nil : "已核实", feedback: nil,
                        createdBy: "t", createdAt: "\(received)T09:00:00+08:00")
    }

    @Test("a referral received on the eve of the National Day holiday is due after it, make-up Saturday counted",
          arguments: [(3, "2026-10-10"), (5, "2026-10-13"), (1, "2026-10-08")])
    func replyDueOverAHoliday(days: Int, expected: String) throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        let due = ReferralRules.replyDue(received: Self.day("2026-09-30"), within: days, calendar: calendar)
        #expect(due.date.iso == expected)
        #expect(!due.provisional)
    }

    @Test func replyStateOnEachSideOfTheDueDay() throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        let open = Self.referral(received: "2026-09-30", within: 3, calendar: calendar)
        #expect(open.state(asOf: Self.day("2026-10-10")) == .awaiting)
        #expect(open.state(asOf: Self.day("2026-10-11")) == .overdue)
        let late = Self.referral(received: "2026-09-30", within: 3, replied: "2026-10-12", calendar: calendar)
        #expect(late.state(asOf: Self.day("2026-10-11")) == .overdue)
        #expect(late.state(asOf: Self.day("2026-10-12")) == .answeredLate)
        let onTime = Self.referral(received: "2026-09-30", within: 3, replied: "2026-10-10", calendar: calendar)
        #expect(onTime.state(asOf: Self.day("2026-12-01")) == .answered)
    }

    @Test func directionIsSeenFromTheProcuratorate() {
        #expect(ReferralDirection.of(from: .hotline12345, to: .procuratorate) == .incoming)
        #expect(ReferralDirection.of(from: .procuratorate, to: .laborInspection) == .outgoing)
        #expect(ReferralDirection.of(from: .procuratorate, to: .procuratorate) == .outgoing)
        #expect(ReferralDirection.of(from: .hotline12345, to: .laborBureau) == .between)
        #expect(UnitKind.petitionBureau.clueSource == .petition)
        #expect(UnitKind.hotline12345.clueSource == .hotline12345)
    }

    @Test func referralRefusals() throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        let today = Self.day("2026-11-25")
        expectRefused(.field("to_unit")) {
            try ReferralRules.checkNew(from: Self.civil, to: Self.civil, received: today, replyWithin: 5, today: today)
        }
        expectRefused(.field("received")) {
            try ReferralRules.checkNew(from: Self.hotline, to: Self.civil, received: Self.day("2026-11-26"), replyWithin: 5,
                                       today: today)
        }
        expectRefused(.field("reply_within")) {
            try ReferralRules.checkNew(from: Self.hotline, to: Self.civil, received: today, replyWithin: 0, today: today)
        }
        let answered = Self.referral(received: "2026-11-02", within: 15, replied: "2026-11-10", calendar: calendar)
        expectRefused(.state(action: "record a second reply")) {
            try ReferralRules.checkReply(answered, on: today, amendReason: nil, today: today)
        }
        try ReferralRules.checkReply(answered, on: today, amendReason: "答复有误", today: today)
        let open = Self.referral(received: "2026-11-02", within: 15, calendar: calendar)
        expectRefused(.field("on")) { try ReferralRules.checkReply(open, on: Self.day("2026-11-01"), amendReason: nil, today: today) }
        expectRefused(.state(action: "amend its reply")) {
            try ReferralRules.checkReply(open, on: today, amendReason: "x", today: today)
        }
    }

    @Test("the 25th moved by the office's rule in a month whose 25th is a Sunday", arguments: [
        (ReportDayRule.before, "2026-10", "2026-10-23"), (.after, "2026-10", "2026-10-26"), (.calendar, "2026-10", "2026-10-25"),
        (.before, "2026-01", "2026-01-23"), (.before, "2026-11", "2026-11-25"), (.before, "2027-04", "2027-04-23"),
    ])
    func reportDueDay(rule: ReportDayRule, month: String, expected: String) throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        let due = MonthlyReportRule(day: 25, whenNotWorking: rule).due(try ReportMonth.parse(month), calendar: calendar)
        #expect(due.date.iso == expected)
    }

    @Test func aReportIsMissingFromTheDayAfterItsDueDay() throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        let rule = MonthlyReportRule(unitCodes: ["labor", "petition"], since: try ReportMonth.parse("2026-10"))
        let october = try ReportMonth.parse("2026-10")
        #expect(rule.standing(submitted: nil, month: october, asOf: Self.day("2026-10-23"), calendar: calendar) == .pending)
        #expect(rule.standing(submitted: nil, month: october, asOf: Self.day("2026-10-24"), calendar: calendar) == .missing)
        #expect(rule.standing(submitted: Self.day("2026-10-23"), month: october, asOf: Self.day("2026-10-30"),
                              calendar: calendar) == .submitted)
        #expect(rule.standing(submitted: Self.day("2026-10-27"), month: october, asOf: Self.day("2026-10-30"),
                              calendar: calendar) == .late)
        // Submitted after the as-of day: still missing then.
        #expect(rule.standing(submitted: Self.day("2026-10-27"), month: october, asOf: Self.day("2026-10-26"),
                              calendar: calendar) == .missing)

        let units = [MemberUnit(id: 2, code: "labor", name: "人社局", kind: .laborBureau, liaison: nil, contact: nil, createdAt: "2026-09-01T09:00:00+08:00"),
                     MemberUnit(id: 4, code: "petition", name: "信访局", kind: .petitionBureau, liaison: nil, contact: nil, createdAt: "2026-09-01T09:00:00+08:00")]
        let snapshot = JointWorkSnapshot(units: units, referrals: [], tasks: [], rule: rule,
                                         submissions: [.init(unitID: 2, month: october): Self.day("2026-10-20")])
        let onDueDay = JointWorkMonitor.alerts(snapshot, calendar: calendar, asOf: Self.day("2026-10-23"))
        #expect(onDueDay.isEmpty)
        let dayAfter = JointWorkMonitor.alerts(snapshot, calendar: calendar, asOf: Self.day("2026-10-24"))
        #expect(dayAfter.map(\.code) == [.monthlyReportMissing])
        #expect(dayAfter.first?.unitID == 4)
        #expect(dayAfter.first?.daysLeft == -1)
        // In November both months are looked at: October's missing report stays until it is in.
        let november = JointWorkMonitor.alerts(snapshot, calendar: calendar, asOf: Self.day("2026-11-26"))
        #expect(november.count == 3)
        let roll = JointWorkMonitor.roll(snapshot, month: october, calendar: calendar, asOf: Self.day("2026-10-24"))
        #expect(roll.map(\.standing) == [.submitted, .missing])
    }

    @Test func aTaskIsOverdueFromTheDayAfterItsDeadlineUntilClosed() throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        var task = JointTask(id: 3, title: "清理在建项目保证金", unit: Self.labor, owner: "王科长", due: Self.day("2026-11-20"),
                             source: .annualPlan, meetingID: nil, closed: nil, result: nil, progress: [], createdBy: "t",
                             createdAt: "2026-03-01T09:00:00+08:00")
        #expect(task.status(asOf: Self.day("2026-11-20")) == .open)
        #expect(task.status(asOf: Self.day("2026-11-21")) == .overdue)
        let snapshot = JointWorkSnapshot(units: [], referrals: [], tasks: [task], rule: MonthlyReportRule(), submissions: [:])
        let alerts = JointWorkMonitor.alerts(snapshot, calendar: calendar, asOf: Self.day("2026-11-25"))
        #expect(alerts.map(\.code) == [.taskOverdue])
        #expect(alerts.first?.taskID == 3 && alerts.first?.daysLeft == -5)
        #expect(JointWorkMonitor.deadlines(snapshot, calendar: calendar, asOf: Self.day("2026-11-18")).map(\.kind) == [.task])
        try TaskRules.checkClose(task, on: Self.day("2026-11-24"), today: Self.day("2026-11-25"))
        task.closed = Self.day("2026-11-24")
        task.result = "已清理"
        #expect(task.status(asOf: Self.day("2026-11-25")) == .closed)
        #expect(task.status(asOf: Self.day("2026-11-23")) == .overdue)
        expectRefused(.state(action: "close it again")) {
            try TaskRules.checkClose(task, on: Self.day("2026-11-25"), today: Self.day("2026-11-25"))
        }
        expectRefused(.state(action: "record progress")) {
            try TaskRules.checkProgress(task, on: Self.day("2026-11-25"), today: Self.day("2026-11-25"))
        }
    }

    @Test func meetingDecisionsAndTaskInputs() throws {
        let decision = try MeetingDecision.parse("专项行动|labor|王科长|2026-12-31")
        #expect(decision == MeetingDecision(title: "专项行动", unit: "labor", owner: "王科长", due: Self.day("2026-12-31")))
        expectRefused(.field("decision")) { try MeetingDecision.parse("专项行动|labor|王科长") }
        expectRefused(.field("decision")) { try MeetingDecision.parse("专项行动|labor||2026-12-31") }
        expectRefused(.field("meeting")) {
            try NewTask(title: "x", unit: "labor", owner: "王", due: Self.day("2026-12-31"), source: .jointMeeting)
        }
        #expect(try NewTask(title: "x", unit: "labor", owner: "王", due: Self.day("2026-12-31"), meetingID: 1).source == .jointMeeting)
        expectRefused(.field("unit_code")) { try NewMemberUnit(code: "人社", name: "人社局", kind: .laborBureau) }
        #expect(try ReportMonth.parse("2026年3月").iso == "2026-03")
        expectRefused(.field("month")) { try ReportMonth.parse("2026-13") }
    }

    @Test func referralFiguresCountEachAsItStoodAtTheEnd() throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        let referrals = [
            Self.referral(received: "2026-11-02", within: 5, replied: "2026-11-05", calendar: calendar),
            Self.referral(received: "2026-11-02", within: 5, replied: "2026-11-20", calendar: calendar),
            Self.referral(from: Self.civil, to: Self.labor, received: "2026-11-03", within: 5, calendar: calendar),
            Self.referral(from: Self.hotline, to: Self.labor, received: "2026-11-20", within: 15, calendar: calendar),
        ]
        let figures = Statistics.Referrals.count(referrals, madeClue: [7], end: Self.day("2026-11-30"))
        #expect(figures.incoming == 2 && figures.outgoing == 1 && figures.between == 1)
        #expect(figures.answered == 2 && figures.answeredOnTime == 1 && figures.overdue == 1)
        #expect(figures.headline(.zh).hasPrefix("接收移送线索2件，移出1件"))
    }
}
