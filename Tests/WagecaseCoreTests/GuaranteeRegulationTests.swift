import Foundation
import Testing
import WagecaseTestSupport
@testable import WagecaseCore

/// 人社部发〔2021〕65号, article by article, on dated scenarios. Every date below was counted by hand from the official
/// schedules (Data/holidays, the same as domain.md §5's check vectors) and is checked against the calendar loaded
/// from them: 2025 National Day (Oct 1–8 off, Sep 28 and Oct 11 worked), 2026 Spring Festival (Feb 15–23 off,
/// Feb 14 and Feb 28 worked).
@Suite("The guarantee regulation, article by article")
struct GuaranteeRegulationTests {
    let calendar: WorkingDayCalendar

    init() throws { calendar = try WorkingDayCalendarTests.loadCalendar() }

    func codes(_ world: MonitorWorld, on date: String) -> [AlertCode] {
        world.alerts(on: date, calendar: calendar).map(\.code)
    }

    // MARK: Art. 8 — no deposit is due before it is due

    @Test("the deposit is due the 20th working day after the permit", arguments: [
        // The eve of Spring Festival 2026: 13 and 14 (a worked Saturday), then Feb 24 onwards.
        ("2026-02-12", "2026-03-18"),
        // A permit issued in Spring Festival week counts from the first working day after it.
        ("2026-02-16", "2026-03-20"),
        // The eve of National Day 2025: Sep 28 (a worked Sunday) and Oct 11 (a worked Saturday) count, Oct 1–8 do not.
        ("2025-09-26", "2025-10-30"),
    ])
    func depositDueAfterThePermit(permit: String, due: String) {
        var world = MonitorWorld()
        world.project.permitDate = day(permit)
        world.project.start = day(permit)
        #expect(GuaranteeMonitor.depositDue(world.project, calendar: calendar)?.date == day(due))
        #expect(codes(world, on: due) == [])
        let alerts = world.alerts(on: day(due).adding(days: 1).iso, calendar: calendar)
        #expect(alerts.map(\.code) == [.noGuarantee] && alerts[0].due == day(due) && alerts[0].daysLeft == -1)
        #expect(alerts[0].detail.contains("应于\(due)前（取得施工许可证后20个工作日）存储或提交3,600,000.00元"))
    }

    @Test func aProjectNotYetStartedOwesNothingYet() {
        // The issue's own case: starting 2026-12-15, nothing recorded but the start; not flagged on 2026-11-20.
        var world = MonitorWorld()
        world.project.start = day("2026-12-15")
        #expect(codes(world, on: "2026-11-20") == [])
        // Its deposit is a deadline to come, not an alert.
        let snapshot = MonitorSnapshot(projects: [world.project], guarantees: [], events: [:], openCases: [:],
                                       suggestions: [], rules: [.nationalDefault])
        let deadlines = GuaranteeMonitor.deadlines(snapshot, calendar: calendar, asOf: day("2026-11-20"))
        #expect(deadlines.map(\.kind) == [.lodgeDeposit])
        #expect(deadlines[0].due == calendar.adding(workingDays: 20, to: day("2026-12-15")).date)
    }

    @Test func withoutAPermitTheContractSigningCounts() {
        var world = MonitorWorld()
        world.project.start = day("2026-04-01")
        world.project.contractSigned = day("2026-02-12")
        #expect(codes(world, on: "2026-03-18") == [])
        #expect(codes(world, on: "2026-03-19") == [.noGuarantee])
        // The permit, when recorded, is the day that counts.
        world.project.permitDate = day("2026-02-16")
        #expect(codes(world, on: "2026-03-20") == [])
        #expect(codes(world, on: "2026-03-21") == [.noGuarantee])
    }

    @Test func belowTheRequiredAmountWaitsForTheDueDateToo() {
        var world = MonitorWorld()
        world.project.permitDate = day("2026-02-16")
        world.project.start = day("2026-03-01")
        world.letter(ends: "2028-01-01", amount: 100_000_000)
        #expect(codes(world, on: "2026-03-20") == [])
        #expect(codes(world, on: "2026-03-21") == [.belowRequired])
    }

    // MARK: Art. 11–12 — exemptions with their conditions

    static let smallLine = try! GuaranteeRule(region: "62", effectiveFrom: day("2022-01-01"), name: "300万以下免缴",
                                              ratioBasisPoints: 200, exemptBelow: Fen(300_000_000))

    func small(_ configure: (inout Project) -> Void) -> MonitorWorld {
        var world = MonitorWorld()
        world.project.contractPrice = Fen(250_000_000)
        world.project.permitDate = day("2025-01-06")
        configure(&world.project)
        world.rules = [.nationalDefault, Self.smallLine]
        return world
    }

    @Test func theSmallContractExemptionNeedsNoArrearsInTheYearBefore() {
        let clean = small { $0.priorYearArrears = false }
        #expect(codes(clean, on: "2025-06-01") == [])
        // A contractor in arrears owes 2% of ¥250万 = ¥5万, past the due date.
        let owing = small { $0.priorYearArrears = true }
        let alerts = owing.alerts(on: "2025-06-01", calendar: calendar)
        #expect(alerts.map(\.code) == [.noGuarantee] && alerts[0].detail.contains("50,000.00元"))
        let dishonest = small { $0.standing = .dishonest }
        #expect(codes(dishonest, on: "2025-06-01") == [.noGuarantee])
        // Not recorded: the deposit due cannot be told, which is a fact to complete, not a missing deposit.
        let unknown = small { _ in }
        #expect(codes(unknown, on: "2025-06-01") == [.projectFactsMissing])
        #expect(unknown.alerts(on: "2025-06-01", calendar: calendar)[0].detail.contains("签订合同前一年有无拖欠"))
    }

    @Test func theThreeYearExemptionNeedsRealNameManagementTheWageAccountAndANewProject() {
        let rule = GuaranteeRule.nationalDefault
        var project = MonitorWorld().project
        project.permitDate = day("2025-03-03")
        project.standing = .noArrears3y
        // Without the two conditions: still 3 years without arrears, so at least 2: the 50% reduction.
        #expect(DepositRequirement.of(project, rule: rule) == .required(Fen(180_000_000)))
        project.realNameManagement = true
        #expect(DepositRequirement.of(project, rule: rule) == .required(Fen(180_000_000)))
        project.wageAccount = true
        #expect(DepositRequirement.of(project, rule: rule) == .exempt(.threeYearsNoArrears))
        // A project whose duty arose before the standing held is not a new project (新增工程): the full amount.
        project.standingSince = day("2025-04-01")
        #expect(DepositRequirement.of(project, rule: rule) == .required(Fen(360_000_000)))
        project.standingSince = day("2025-03-03")
        #expect(DepositRequirement.of(project, rule: rule) == .exempt(.threeYearsNoArrears))
        // A project exempt by the rule raises no NO_GUARANTEE, however long it goes without a deposit.
        var world = MonitorWorld()
        world.project = project
        #expect(codes(world, on: "2026-06-01") == [])
        // An increase for arrears applies to every project, new or not.
        project.standing = .arrears2y
        #expect(DepositRequirement.of(project, rule: rule) == .required(Fen(540_000_000)))
    }

    @Test func aProjectTheRuleExemptsIsNotAskedForItsDates() {
        var world = MonitorWorld()
        world.project.start = nil
        world.project.standing = .noArrears3y
        world.project.realNameManagement = true
        world.project.wageAccount = true
        #expect(codes(world, on: "2026-06-01") == [])
        world.project.wageAccount = false
        #expect(codes(world, on: "2026-06-01") == [.projectFactsMissing])
    }

    @Test func aBankPaymentCannotBeDatedAfterToday() throws {
        var world = MonitorWorld()
        world.letter(ends: "2028-01-01", kind: .cashDeposit)
        let guarantee = world.guarantees[0]
        let state = GuaranteeState.derive(guarantee, events: world.events, asOf: day("2025-09-26"))
        expectRefused(.field("paid_on")) {
            try GuaranteeEventRules.check(
                NewGuaranteeEvent(guaranteeID: 1, kind: .drawn, date: day("2025-09-26"), amount: Fen(1), noticeNumber: "支-1",
                                  paidOn: day("2025-09-29")),
                guarantee: guarantee, events: world.events, state: state, projectStatus: .inProgress,
                rule: .nationalDefault, today: day("2025-09-26"))
        }
    }

    @Test func theSeveralProjectsReductionStopsAtHalfAPercent() throws {
        var project = MonitorWorld().project
        project.reducedRatioBasisPoints = 80
        #expect(DepositRequirement.of(project, rule: .nationalDefault) == .required(Fen(144_000_000)))
        project.reducedRatioBasisPoints = 50
        #expect(DepositRequirement.of(project, rule: .nationalDefault) == .required(Fen(90_000_000)))
        expectRefused(.field("reduced_ratio_bp", mentioning: "0.5%")) { try DepositFactChanges.parse(reducedRatio: "49") }
        #expect(try DepositFactChanges.parse(reducedRatio: "0").reducedRatioBasisPoints == 0)  // clears it
        // It lowers, never raises: a rule whose own ratio is lower (on its provincial basis) stands.
        let low = try GuaranteeRule(region: "62", effectiveFrom: day("2024-01-01"), name: "0.4%", ratioBasisPoints: 40,
                                    ratioBasis: "某省文件（示例）")
        #expect(DepositRequirement.of(project, rule: low) == .required(Fen(72_000_000)))
        var cleared = project
        try DepositFactChanges.parse(reducedRatio: "0").apply(to: &cleared)
        #expect(cleared.reducedRatioBasisPoints == nil)
    }

    @Test func capAndFloorComeBeforeOrAfterTheAdjustmentAsTheRuleSays() throws {
        func rule(_ order: String) throws -> GuaranteeRule {
            try JSONDecoder().decode(GuaranteeRule.self, from: Data("""
                {"region": "41", "effective_from": "2022-03-01", "name": "3% 上限300万 下限5万", "ratio_bp": 300,
                 "cap_fen": 300000000, "floor_fen": 5000000, "limits_apply": "\(order)"}
                """.utf8))
        }
        var project = MonitorWorld().project
        project.contractPrice = Fen(10_000_000_000)  // ¥1亿 × 3% = ¥300万
        project.standing = .dishonest                // +100%
        #expect(DepositRequirement.of(project, rule: try rule("before-adjustment")) == .required(Fen(600_000_000)))
        #expect(DepositRequirement.of(project, rule: try rule("after-adjustment")) == .required(Fen(300_000_000)))
        project.contractPrice = Fen(100_000_000)     // ¥100万 × 3% = ¥3万, under the ¥5万 floor
        project.standing = .noArrears2y              // −50%
        #expect(DepositRequirement.of(project, rule: try rule("before-adjustment")) == .required(Fen(2_500_000)))
        #expect(DepositRequirement.of(project, rule: try rule("after-adjustment")) == .required(Fen(5_000_000)))
        expectRefused(.field("limits_apply")) { try rule("sometimes") }
    }

    // MARK: Art. 11, 12, 17, 19, 20, 22 — a rule file cannot go below the law

    @Test("a rule below the regulation is refused with its field and article", arguments: [
        (#""ratio_bp": 350"#, "ratio_bp", "第十一条"),
        (#""ratio_bp": 80"#, "ratio_bp", "第十一条"),
        (#""no_arrears_2y_reduction_pct": 40"#, "no_arrears_2y_reduction_pct", "第十二条"),
        (#""arrears_increase_pct": 30"#, "arrears_increase_pct", "第十二条"),
        (#""dishonest_increase_pct": 80"#, "dishonest_increase_pct", "第十二条"),
        (#""reminder_months": 0"#, "reminder_months", "第十七条"),
        (#""bank_payment_working_days": 7"#, "bank_payment_working_days", "第十九条"),
        (#""replenish_working_days": 15"#, "replenish_working_days", "第二十条"),
        (#""public_notice_days": 20"#, "public_notice_days", "第二十二条"),
        (#""return_review_working_days": 6"#, "return_review_working_days", "第二十二条"),
        (#""bank_return_working_days": 4"#, "bank_return_working_days", "第二十二条"),
    ])
    func ruleFilesCannotGoBelowTheLaw(setting: String, field: String, article: String) throws {
        let ratio = setting.hasPrefix(#""ratio_bp""#) ? "" : #""ratio_bp": 200, "#
        let json = #"{"region": "62", "effective_from": "2024-01-01", "name": "x", "# + ratio + setting + "}"
        do {
            _ = try JSONDecoder().decode(GuaranteeRule.self, from: Data(json.utf8))
            Issue.record("\(setting) was accepted")
        } catch let error as WagecaseError {
            #expect(error.field == field)
            #expect(error.message(.zh).contains(article), "\(error.message(.zh))")
        }
    }

    @Test func aRuleStricterThanTheLawOrWithItsProvincialBasisLoads() throws {
        let strict = #"{"region": "62", "effective_from": "2024-01-01", "name": "严于国家规定", "ratio_bp": 300, "#
            + #""no_arrears_2y_reduction_pct": 60, "arrears_increase_pct": 80, "dishonest_increase_pct": 150, "#
            + #""reminder_months": 2, "replenish_working_days": 7, "public_notice_days": 45, "bank_payment_working_days": 3}"#
        #expect(try JSONDecoder().decode(GuaranteeRule.self, from: Data(strict.utf8)).replenishWorkingDays == 7)
        let based = #"{"region": "62", "effective_from": "2024-01-01", "name": "x", "ratio_bp": 400, "#
            + #""ratio_basis": "某省人社厅文件（示例）"}"#
        #expect(try JSONDecoder().decode(GuaranteeRule.self, from: Data(based.utf8)).ratioBasisPoints == 400)
        // The example file shipped with the product is within the law.
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("contrib/rules/example-province.json")
        #expect(try JSONDecoder().decode(GuaranteeRuleFile.self, from: Data(contentsOf: file)).rules.count == 2)
    }

    // MARK: Art. 17 — letters checked when recorded

    @Test func aLetterIsValidAYearAndTheContractPeriod() throws {
        var project = MonitorWorld().project
        func letter(_ effective: String, _ ends: String, kind: GuaranteeKind = .bankLetter) throws -> NewGuarantee {
            try NewGuarantee(project: .id(1), kind: kind, amount: Fen(1), effective: day(effective), ends: day(ends))
        }
        #expect(try letter("2026-01-01", "2026-12-31").validityProblem(project: project) == nil)
        #expect(try letter("2026-01-01", "2026-12-30").validityProblem(project: project)?.field == "ends")
        #expect(try letter("2024-02-29", "2025-02-27").validityProblem(project: project)?.field == "ends")
        #expect(try letter("2024-02-29", "2025-02-28").validityProblem(project: project) == nil)
        project.plannedCompletion = day("2027-06-30")
        let short = try letter("2026-01-01", "2027-06-29", kind: .insurance).validityProblem(project: project)
        #expect(short?.message(.zh).contains("第十七条") == true && short?.message(.zh).contains("2027-06-30") == true)
        #expect(try letter("2026-01-01", "2027-06-30").validityProblem(project: project) == nil)
        let cash = try NewGuarantee(project: .id(1), kind: .cashDeposit, amount: Fen(1), effective: day("2026-01-01"))
        #expect(cash.validityProblem(project: project) == nil)
    }

    // MARK: Art. 19 — the bank pays within 5 working days

    @Test func theBankIsLateAfterFiveWorkingDays() throws {
        var world = MonitorWorld()
        world.letter(ends: "2028-01-01", kind: .cashDeposit)
        world.event(1, .drawn, "2025-09-26", amount: 10_000_000, notice: "支-1", bankPaid: false)
        world.event(1, .replenished, "2025-09-29", amount: 10_000_000)
        // 2025-09-26 + 5 working days = 2025-10-10 (domain.md §5).
        #expect(codes(world, on: "2025-10-10") == [])
        let late = world.alerts(on: "2025-10-11", calendar: calendar)
        #expect(late.map(\.code) == [.bankPaymentLate] && late[0].due == day("2025-10-10"))
        #expect(late[0].detail.contains("支-1"))
        world.event(1, .bankPaid, "2025-10-13", notice: "支-1")
        #expect(codes(world, on: "2025-10-14") == [])
        // Before it was paid, it was late on that day still.
        #expect(codes(world, on: "2025-10-12") == [.bankPaymentLate])
    }

    @Test func aDrawFollowsAnOrderToPayThatWasNotMet() throws {
        expectRefused(.field("order_due", mentioning: "Art. 19")) {
            try NewGuaranteeEvent(guaranteeID: 1, kind: .drawn, date: day("2025-09-26"), amount: Fen(1), noticeNumber: "支-1",
                                  orderNumber: "令-1", orderDue: day("2025-09-26"))
        }
        let draw = try NewGuaranteeEvent(guaranteeID: 1, kind: .drawn, date: day("2025-09-26"), amount: Fen(1),
                                         noticeNumber: "支-1", orderNumber: "令-1", orderDue: day("2025-09-25"))
        #expect(draw.orderNumber == "令-1")
        expectRefused(.field("order")) {
            try NewGuaranteeEvent(guaranteeID: 1, kind: .replenished, date: day("2025-09-26"), amount: Fen(1),
                                  orderNumber: "令-1")
        }
        expectRefused(.field("paid_on")) {
            try NewGuaranteeEvent(guaranteeID: 1, kind: .drawn, date: day("2025-09-26"), amount: Fen(1), noticeNumber: "支-1",
                                  paidOn: day("2025-09-25"))
        }
    }

    // MARK: Art. 20 — each draw its own clock

    @Test func twoDrawsNineDaysApartWithTheFirstToppedUpGiveTheSecondDrawsDeadline() {
        var world = MonitorWorld()
        world.letter(ends: "2028-01-01", kind: .cashDeposit)
        world.event(1, .drawn, "2025-09-17", amount: 10_000_000, notice: "支-1")
        world.event(1, .drawn, "2025-09-26", amount: 5_000_000, notice: "支-2")
        // The first's deadline: 2025-09-17 + 10 working days = 2025-09-30 (Sep 28, a Sunday, is worked).
        let first = world.alerts(on: "2025-10-01", calendar: calendar)
        #expect(first.map(\.code) == [.replenishOverdue] && first[0].due == day("2025-09-30"))
        // Topping up ¥10万 settles the oldest draw first: what remains is the second's, due 2025-10-16.
        world.event(1, .replenished, "2025-09-29", amount: 10_000_000)
        #expect(codes(world, on: "2025-10-01") == [])
        #expect(codes(world, on: "2025-10-16") == [])
        let second = world.alerts(on: "2025-10-17", calendar: calendar)
        #expect(second.map(\.code) == [.replenishOverdue] && second[0].due == day("2025-10-16"))
        #expect(second[0].detail.contains("50,000.00元"))
        let state = GuaranteeState.derive(world.guarantees[0], events: world.events, asOf: day("2025-10-17"))
        #expect(state.drawsToReplenish.map(\.noticeNumber) == ["支-2"] && state.unreplenishedSince == day("2025-09-26"))
    }

    @Test func belowRequiredDoesNotFireInsideAnOpenReplenishmentWindow() {
        var world = MonitorWorld()
        world.project.permitDate = day("2024-02-01")
        world.letter(ends: "2028-01-01", amount: 360_000_000, kind: .cashDeposit)
        world.event(1, .drawn, "2025-09-26", amount: 100_000_000, notice: "支-1")
        #expect(codes(world, on: "2025-10-16") == [])
        // Past the window the open draw is the one problem.
        #expect(codes(world, on: "2025-10-17") == [.replenishOverdue])
    }

    // MARK: Art. 22 — returns in the law's order

    @Test func anApplicationWithoutACompletedNoticeIsRefused() throws {
        var world = MonitorWorld()
        world.letter(ends: "2028-01-01", kind: .cashDeposit)
        let guarantee = world.guarantees[0]
        func check(_ kind: GuaranteeEventKind, _ date: String, completed: Bool = true) throws {
            let state = GuaranteeState.derive(guarantee, events: world.events, asOf: day(date))
            try GuaranteeEventRules.check(
                NewGuaranteeEvent(guaranteeID: 1, kind: kind, date: day(date)), guarantee: guarantee,
                events: world.events, state: state, projectStatus: completed ? .completed : .inProgress,
                rule: .nationalDefault, today: day("2026-01-01"))
        }
        expectRefused(.state(action: "publish the notice")) { try check(.noticeStarted, "2025-06-02", completed: false) }
        expectRefused(.state(action: "record return applied for")) { try check(.returnRequested, "2025-06-02") }
        try check(.noticeStarted, "2025-06-02")
        world.event(1, .noticeStarted, "2025-06-02")
        // The 30 days count from the day after the notice starts (民法典 Art. 201): it runs through 2025-07-02.
        expectRefused(.field("on", mentioning: "2025-07-02")) { try check(.returnRequested, "2025-07-02") }
        expectRefused(.state(action: "record arrears found")) { try check(.arrearsNotified, "2025-07-02") }
        try check(.returnRequested, "2025-07-03")
    }

    @Test func returnOverdueCountsFromTheApplication() {
        var world = MonitorWorld()
        world.letter(ends: "2028-01-01", kind: .cashDeposit)
        world.project.status = .completed
        world.project.actualCompletion = day("2025-07-01")
        world.event(1, .noticeStarted, "2025-07-15")
        // Applied for on the eve of National Day: 5 working days to review (Oct 10), 3 more to confirm (Oct 11, a
        // worked Saturday, then 13 and 14).
        world.event(1, .returnRequested, "2025-09-26")
        #expect(codes(world, on: "2025-10-14") == [])
        let overdue = world.alerts(on: "2025-10-15", calendar: calendar)
        #expect(overdue.map(\.code) == [.returnOverdue] && overdue[0].due == day("2025-10-14"))
        #expect(!overdue[0].provisional)
        // Arrears found in review, said in writing: the application is answered; a new notice comes first.
        world.event(1, .arrearsNotified, "2025-10-13")
        #expect(codes(world, on: "2025-10-16") == [])
        let state = GuaranteeState.derive(world.guarantees[0], events: world.events, asOf: day("2025-10-16"))
        #expect(state.status == .active && state.arrearsNotified == day("2025-10-13") && state.noticeStarted == nil)
    }

    @Test func theSixMonthlyReviewListsDepositsDueForReturn() {
        var world = MonitorWorld()
        world.letter(ends: "2028-01-01", kind: .cashDeposit)
        world.project.status = .completed
        world.project.actualCompletion = day("2025-01-15")
        func due(_ date: String, open: Int = 0) -> [Digest.ReturnDue] {
            let snapshot = MonitorSnapshot(projects: [world.project], guarantees: world.guarantees,
                                           events: Dictionary(grouping: world.events, by: \.guaranteeID),
                                           openCases: [:], suggestions: [], rules: [.nationalDefault])
            return GuaranteeMonitor.returnsDue(snapshot, openCaseCounts: open > 0 ? [1: open] : [:], asOf: day(date))
        }
        #expect(due("2025-01-14").isEmpty)  // not yet completed
        let listed = due("2025-07-14")
        #expect(listed.map(\.step) == [.notStarted] && listed[0].monthsSinceCompletion == 5 && !listed[0].pastAReview)
        #expect(due("2025-07-15")[0].monthsSinceCompletion == 6 && due("2025-07-15")[0].pastAReview)
        #expect(due("2025-07-15", open: 1).isEmpty)  // arrears open: not due
        world.event(1, .noticeStarted, "2025-08-01")
        #expect(due("2025-08-02").map(\.step) == [.inNotice])
        world.event(1, .returnRequested, "2025-09-01")
        #expect(due("2025-09-02").map(\.step) == [.applied])
        world.event(1, .returned, "2025-09-05")
        #expect(due("2025-09-06").isEmpty)
        #expect(due("2025-09-04").map(\.step) == [.applied])  // as it stood then
    }

    // MARK: As of the date asked

    @Test func aProjectCompletedSinceWasUnfinishedOnTheDayAsked() {
        var world = MonitorWorld()
        world.letter(ends: "2025-03-01")
        world.project.status = .completed
        world.project.actualCompletion = day("2025-06-30")
        #expect(codes(world, on: "2025-03-10") == [.guaranteeExpired])
        #expect(codes(world, on: "2025-07-01") == [])
    }

    @Test func aSuggestionAnsweredSinceWasWaitingOnTheDayAsked() {
        var world = MonitorWorld()
        world.project.status = .suspended
        world.suggestions = [Suggestion(id: 3, number: "平检行建〔2024〕1号", issued: day("2024-09-10"), agency: "平川区人社局",
                                        text: nil, replyDue: day("2024-11-10"), replied: day("2024-12-01"),
                                        replySummary: "已督促", secured: .zero, lettersRenewed: 0, projectIDs: [],
                                        guaranteeIDs: [], createdAt: "")]
        #expect(codes(world, on: "2024-11-20") == [.suggestionReplyOverdue])
        #expect(codes(world, on: "2024-12-02") == [])
        #expect(codes(world, on: "2024-09-01") == [])  // not yet issued
    }

    @Test func aDrawYearsAgoDoesNotAnswerArrearsThatAroseSince() {
        var world = MonitorWorld()
        world.letter(ends: "2028-01-01", kind: .cashDeposit)
        world.event(1, .drawn, "2024-06-03", amount: 1, notice: "支-1")
        world.event(1, .replenished, "2024-06-05", amount: 1)
        world.openCases = [7]
        world.latestOpened = day("2024-05-20")
        #expect(codes(world, on: "2025-01-01") == [])
        world.openCases = [7, 9]
        world.latestOpened = day("2025-03-02")
        let alerts = world.alerts(on: "2025-04-01", calendar: calendar)
        #expect(alerts.map(\.code) == [.arrearsDepositUnused] && alerts[0].detail.contains("2024-06-03"))
    }

    @Test func aCompletedProjectWithArrearsAndNoDepositIsFlagged() {
        var world = MonitorWorld()
        world.project.status = .completed
        world.project.actualCompletion = day("2024-12-31")
        world.openCases = [4, 5]
        let alerts = world.alerts(on: "2025-04-01", calendar: calendar)
        #expect(alerts.map(\.code) == [.arrearsDepositUnused] && alerts[0].caseIDs == [4, 5])
        #expect(alerts[0].detail.contains("无可动用的保证金"))
    }

    @Test func oneMeaningOfAnOpenCase() {
        #expect(CaseStage.allCases.filter { !$0.isOpen } == [.declined, .withdrawn, .closed])
    }
}
