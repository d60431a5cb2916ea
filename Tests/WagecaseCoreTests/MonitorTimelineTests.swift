import PropertyBased
import Testing
import WagecaseTestSupport
@testable import WagecaseCore

/// A project's findings kept as spans are, on every day, what the monitor finds on that day.
@Suite("The monitor's findings as spans")
struct MonitorTimelineTests {
    private static let base = day("2024-01-01")

    /// A random project with every fact the monitor weighs, guarantees of every kind with events of every kind
    /// (draws paid and unpaid, renewals, returns, equal events on one day), rules that differ from the national
    /// one and come into force on their own days, and a calendar with holidays and make-up days.
    static func world(seed: UInt64) -> (Project, [Guarantee], [Int64: [GuaranteeEvent]], [GuaranteeRule], WorkingDayCalendar) {
        var random = SplitMix(state: seed)
        func someDay(_ range: Range<Int>) -> LocalDate { base.adding(days: Int.random(in: range, using: &random)) }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &random) ? value() : nil }
        var project = Project(id: 7, name: "项目", employerID: 1, employerName: "甲公司", location: nil,
                              regionCode: ["620403", "110101", nil].randomElement(using: &random)!,
                              contractPrice: maybe(Fen(Int64.random(in: 0...30_000_000_000, using: &random))),
                              start: maybe(someDay(0..<200)), actualCompletion: maybe(someDay(100..<700)),
                              status: ProjectStatus.allCases.randomElement(using: &random)!,
                              standing: ContractorStanding.allCases.randomElement(using: &random)!,
                              exemptionReason: Int.random(in: 0..<8, using: &random) == 0 ? "批准" : nil, createdAt: "")
        project.permitDate = maybe(someDay(0..<200))
        project.contractSigned = maybe(someDay(0..<200))
        project.priorYearArrears = maybe(Bool.random(using: &random))
        project.realNameManagement = Bool.random(using: &random)
        project.wageAccount = Bool.random(using: &random)
        project.standingSince = maybe(someDay(-100..<300))
        project.reducedRatioBasisPoints = maybe(Int.random(in: 10...300, using: &random))
        var rules: [GuaranteeRule] = []
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            if let rule = try? GuaranteeRule(
                region: ["", "62", "6204"].randomElement(using: &random)!, effectiveFrom: someDay(-100..<500),
                name: "规则", ratioBasisPoints: Int.random(in: 100...300, using: &random),
                exemptBelow: maybe(Fen(Int64.random(in: 0...5_000_000_000, using: &random))),
                reminderMonths: Int.random(in: 1...3, using: &random),
                replenishWorkingDays: Int.random(in: 1...10, using: &random),
                returnReviewWorkingDays: Int.random(in: 1...5, using: &random),
                bankReturnWorkingDays: Int.random(in: 1...3, using: &random),
                bankPaymentWorkingDays: Int.random(in: 1...5, using: &random)) {
                rules.append(rule)
            }
        }
        var guarantees: [Guarantee] = []
        var events: [Int64: [GuaranteeEvent]] = [:]
        var eventID: Int64 = 0
        for n in 0..<Int.random(in: 0...3, using: &random) {
            let id = Int64(n + 1)
            let kind = GuaranteeKind.allCases.randomElement(using: &random)!
            let effective = someDay(-30..<300)
            let amount = Int64.random(in: 1...900_000_000, using: &random)
            guarantees.append(Guarantee(id: id, projectID: project.id, kind: kind, amount: Fen(amount), issuer: nil,
                                        documentNumber: "G-\(id)", effective: effective,
                                        ends: kind.hasEndDate ? effective.adding(days: Int.random(in: -10...500, using: &random)) : nil,
                                        createdAt: ""))
            var history: [GuaranteeEvent] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                eventID += 1
                let eventKind = GuaranteeEventKind.allCases.randomElement(using: &random)!
                let date = effective.adding(days: Int.random(in: -20..<400, using: &random))
                var event = GuaranteeEvent(
                    id: eventID, guaranteeID: id, kind: eventKind, date: date,
                    amount: [.lodged, .drawn, .replenished, .replaced].contains(eventKind)
                        ? Fen(Int64.random(in: 1...amount, using: &random)) : nil,
                    noticeNumber: "N-\(Int.random(in: 0..<2, using: &random))",
                    newEnds: [.renewed, .replaced].contains(eventKind) ? maybe(date.adding(days: Int.random(in: -30..<400, using: &random))) : nil,
                    actor: "t")
                if eventKind == .drawn { event.paidOn = maybe(date.adding(days: Int.random(in: 0..<12, using: &random))) }
                history.append(event)
                // Two equal draws on one day: equal findings told apart.
                if eventKind == .drawn && Int.random(in: 0..<4, using: &random) == 0 {
                    eventID += 1
                    event.id = eventID
                    history.append(event)
                }
            }
            events[id] = history.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        }
        var schedules: [HolidaySchedule] = []
        if Bool.random(using: &random), let schedule = try? HolidaySchedule(year: 2024, papers: [], days: [
            .init(name: "春节", date: day("2024-02-12"), isOffDay: true),
            .init(name: "春节", date: day("2024-02-13"), isOffDay: true),
            .init(name: "春节", date: day("2024-02-18"), isOffDay: false),
            .init(name: "国庆节", date: day("2024-10-01"), isOffDay: true),
        ]) {
            schedules.append(schedule)
        }
        return (project, guarantees, events, rules, WorkingDayCalendar(schedules: schedules))
    }

    private func counted(_ findings: [MonitorFinding]) -> [MonitorFinding: Int] {
        findings.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    @Test func theSpansCoveringAnyDayAreWhatTheMonitorFindsThatDay() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0 ... .max)) { seed in
            let (project, guarantees, events, rules, calendar) = Self.world(seed: seed)
            let spans = MonitorTimeline.spans(project, guarantees: guarantees, events: events, rules: rules,
                                              calendar: calendar)
            for offset in stride(from: -160, through: 1_000, by: 1) {
                let day = Self.base.adding(days: offset)
                let found = MonitorTimeline.findings(project, guarantees: guarantees, events: events, rules: rules,
                                                     calendar: calendar, asOf: day)
                let kept = spans.filter { $0.covers(day) }.map(\.finding)
                if counted(kept) != counted(found) {
                    Issue.record("seed \(seed), \(day): kept \(kept), found \(found)")
                    return
                }
            }
        }
    }

    @Test func spansOfOneFindingNeitherOverlapNorTouch() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0 ... .max)) { seed in
            let (project, guarantees, events, rules, calendar) = Self.world(seed: seed)
            let spans = MonitorTimeline.spans(project, guarantees: guarantees, events: events, rules: rules,
                                              calendar: calendar)
            for span in spans {
                if let from = span.from, let until = span.until { #expect(from < until, "seed \(seed)") }
            }
            // One finding's spans never end and start on one day: that would have been one span.
            for finding in Set(spans.map(\.finding)) {
                let own = spans.filter { $0.finding == finding }
                let joined = Set(own.compactMap(\.from)).intersection(own.compactMap(\.until))
                #expect(joined.isEmpty, "seed \(seed): \(finding) ends and starts again on \(joined)")
            }
        }
    }

    @Test func aLetterIsFoundExpiringThenExpiredOnItsDays() throws {
        let project = Project(id: 1, name: "项目", employerID: 1, employerName: "甲", location: nil,
                              contractPrice: Fen(100_000_000), start: day("2024-01-02"), createdAt: "")
        let letter = Guarantee(id: 3, projectID: 1, kind: .bankLetter, amount: Fen(2_000_000), issuer: nil,
                               documentNumber: "BH-1", effective: day("2024-01-10"), ends: day("2024-06-30"), createdAt: "")
        let events: [Int64: [GuaranteeEvent]] = [3: [GuaranteeEvent(id: 1, guaranteeID: 3, kind: .lodged, date: day("2024-01-10"),
                                         amount: Fen(2_000_000), actor: "t")]]
        let spans = MonitorTimeline.spans(project, guarantees: [letter], events: events, rules: [],
                                          calendar: WorkingDayCalendar())
        // The words are kept with the alert (and split its span when they change): here one span each.
        let alerts = spans.filter { $0.finding.kind == .alert }.map { span in
            var wordless = span
            (wordless.finding.detail, wordless.finding.detailEn) = (nil, nil)
            return wordless
        }
        #expect(spans.contains { $0.finding.code == "GUARANTEE_EXPIRING" && $0.finding.detail == "银行保函 BH-1将于2024-06-30到期，项目未完工，应提醒续期或改为存储现金保证金" })
        #expect(alerts.contains(MonitorFindingSpan(
            finding: .init(kind: .alert, code: "GUARANTEE_EXPIRING", guaranteeID: 3, date: day("2024-06-30"), flag: false),
            from: day("2024-05-30"), until: day("2024-07-01"))))
        #expect(alerts.contains(MonitorFindingSpan(
            finding: .init(kind: .alert, code: "GUARANTEE_EXPIRED", guaranteeID: 3, date: day("2024-06-30"), flag: false),
            from: day("2024-07-01"), until: nil)))
        // The letter's end is a duty from the day it takes effect, and the deposit is owed all along.
        #expect(spans.contains(MonitorFindingSpan(
            finding: .init(kind: .deadline, code: "letter-ends", guaranteeID: 3, date: day("2024-06-30"), flag: false),
            from: day("2024-01-10"), until: nil)))
        #expect(spans.contains { $0.finding.kind == .owing && $0.from == nil })
    }
}
