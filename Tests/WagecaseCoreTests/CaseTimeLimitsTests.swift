import Testing
@testable import WagecaseCore

@Suite("A case's time limits (domain.md §9)")
struct CaseTimeLimitsTests {
    func facts(_ stage: CaseStage = .investigating, ended: String? = nil, paymentDue: String? = nil,
               opened: String = "2026-03-02", stageDate: String = "2026-03-02") -> CaseTimeFacts {
        CaseTimeFacts(stage: stage, stageDate: day(stageDate), opened: day(opened), employmentEnded: ended.map(day),
                      paymentDue: paymentDue.map(day), decisionDays: 30, courtFilingDays: 15)
    }

    func due(_ kind: CaseTimeLimit.Kind, _ facts: CaseTimeFacts) throws -> CaseTimeLimit {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        return try #require(CaseTimeLimits.limits(facts, calendar: calendar).first { $0.kind == kind })
    }

    @Test("the arbitration limit: a year from the end of the employment, past a holiday, kept on a 调休 Sunday", arguments: [
        ("2025-10-01", "2026-10-08"),  // 2026-10-01 … 07 are the National Day holiday
        ("2025-09-20", "2026-09-20"),  // a Sunday made a working day
        ("2024-02-29", "2025-02-28"),  // no 29 February: the month's last day
    ])
    func arbitration(ended: String, expected: String) throws {
        let limit = try due(.arbitrationLimitation, facts(ended: ended))
        #expect(limit.due.iso == expected)
        #expect(!limit.provisional)
        #expect(limit.basis.contains("劳动争议调解仲裁法第二十七条") && limit.basis.contains(ended))
    }

    @Test func aLaborServiceClaimHasThreeYearsFromWhenPaymentFellDue() throws {
        let limit = try due(.litigationLimitation, facts(paymentDue: "2023-10-01"))
        #expect(limit.due.iso == "2026-10-08" && limit.basis.contains("民法典第一百八十八条"))
        #expect(limit.kind.rawValue == "litigation-limitation" && limit.kind.isStatutory)
    }

    @Test func aLimitInAYearWithNoPublishedScheduleIsProvisional() throws {
        let limit = try due(.arbitrationLimitation, facts(ended: "2026-03-16"))
        #expect(limit.due.iso == "2027-03-16" && limit.provisional)
    }

    @Test func theOfficesOwnLimitsFollowTheStage() throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        // Accepted 2026-09-08: 30 days later is 2026-10-08, a working day after the holiday.
        let decision = try due(.officeDecision, facts(.accepted, opened: "2026-09-08", stageDate: "2026-09-08"))
        #expect(decision.due.iso == "2026-10-08" && !decision.kind.isStatutory)
        // Accepted 2026-09-01: 30 days later is 2026-10-01, in the holiday: 2026-10-08.
        #expect(try due(.officeDecision, facts(.investigating, opened: "2026-09-01")).due.iso == "2026-10-08")
        let filing = try due(.officeCourtFiling, facts(.letterIssued, opened: "2026-01-05", stageDate: "2026-05-20"))
        #expect(filing.due.iso == "2026-06-04" && filing.basis.contains("2026-05-20"))
        // A decided case has no decision due; a filed one no limitation (the claim was brought); a closed one none.
        let kinds = { (facts: CaseTimeFacts) in CaseTimeLimits.limits(facts, calendar: calendar).map(\.kind) }
        #expect(kinds(facts(.supportDecided, ended: "2025-10-01")) == [.arbitrationLimitation])
        #expect(kinds(facts(.courtFiled, ended: "2025-10-01", paymentDue: "2024-01-01")) == [])
        #expect(kinds(facts(.closed, ended: "2025-10-01")) == [])
        // Soonest first.
        #expect(kinds(facts(.investigating, ended: "2025-05-01", paymentDue: "2023-06-01", opened: "2026-03-02"))
                == [.officeDecision, .arbitrationLimitation, .litigationLimitation])
    }

    @Test("alerts warn 30 days ahead and once passed; a limitation is louder than the office's own day")
    func watchedCasesWarn() throws {
        let calendar = try WorkingDayCalendarTests.loadCalendar()
        func watched(_ id: Int64, _ facts: CaseTimeFacts) -> CaseUnderWatch {
            CaseUnderWatch(id: id, caseNumber: id == 1 ? "平检民支〔2026〕1号" : nil, facts: facts, projectID: 9,
                           projectName: "安置小区", regionCode: "620403")
        }
        let cases = [watched(1, facts(.supportDecided, ended: "2025-10-01")),       // arbitration limit 2026-10-08
                     watched(2, facts(.letterIssued, stageDate: "2026-08-20")),      // court filing 2026-09-04
                     watched(3, facts(.supportDecided, paymentDue: "2024-01-10"))]   // litigation limit 2027-01-11
        // 2026-09-08: the filing day has passed, the arbitration limit is 30 days off, the litigation one is not near.
        let seen = CaseTimeLimits.watch(cases, calendar: calendar, asOf: day("2026-09-08"))
        #expect(seen.alerts.map(\.code) == [.officeDeadlinePassed, .limitationNear])
        #expect(seen.alerts.map(\.caseIDs) == [[2], [1]])
        #expect(seen.alerts[1].daysLeft == 30 && seen.alerts[1].severity == .high)
        #expect(seen.alerts[1].detail == "案件平检民支〔2026〕1号劳动仲裁时效将于2026-10-08届满（劳动关系于2025-10-01终止，劳动争议调解仲裁法第二十七条：终止之日起一年内申请仲裁）")
        #expect(seen.alerts[0].detail.hasPrefix("案件#2起诉期限已于2026-09-04届满"))
        #expect(seen.deadlines.map(\.kind) == [.officeCourtFiling, .arbitrationLimitation, .litigationLimitation])
        #expect(seen.deadlines.map(\.caseID) == [2, 1, 3] && seen.deadlines[0].daysLeft == -4)
        // A day before the window the limitation is quiet; after its last day it is critical.
        #expect(!CaseTimeLimits.watch([cases[0]], calendar: calendar, asOf: day("2026-09-07")).alerts
            .contains { $0.code == .limitationNear })
        let passed = CaseTimeLimits.watch([cases[0]], calendar: calendar, asOf: day("2026-10-09")).alerts
        #expect(passed.map(\.code) == [.limitationPassed] && passed[0].severity == .critical && passed[0].daysLeft == -1)
        #expect(CaseTimeLimits.watch([cases[0]], calendar: calendar, asOf: day("2026-10-08")).alerts.map(\.code)
                == [.limitationNear])
        // A digest's part: every alert counted, the most urgent worded as `watch` words them, and the duties passed
        // or due within its window — on every day around the limits, for every cut.
        for offset in stride(from: -10, through: 130, by: 4) {
            let asOf = day("2026-09-01").adding(days: offset)
            let all = CaseTimeLimits.watch(cases, calendar: calendar, asOf: asOf)
            for (window, limit) in [(7, 1), (7, 10), (30, 2)] {
                let part = CaseTimeLimits.digestPart(cases, calendar: calendar, asOf: asOf, window: window, limit: limit)
                #expect(part.alerts == Digest.AlertSummary(all.alerts, limit: limit))
                #expect(part.deadlines == all.deadlines.filter { $0.daysLeft <= window })
            }
        }
    }
}
