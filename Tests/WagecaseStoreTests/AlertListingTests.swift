import GRDB
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// The list of every alert of a day, read from the findings kept with their words (schema.sql v22) and merged with
/// what is found afresh, against the same list found afresh from every project, guarantee and open case.
@Suite("Every alert of a day, read from what is kept")
struct AlertListingTests {
    @Test("the kept list is the list found afresh on every other day of two years and after today",
          arguments: [21, 22] as [UInt64])
    func everyDay(seed: UInt64) throws {
        let database = try MonitorFindingsKeptTests.world(seed: seed)
        let today = database.today
        // A worker joining an early clue's crew later: a project's cases are not in the order of its clues.
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO wage_case (clue_id, worker_id, claimed_fen, opened_on, stage, stage_on, created_at)
                SELECT c.clue_id, (SELECT MAX(id) FROM worker), 100000, '2024-03-01', 'accepted', '2024-03-01',
                       '2024-03-01T00:00:00+08:00'
                FROM wage_case c JOIN clue l ON l.id = c.clue_id
                WHERE l.project_id IS NOT NULL AND c.worker_id <> (SELECT MAX(id) FROM worker)
                ORDER BY c.id LIMIT 1
                """)
        }
        // Past days list each project's open cases on the day; today and after read the kept open cases.
        let days = stride(from: -40, through: 700, by: 2).map { date("2024-01-01").adding(days: $0) }
            + (0...12).map { today.adding(days: $0 * 31) }
        var seen = Set<AlertCode>()
        var longest = 0, listedCases = 0
        for day in days {
            let kept = try database.alerts(asOf: day)
            let afresh = try database.alertsFoundAfresh(asOf: day)
            #expect(kept == afresh, "seed \(seed), \(day): \(kept.count) kept, \(afresh.count) found afresh")
            guard kept == afresh else { return }
            seen.formUnion(kept.map(\.code))
            longest = max(longest, kept.count)
            if day >= today { listedCases += kept.reduce(0) { $0 + $1.caseIDs.count } }
        }
        // Rich enough to order: many alerts at once, of most kinds, arrears with their cases after today too.
        #expect(longest > 30, "\(longest)")
        #expect(seen.isSuperset(of: [.guaranteeExpired, .guaranteeExpiring, .replenishOverdue, .noGuarantee,
                                     .belowRequired, .arrearsDepositUnused]), "\(seen)")
        #expect(listedCases > 10, "\(listedCases)")
    }

    @Test("one code or one region: the kept list is the list found afresh")
    func filtered() throws {
        let database = try MonitorFindingsKeptTests.world(seed: 23)
        for day in [date("2024-06-01"), date("2025-01-15"), database.today] {
            for code in AlertCode.allCases {
                #expect(try database.alerts(asOf: day, code: code) == database.alertsFoundAfresh(asOf: day, code: code),
                        "\(day) \(code)")
            }
            for region in ["6", "62", "6204", "620402", "620403", "11", "110101", "9"] {
                let kept = try database.alerts(asOf: day, region: region)
                #expect(kept == (try database.alertsFoundAfresh(asOf: day, region: region)), "\(day) \(region)")
                #expect(kept.allSatisfy { ($0.regionCode ?? "").hasPrefix(region) })
            }
            let both = try database.alerts(asOf: day, code: .arrearsDepositUnused, region: "6204")
            #expect(both == (try database.alertsFoundAfresh(asOf: day, code: .arrearsDepositUnused, region: "6204")))
        }
    }

    @Test("projects written around the program are found afresh until a write derives them again")
    func staleProjects() throws {
        let database = try MonitorFindingsKeptTests.world(seed: 24)
        let day = date("2024-09-01")
        let before = try database.alerts(asOf: day)
        try database.writer.write { db in
            try db.execute(sql: "UPDATE guarantee SET ends_on = '2024-08-01' WHERE kind <> 'cash-deposit' AND effective_on <= '2024-08-01'")
            try db.execute(sql: "UPDATE project SET name = name || '（改）' WHERE id IN (SELECT project_id FROM guarantee)")
        }
        let kept = try database.alerts(asOf: day)
        #expect(kept == (try database.alertsFoundAfresh(asOf: day)))
        #expect(kept != before, "the letters' new end changed nothing")
        #expect(kept.contains { $0.projectName?.hasSuffix("（改）") == true })
        _ = try database.addUser(name: "reviewer", role: .viewer, actor: "test")
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_finding_stale") } == 0)
        #expect(try database.alerts(asOf: day) == kept)
    }

    @Test("two alerts of one guarantee alike in all but code are listed in the codes' order, as found afresh")
    func tiesByCode() throws {
        let database = try MonitorFindingsKeptTests.world(seed: 25)
        let calendar = try database.writer.read { db in try AppDatabase.fetchCalendar(db) }
        let rule = GuaranteeRule.nationalDefault
        // The return applied for three working days before an unpaid draw: both answers fall due the same day.
        let applied = date("2024-05-06")
        let due = calendar.adding(workingDays: rule.returnReviewWorkingDays + rule.bankReturnWorkingDays, to: applied).date
        var drawn = applied
        while calendar.adding(workingDays: rule.bankPaymentWorkingDays, to: drawn).date < due { drawn = drawn.adding(days: 1) }
        #expect(calendar.adding(workingDays: rule.bankPaymentWorkingDays, to: drawn).date == due)
        let guarantee = try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO project (name, employer_id, region_code, status, standing, created_at, real_name_management,
                                     wage_account)
                VALUES ('同日两警项目', (SELECT MIN(id) FROM employer), '620402', 'in-progress', 'standard',
                        '2024-01-01T00:00:00+08:00', 1, 1)
                """)
            try db.execute(sql: """
                INSERT INTO guarantee (project_id, kind, amount_fen, effective_on, created_at)
                VALUES (?, 'cash-deposit', 10000000, '2024-01-02', '2024-01-01T00:00:00+08:00')
                """, arguments: [db.lastInsertedRowID])
            let guarantee = db.lastInsertedRowID
            for (kind, on, amount, notice) in [("lodged", "2024-01-02", 10_000_000, nil), ("notice-started", "2024-03-01", nil, nil),
                                               ("return-requested", applied.iso, nil, nil),
                                               ("drawn", drawn.iso, 1_000_000, "N-同日")] as [(String, String, Int?, String?)] {
                try db.execute(sql: """
                    INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, notice_number, actor, created_at)
                    VALUES (?, ?, ?, ?, ?, 'test', '2024-01-01T00:00:00+08:00')
                    """, arguments: [guarantee, kind, on, amount, notice])
            }
            try AppDatabase.refreshMonitorFindings(db)
            return guarantee
        }
        let day = due.adding(days: 5)
        let kept = try database.alerts(asOf: day)
        #expect(kept == (try database.alertsFoundAfresh(asOf: day)))
        let tied = kept.filter { $0.guaranteeID == guarantee }
        #expect(tied.map(\.code) == [.returnOverdue, .bankPaymentLate] && Set(tied.map(\.due)) == [due], "\(tied)")
    }

    /// The kept words, severities and codes' places are the monitor's at the time they were derived: a database
    /// made by an earlier version keeps that version's until derived again. So they are pinned: a change to any
    /// alert's words, a code's severity or the codes' order (Alerts.swift) needs a new schema section whose
    /// migration derives every project's spans again (as v22 does), and then the pin below is moved.
    @Test("the alerts' words and places are pinned to the schema version that derived them")
    func wordsPinned() throws {
        let database = try MonitorFindingsKeptTests.world(seed: 11)
        var words = Set<String>()
        for offset in stride(from: 0, through: 700, by: 5) {
            for alert in try database.alertsFoundAfresh(asOf: date("2024-01-01").adding(days: offset))
            where !alert.code.isCaseTimeLimit && !alert.code.isJointWork && alert.code != .arrearsDepositUnused
                && alert.code != .suggestionReplyOverdue {
                words.insert([alert.code.rawValue, "\(alert.severity.rank)", "\(alert.code.place)", alert.detail,
                              alert.detailEn].joined(separator: "|"))
            }
        }
        // FNV-1a over the sorted words: stable across runs and platforms.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in words.sorted().joined(separator: "\n").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        #expect(words.count > 50)
        #expect(String(hash, radix: 16) == "e14722d9afa8101a", "the alerts' words or order changed: add a migration deriving the spans again")
    }
}
