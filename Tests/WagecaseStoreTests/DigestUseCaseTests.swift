import Foundation
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

@Suite("Digest use-case")
struct DigestUseCaseTests {
    private func sampleDatabase() throws -> AppDatabase {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        return database
    }

    /// The digest's three sets of figures are exactly `statistics` for the same ranges.
    @Test(arguments: ["2024-06-03", "2024-09-02", "2024-12-09", "2025-01-13"])
    func figuresEqualStatisticsForTheSameRanges(_ asOf: String) throws {
        let database = try sampleDatabase()
        let period = DigestPeriod.week(before: date(asOf))
        let digest = try database.digest(period, asOf: date(asOf))
        #expect(digest.current == (try database.statistics(period.range)))
        #expect(digest.previous == (try database.statistics(period.previous.range)))
        #expect(digest.yearToDate == (try database.statistics(period.yearToDate)))
        let month = try DigestPeriod.month("2024-12")
        let summary = try database.digest(month, asOf: date(asOf))
        #expect(summary.current == (try database.statistics(month.range)))
        #expect(summary.yearToDate == (try database.statistics(month.yearToDate)))
    }

    /// The overview page's digest is the full one without the case lists and the monthly trend: every figure,
    /// alert, deadline and week of the chart the same.
    @Test(arguments: ["2024-09-02", "2024-12-09"])
    func overviewScopeLeavesOutOnlyTheLists(_ asOf: String) throws {
        let database = try sampleDatabase()
        for period in [DigestPeriod.week(before: date(asOf)), try DigestPeriod.month("2024-12")] {
            let full = try database.digest(period, asOf: date(asOf))
            let overview = try database.digest(period, asOf: date(asOf), scope: .overview)
            #expect(full.largestOpenCases.total > 0)
            #expect(overview.largestOpenCases.items.isEmpty && overview.openSeries.items.isEmpty)
            #expect(overview.recoveredByMonth.isEmpty)
            var trimmed = full
            trimmed.largestOpenCases = .init(total: 0, items: [])
            trimmed.openSeries = .init(total: 0, items: [])
            trimmed.recoveredByMonth = []
            #expect(overview == trimmed)
        }
    }

    /// Overdue items are the monitor's overdue findings, one for one; due-soon items are 0–7 days ahead.
    @Test func overdueItemsMatchTheMonitorsOverdueAlerts() throws {
        let database = try sampleDatabase()
        for asOf in ["2024-06-01", "2024-08-26", "2024-12-20", "2025-01-15"].map(date) {
            let digest = try database.digest(.week(before: asOf), asOf: asOf, limit: 1000)
            let overdueCodes: Set<AlertCode> = [.guaranteeExpired, .replenishOverdue, .returnOverdue, .suggestionReplyOverdue,
                                                 .limitationPassed, .officeDeadlinePassed]
            let alerts = try database.alerts(asOf: asOf).filter { overdueCodes.contains($0.code) }
            #expect(digest.overdue.total == alerts.count, "as of \(asOf)")
            // Each overdue item is its alert's record: a guarantee, a suggestion (negative) or a case (offset).
            func record(_ guarantee: Int64?, _ suggestion: Int64?, _ wageCase: Int64?) -> Int64 {
                guarantee ?? suggestion.map { -$0 } ?? 1_000_000 + (wageCase ?? 0)
            }
            #expect(Set(digest.overdue.items.map { record($0.guaranteeID, $0.suggestionID, $0.caseID) })
                    == Set(alerts.map { record($0.guaranteeID, $0.suggestionID, $0.caseIDs.first) }))
            #expect(digest.dueSoon.items.allSatisfy { (0...7).contains($0.daysLeft) })
            #expect(digest.alerts.total == (try database.alerts(asOf: asOf)).count)
        }
        // 2024-08-26: bank letter BH620403-2023-017 ends 2024-09-01 on an unfinished project: due in 6 days.
        let digest = try database.digest(.week(before: date("2024-08-26")), asOf: date("2024-08-26"))
        let letter = try #require(digest.dueSoon.items.first { $0.kind == .letterEnds })
        #expect(letter.due == date("2024-09-01") && letter.daysLeft == 6)
    }

    /// Largest open cases are ranked by claimed − recovered with exact fen, and the chart adds up to the
    /// recoveries of its twelve weeks.
    @Test func largestOpenCasesAndWeeklyChartAreExact() throws {
        let database = try sampleDatabase()
        let asOf = date("2024-12-09")
        let digest = try database.digest(.week(before: asOf), asOf: asOf, limit: 1000)
        // The cases as they stood on the day asked, from each one's own history: opened by then, at the stage its
        // last event by then gave, with what had been recovered by then.
        let stood = try database.cases(CaseFilter(limit: 1000)).compactMap { wageCase -> WageCase? in
            let detail = try database.caseDetail(CaseReference("#\(wageCase.id)"))
            guard wageCase.opened <= asOf, let stage = detail.events.last(where: { $0.date <= asOf })?.stage,
                  stage.isOpen else { return nil }
            var then = wageCase
            then.recovered = detail.recoveries.filter { $0.paid <= asOf }.reduce(.zero) { $0 + $1.amount }
            return then
        }
        // The sample's cases moved on since: the day asked is not today.
        let openNow = try database.cases(CaseFilter(limit: 1000)).filter(\.stage.isOpen)
        #expect(Set(stood.map(\.id)) != Set(openNow.map(\.id)) || stood.map(\.recovered) != openNow.map(\.recovered))
        #expect(digest.largestOpenCases.total == stood.count)
        let expected = stood.sorted { ($1.claimed - $1.recovered, $0.id) < ($0.claimed - $0.recovered, $1.id) }
        #expect(digest.largestOpenCases.items.map(\.caseID) == expected.map(\.id))
        #expect(digest.largestOpenCases.items.map(\.recovered) == expected.map(\.recovered))
        // Short lists, and after a payment since the day on the case that owed most then: the same first few.
        for when in ["as recorded", "paid since"] {
            if when == "paid since", let first = expected.first {
                _ = try database.recordRecovery(NewRecovery(caseReference: .init("#\(first.id)"), amount: Fen(1),
                                                            paid: database.today, route: .employerPaid), actor: "test")
            }
            for limit in [1, 2, 3] {
                let short = try database.digest(.week(before: asOf), asOf: asOf, limit: limit).largestOpenCases
                #expect(short.total == stood.count, "\(when)")
                #expect(short.items.map(\.caseID) == expected.prefix(limit).map(\.id), "\(when), limit \(limit)")
                #expect(short.items.map(\.recovered) == expected.prefix(limit).map(\.recovered), "\(when), limit \(limit)")
            }
        }
        let weeks = digest.recoveredByWeek
        #expect(weeks.count == 12 && weeks.last!.weekOf == date("2024-12-02") && weeks.allSatisfy { $0.weekOf.isoWeekday == 1 })
        let chartRange = try DateRange(from: weeks[0].weekOf, to: weeks.last!.weekOf.adding(days: 6))
        #expect(weeks.map(\.recovered).reduce(.zero, +) == (try database.statistics(chartRange)).recovered)
        #expect(digest.openSeries.items.allSatisfy { $0.openCases > 0 && $0.openCases <= $0.cases })
    }

    /// As of today the largest open cases come from what is kept as cases and recoveries change (schema v19): the
    /// same cases, order and amounts as the records give, after recoveries are recorded and reversed and cases move.
    @Test func todaysLargestOpenCasesAreTheRecords() throws {
        let database = try sampleDatabase()
        func expectRecords(_ when: String) throws {
            let digest = try database.digest(.week(before: database.today), limit: 1000)
            let open = try database.cases(CaseFilter(limit: 1000)).filter(\.stage.isOpen)
            let expected = open.sorted { ($1.claimed - $1.recovered, $0.id) < ($0.claimed - $0.recovered, $1.id) }
            #expect(digest.largestOpenCases.total == open.count, "\(when)")
            #expect(digest.largestOpenCases.items.map(\.caseID) == expected.map(\.id), "\(when)")
            #expect(digest.largestOpenCases.items.map(\.recovered) == expected.map(\.recovered), "\(when)")
        }
        try expectRecords("the sample")
        let open = try database.cases(CaseFilter(limit: 1000)).filter(\.stage.isOpen)
        let smallest = try #require(open.min { ($0.claimed - $0.recovered) < ($1.claimed - $1.recovered) })
        let recovery = try database.recordRecovery(
            NewRecovery(caseReference: .init("#\(smallest.id)"), amount: Fen(1), paid: database.today, route: .employerPaid),
            actor: "test")
        try expectRecords("a recovery recorded")
        _ = try database.reverseRecovery(id: recovery.id, reason: "录入错误", actor: "test")
        try expectRecords("the recovery reversed")
        if let largest = open.max(by: { ($0.claimed - $0.recovered) < ($1.claimed - $1.recovered) }) {
            try database.writer.write { db in
                try db.execute(sql: "UPDATE wage_case SET stage = 'closed' WHERE id = ?", arguments: [largest.id])
            }
            try expectRecords("the largest case closed")
        }
    }

    /// A cut list keeps its total.
    @Test func listsAreCutToTheLimitWithTheirTotals() throws {
        let database = try sampleDatabase()
        let digest = try database.digest(.week(before: date("2024-12-09")), asOf: date("2024-12-09"), limit: 2)
        #expect(digest.largestOpenCases.items.count == 2 && digest.largestOpenCases.total > 2)
        #expect(digest.alerts.mostUrgent.count <= 2)
    }
}
