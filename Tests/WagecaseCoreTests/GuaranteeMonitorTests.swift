import Testing
@testable import WagecaseCore

func day(_ text: String) -> LocalDate { LocalDate.parseISO(text)! }

/// A one-project world for the monitor's rules.
struct MonitorWorld {
    var project = Project(id: 1, name: "安置小区", employerID: 1, employerName: "甲公司", location: nil,
                          regionCode: "620403", contractPrice: Fen(18_000_000_000), start: day("2024-03-01"),
                          status: .inProgress, createdAt: "")
    var guarantees: [Guarantee] = []
    var events: [GuaranteeEvent] = []
    var openCases: [Int64] = []
    /// When the latest open case was opened (read by the store for drawn projects).
    var latestOpened: LocalDate?
    var suggestions: [Suggestion] = []
    var rules: [GuaranteeRule] = [.nationalDefault]

    mutating func letter(ends: String, amount: Int64 = 360_000_000, kind: GuaranteeKind = .bankLetter) {
        let id = Int64(guarantees.count + 1)
        guarantees.append(Guarantee(id: id, projectID: 1, kind: kind, amount: Fen(amount), issuer: nil,
                                    documentNumber: "BH-\(id)", effective: day("2024-03-01"),
                                    ends: kind.hasEndDate ? day(ends) : nil, createdAt: ""))
        event(id, .lodged, "2024-03-01", amount: amount)
    }

    /// A draw is paid by the bank the same day unless `bankPaid` is false (then a bank-paid event says when).
    mutating func event(_ guarantee: Int64, _ kind: GuaranteeEventKind, _ date: String, amount: Int64? = nil,
                        newEnds: String? = nil, notice: String? = nil, bankPaid: Bool = true) {
        var event = GuaranteeEvent(id: Int64(events.count + 1), guaranteeID: guarantee, kind: kind, date: day(date),
                                   amount: amount.map(Fen.init), noticeNumber: notice, newEnds: newEnds.map(day), actor: "t")
        if kind == .drawn && bankPaid { event.paidOn = day(date) }
        events.append(event)
    }

    func alerts(on date: String, calendar: WorkingDayCalendar = WorkingDayCalendar()) -> [Alert] {
        var snapshot = MonitorSnapshot(projects: [project], guarantees: guarantees,
                                       events: Dictionary(grouping: events, by: \.guaranteeID),
                                       openCases: openCases.isEmpty ? [:] : [1: openCases], suggestions: suggestions,
                                       rules: rules)
        snapshot.latestOpened = latestOpened.map { [1: $0] } ?? [:]
        return GuaranteeMonitor.alerts(snapshot, calendar: calendar, asOf: day(date))
    }

    func codes(on date: String) -> [AlertCode] { alerts(on: date).map(\.code) }
}

@Suite("The wage-guarantee monitor")
struct GuaranteeMonitorTests {
    @Test func letterExpiringWithinTheReminderWindowThenExpired() {
        var world = MonitorWorld()
        world.letter(ends: "2025-03-01")
        #expect(world.codes(on: "2025-01-31") == [])
        let expiring = world.alerts(on: "2025-02-01")
        #expect(expiring.map(\.code) == [.guaranteeExpiring])
        #expect(expiring[0].daysLeft == 28 && expiring[0].due == day("2025-03-01") && expiring[0].guaranteeID == 1)
        #expect(world.codes(on: "2025-03-01") == [.guaranteeExpiring])
        let expired = world.alerts(on: "2025-03-10")
        // One problem, one alert: the ended letter is why there is no valid guarantee, not a second finding.
        #expect(expired.map(\.code) == [.guaranteeExpired])
        #expect(expired[0].daysLeft == -9)
    }

    @Test func renewalOrCompletionClearsTheLetterAlerts() {
        var world = MonitorWorld()
        world.letter(ends: "2025-03-01")
        world.event(1, .renewed, "2025-02-15", newEnds: "2026-03-01")
        #expect(world.codes(on: "2025-03-10") == [])
        var finished = MonitorWorld()
        finished.letter(ends: "2025-03-01")
        finished.project.status = .completed
        finished.project.actualCompletion = day("2025-01-20")
        #expect(finished.codes(on: "2025-03-10") == [])
    }

    @Test func drawNotReplenishedWithinTenWorkingDays() {
        var world = MonitorWorld()
        world.letter(ends: "2027-01-01", kind: .cashDeposit)
        world.event(1, .drawn, "2025-09-26", amount: 50_000_000)
        // 10 working days after 2025-09-26 is 2025-10-16 with the official schedule.
        let calendar = WorkingDayCalendar(schedules: [try! HolidaySchedule(year: 2025, papers: [], days: [
            .init(name: "国庆", date: day("2025-09-28"), isOffDay: false),
            .init(name: "国庆", date: day("2025-10-01"), isOffDay: true),
            .init(name: "国庆", date: day("2025-10-02"), isOffDay: true),
            .init(name: "国庆", date: day("2025-10-03"), isOffDay: true),
            .init(name: "国庆", date: day("2025-10-06"), isOffDay: true),
            .init(name: "国庆", date: day("2025-10-07"), isOffDay: true),
            .init(name: "国庆", date: day("2025-10-08"), isOffDay: true),
            .init(name: "国庆", date: day("2025-10-11"), isOffDay: false),
        ])])
        // While the draw may still be topped up, and once it is overdue, the draw is the one problem: the balance
        // it took is not also "below the required amount".
        #expect(world.alerts(on: "2025-10-16", calendar: calendar).map(\.code) == [])
        let overdue = world.alerts(on: "2025-10-17", calendar: calendar)
        #expect(overdue.map(\.code) == [.replenishOverdue])
        #expect(overdue[0].due == day("2025-10-16") && overdue[0].daysLeft == -1)
        world.event(1, .replenished, "2025-10-20", amount: 50_000_000)
        #expect(world.alerts(on: "2025-10-21", calendar: calendar).map(\.code) == [])
    }

    @Test func returnOverdueAfterNoticeAndReview() {
        var world = MonitorWorld()
        world.letter(ends: "2027-01-01", kind: .cashDeposit)
        world.project.status = .completed
        world.project.actualCompletion = day("2025-05-01")
        world.event(1, .noticeStarted, "2025-06-02")
        world.event(1, .returnRequested, "2025-07-03")
        // The application of 2025-07-03 (after the 30-day notice) is answered within 5 + 3 working days: by
        // 2025-07-15 (Monday–Friday, no schedule loaded). The notice alone starts no clock.
        #expect(world.codes(on: "2025-07-02") == [])
        #expect(world.codes(on: "2025-07-15") == [])
        let overdue = world.alerts(on: "2025-07-16")
        #expect(overdue.map(\.code) == [.returnOverdue] && overdue[0].due == day("2025-07-15"))
        #expect(overdue[0].provisional)
        world.event(1, .returned, "2025-07-20")
        #expect(world.codes(on: "2025-07-21") == [])
    }

    @Test func noGuaranteeUnlessExemptOrNotInProgress() {
        var world = MonitorWorld()
        #expect(world.codes(on: "2025-01-01") == [.noGuarantee])
        world.project.exemptionReason = "合同价低于300万元"
        world.project.exemptionDocument = "平人社〔2024〕5号"
        #expect(world.codes(on: "2025-01-01") == [])
        world.project.exemptionReason = nil
        world.project.status = .suspended
        #expect(world.codes(on: "2025-01-01") == [])
    }

    @Test func belowTheRequiredAmount() {
        var world = MonitorWorld()
        world.letter(ends: "2027-01-01", amount: 359_999_999)
        let alerts = world.alerts(on: "2025-01-01")
        #expect(alerts.map(\.code) == [.belowRequired])
        #expect(alerts[0].detail.contains("3,600,000.00"))
    }

    @Test func aShortfallBeyondWhatAnEndedLetterTookIsItsOwnProblem() {
        var world = MonitorWorld()
        world.letter(ends: "2025-03-01", amount: 100_000_000)
        world.letter(ends: "2027-01-01", amount: 100_000_000, kind: .cashDeposit)
        let alerts = world.alerts(on: "2025-03-10")
        #expect(alerts.map(\.code) == [.guaranteeExpired, .belowRequired])
        #expect(alerts[1].detail.contains("有效保证金1,000,000.00元（另有1,000,000.00元因保函到期或动用未补足已另行预警），低于应存储或提交的3,600,000.00元"))
    }

    @Test func aProjectMissingThePriceOrStartIsAskedToBeCompletedNotCalledEmpty() {
        var world = MonitorWorld()
        world.project.contractPrice = nil
        let alerts = world.alerts(on: "2025-01-01")
        #expect(alerts.map(\.code) == [.projectFactsMissing] && alerts[0].severity == .warning)
        #expect(alerts[0].detail == "在建项目缺少合同价款，无法核定应存储的保证金，请补全")
        world.project.start = nil
        #expect(world.alerts(on: "2025-01-01")[0].detail
                == "在建项目缺少合同价款、施工许可证日期（或合同签订日期、开工日期），无法核定应存储的保证金，请补全")
        world.project.contractPrice = Fen(18_000_000_000)
        #expect(world.alerts(on: "2025-01-01").map(\.detailEn)
                == ["project in progress without its permit date (or contract signing or start date): the deposit due cannot be told; complete the project"])
        // Its letters are still watched.
        world.letter(ends: "2025-03-01")
        #expect(world.codes(on: "2025-03-10") == [.guaranteeExpired, .projectFactsMissing])
        // A contract the rule exempts by its price needs no deposit at all.
        var small = MonitorWorld()
        small.project.contractPrice = Fen(0)
        #expect(small.codes(on: "2025-01-01") == [])
    }

    @Test func aGuaranteeStatusReadsAsASentenceWithItsDate() {
        var world = MonitorWorld()
        world.letter(ends: "2025-03-01")
        let guarantee = world.guarantees[0]
        func status(_ date: String, _ language: Language = .zh) -> String {
            GuaranteeState.derive(guarantee, events: world.events, asOf: day(date)).statusText(language)
        }
        #expect(status("2025-01-01") == "有效，至2025-03-01" && status("2025-01-01", .en) == "valid until 2025-03-01")
        #expect(status("2025-03-10") == "已于2025-03-01到期" && status("2025-03-10", .en) == "ended on 2025-03-01")
        world.event(1, .noticeStarted, "2025-03-12")
        #expect(status("2025-03-13") == "2025-03-12起公示")
        world.event(1, .returnRequested, "2025-04-14")
        #expect(status("2025-04-15") == "已于2025-04-14书面申请返还，待审核")
        world.event(1, .returned, "2025-04-20")
        #expect(status("2025-04-21") == "已返还")
    }

    @Test func openArrearsWhileTheDepositSitsUnused() {
        var world = MonitorWorld()
        world.letter(ends: "2027-01-01", kind: .cashDeposit)
        world.openCases = [7, 8]
        let alerts = world.alerts(on: "2025-01-01")
        #expect(alerts.map(\.code) == [.arrearsDepositUnused] && alerts[0].caseIDs == [7, 8])
        world.event(1, .drawn, "2024-12-20", amount: 1)
        world.event(1, .replenished, "2024-12-23", amount: 1)
        #expect(world.codes(on: "2025-01-01") == [])
    }

    @Test func suggestionWithoutReplyPastItsDeadline() {
        var world = MonitorWorld()
        world.project.status = .suspended
        world.suggestions = [Suggestion(id: 3, number: "平检行建〔2024〕1号", issued: day("2024-09-10"), agency: "平川区人社局",
                                        text: nil, replyDue: day("2024-11-10"), replied: nil, replySummary: nil,
                                        secured: .zero, lettersRenewed: 0, projectIDs: [1], guaranteeIDs: [],
                                        createdAt: "")]
        #expect(world.codes(on: "2024-11-10") == [])
        let alerts = world.alerts(on: "2024-11-11")
        #expect(alerts.map(\.code) == [.suggestionReplyOverdue] && alerts[0].suggestionID == 3)
    }

    @Test func mostUrgentFirst() {
        var world = MonitorWorld()
        world.letter(ends: "2025-03-01", amount: 300_000_000)
        world.letter(ends: "2025-02-01", amount: 1)
        world.openCases = [5]
        let codes = world.codes(on: "2025-02-10")
        #expect(codes == [.guaranteeExpired, .arrearsDepositUnused, .belowRequired, .guaranteeExpiring])
    }

    @Test func stateIsDerivedFromEvents() {
        var world = MonitorWorld()
        world.letter(ends: "2026-01-01", amount: 1000)
        world.event(1, .drawn, "2025-01-05", amount: 300)
        world.event(1, .replenished, "2025-01-08", amount: 100)
        let state = GuaranteeState.derive(world.guarantees[0], events: world.events, asOf: day("2025-01-10"))
        #expect(state.balance == Fen(800) && state.unreplenished == Fen(200) && state.drawnTotal == Fen(300))
        #expect(state.unreplenishedSince == day("2025-01-05") && state.status == .active)
        let earlier = GuaranteeState.derive(world.guarantees[0], events: world.events, asOf: day("2025-01-06"))
        #expect(earlier.balance == Fen(700))
        #expect(GuaranteeState.derive(world.guarantees[0], events: world.events, asOf: day("2026-01-02")).status == .expired)
    }
}
