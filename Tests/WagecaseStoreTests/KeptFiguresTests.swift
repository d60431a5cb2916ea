import GRDB
import Testing
import WagecaseTestSupport
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// The figures kept by day (schema.sql v7) against the same figures counted from the records: after the sample,
/// after random histories of use-cases, and after random corrections written straight to the records (every
/// insert, update and delete path of every trigger), they agree row for row and, over random ranges, to the fen.
@Suite("Figures kept by day")
struct KeptFiguresTests {
    /// A small, seeded generator: a failing seed reproduces.
    private func randomDay(_ random: inout SplitMix) -> String {
        LocalDate.parseISO("2024-01-01")!.adding(days: Int.random(in: 0..<500, using: &random)).iso
    }

    /// Kept and counted agree, table by table and over ranges of every shape.
    private func expectAgreement(_ database: AppDatabase, _ random: inout SplitMix, _ when: String) throws {
        let verification = try database.verifyFigures()
        #expect(verification.agrees, "\(when): \(verification.differences.prefix(5))")
        var ranges = [try DateRange(), try DateRange(from: date("2024-12-01"), to: date("2024-12-31"))]
        for _ in 0..<6 {
            let a = randomDay(&random), b = randomDay(&random)
            ranges.append(try DateRange(from: date(min(a, b)), to: date(max(a, b))))
        }
        for range in ranges {
            let (kept, counted) = try database.writer.read { db in
                (try AppDatabase.fetchStatistics(db, range, asOf: date("2025-06-01")),
                 try AppDatabase.fetchStatisticsFromRecords(db, range, asOf: date("2025-06-01")))
            }
            #expect(kept == counted, "\(when), \(range.lowerBound)…\(range.upperBound)")
        }
    }

    @Test("a random history of use-cases keeps the figures exact")
    func useCases() throws {
        let world = try World()
        var random = SplitMix(state: 7)
        let stages: [CaseStage] = [.investigating, .supportDecided, .letterIssued, .courtFiled, .mediated, .closed]
        for round in 0..<12 {
            let sources = ClueSource.allCases
            let clue = try world.clue(World.idNumbers, amount: "\(1000 + round * 37)",
                                      source: sources[Int.random(in: 0..<sources.count, using: &random)],
                                      received: "2024-0\(1 + round % 9)-1\(round % 10)", policy: .keepBoth).clue
            let cases = try world.database.openCases(OpenCases(clueID: clue.id, opened: date("2024-10-0\(1 + round % 9)"),
                                                               caseNumbers: []), actor: "test")
            for wageCase in cases {
                var day = date("2024-10-10")
                for stage in stages.prefix(Int.random(in: 0...stages.count, using: &random)) {
                    day = day.adding(days: Int.random(in: 0...20, using: &random))
                    _ = try? world.database.advanceCase(.init("#\(wageCase.id)"), to: stage, on: day, note: nil, actor: "test")
                }
                if Bool.random(using: &random) {
                    _ = try? world.database.recordRecovery(
                        NewRecovery(caseReference: .init("#\(wageCase.id)"), amount: Fen(Int64(100 * (round + 1))),
                                    paid: day, route: .employerPaid), actor: "test")
                }
            }
        }
        try expectAgreement(world.database, &random, "after the use-cases")
    }

    @Test("random corrections written to the records keep the figures exact", arguments: [1, 2, 3, 4] as [UInt64])
    func corrections(seed: UInt64) throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        var random = SplitMix(state: seed)
        let stages = CaseStage.allCases.map(\.rawValue), sources = ClueSource.allCases.map(\.rawValue)
        let routes = RecoveryRoute.allCases.map(\.rawValue)
        // The monitor's findings kept (schema.sql v21) must be derived again after any write to what they are made of.
        let period = DigestPeriod.week(before: date("2024-12-09"))
        _ = try database.digest(period, asOf: date("2024-12-09"))
        // A second reader asks for a different day each round, before and after the sample's.
        let movingDay = try AppDatabase(database.writer, clock: database.clock)
        var pastCasesUnderWatch = 0
        var openSeriesCompared = 0
        for round in 0..<8 {
            try database.writer.write { db in
                func pick(_ sql: String) throws -> Int64? {
                    let ids = try Int64.fetchAll(db, sql: sql)
                    return ids.isEmpty ? nil : ids[Int.random(in: 0..<ids.count, using: &random)]
                }
                func day() -> String { randomDay(&random) }
                for _ in 0..<6 {
                    switch Int.random(in: 0..<17, using: &random) {
                    case 0:
                        if let id = try pick("SELECT id FROM clue") {
                            try db.execute(sql: "UPDATE clue SET received_on = ?, source = ? WHERE id = ?",
                                           arguments: [day(), sources.randomElement(using: &random), id])
                        }
                    case 1:
                        if let id = try pick("SELECT id FROM clue") {
                            let projects = try Int64?.fetchAll(db, sql: "SELECT id FROM project UNION ALL SELECT NULL")
                            let project = projects[Int.random(in: 0..<projects.count, using: &random)]
                            try db.execute(sql: "UPDATE clue SET project_id = ? WHERE id = ?", arguments: [project, id])
                        }
                    case 2:
                        if let id = try pick("SELECT id FROM case_event") {
                            try db.execute(sql: "UPDATE case_event SET on_date = ?, stage = ? WHERE id = ?",
                                           arguments: [day(), stages.randomElement(using: &random), id])
                        }
                    case 3:
                        if let id = try pick("SELECT id FROM case_event") {
                            try db.execute(sql: "DELETE FROM case_event WHERE id = ?", arguments: [id])
                        }
                    case 4:
                        if let id = try pick("SELECT id FROM wage_case") {
                            try db.execute(sql: "UPDATE wage_case SET stage = ?, opened_on = ?, claimed_fen = ? WHERE id = ?",
                                           arguments: [stages.randomElement(using: &random), day(),
                                                       Int.random(in: 0...5_000_000, using: &random), id])
                        }
                    case 5:
                        if let id = try pick("SELECT id FROM wage_case"), let worker = try pick("SELECT id FROM worker") {
                            try db.execute(sql: "UPDATE OR IGNORE wage_case SET worker_id = ? WHERE id = ?", arguments: [worker, id])
                        }
                    case 6:
                        if let id = try pick("SELECT id FROM recovery"), let wageCase = try pick("SELECT id FROM wage_case") {
                            // Now and then given to another case too (its series' figures move with it).
                            try db.execute(sql: """
                                UPDATE recovery SET paid_on = ?, route = ?, amount_fen = ?, case_id = COALESCE(?, case_id) WHERE id = ?
                                """, arguments: [day(), routes.randomElement(using: &random),
                                                 Int.random(in: 1...900_000, using: &random),
                                                 Int.random(in: 0..<4, using: &random) == 0 ? wageCase : nil, id])
                        }
                    case 7:
                        if let id = try pick("SELECT id FROM recovery") {
                            try db.execute(sql: "DELETE FROM recovery WHERE id = ?", arguments: [id])
                        }
                    case 8:
                        if let id = try pick("SELECT id FROM guarantee_event WHERE amount_fen IS NOT NULL") {
                            try db.execute(sql: "UPDATE guarantee_event SET kind = ?, on_date = ?, amount_fen = ? WHERE id = ?",
                                           arguments: [["lodged", "drawn", "replenished"].randomElement(using: &random), day(),
                                                       Int.random(in: 1...900_000, using: &random), id])
                        }
                    case 9:
                        if let id = try pick("SELECT id FROM guarantee_event WHERE id NOT IN (SELECT event_id FROM guarantee_draw_case)") {
                            try db.execute(sql: "DELETE FROM guarantee_event WHERE id = ?", arguments: [id])
                        }
                    case 10:
                        if let id = try pick("SELECT id FROM suggestion") {
                            let replied = Bool.random(using: &random)
                            try db.execute(sql: """
                                UPDATE suggestion SET issued_on = '2024-01-01', replied_on = ?, secured_fen = ?, letters_renewed = ?
                                WHERE id = ?
                                """, arguments: [replied ? day() : nil, Int.random(in: 0...9_000_000, using: &random),
                                                 Int.random(in: 0...3, using: &random), id])
                        }
                    case 11:
                        // A case given to a series (a new one now and then) or taken out of its own.
                        if let id = try pick("SELECT id FROM wage_case") {
                            if Int.random(in: 0..<4, using: &random) == 0 {
                                try db.execute(sql: "INSERT INTO case_series (name, created_at) VALUES (?, '2024-06-01T00:00:00Z')",
                                               arguments: ["系列\(Int.random(in: 0...1_000_000, using: &random))"])
                            }
                            let series = try Int64?.fetchAll(db, sql: "SELECT id FROM case_series UNION ALL SELECT NULL")
                            try db.execute(sql: "UPDATE wage_case SET series_id = ? WHERE id = ?",
                                           arguments: [series[Int.random(in: 0..<series.count, using: &random)], id])
                        }
                    case 12:
                        if let id = try pick("SELECT id FROM project") {
                            try db.execute(sql: """
                                UPDATE project SET status = ?, contract_price_fen = ?, start_on = ?, standing = ? WHERE id = ?
                                """, arguments: [["in-progress", "completed", "suspended"].randomElement(using: &random),
                                                 Int.random(in: 0...900_000_000, using: &random), day(),
                                                 ["standard", "arrears-2y", "no-arrears-3y"].randomElement(using: &random), id])
                        }
                    case 13:
                        if let id = try pick("SELECT id FROM guarantee WHERE ends_on IS NOT NULL"),
                           let project = try pick("SELECT id FROM project") {
                            let (a, b) = (day(), day())
                            try db.execute(sql: "UPDATE guarantee SET effective_on = ?, ends_on = ?, project_id = ? WHERE id = ?",
                                           arguments: [min(a, b), max(a, b), project, id])
                        }
                    case 14:
                        if let project = try pick("SELECT id FROM project") {
                            try db.execute(sql: """
                                INSERT INTO guarantee (project_id, kind, amount_fen, effective_on, ends_on, created_at)
                                VALUES (?, 'bank-letter', ?, '2024-06-01', ?, '2024-06-01T00:00:00Z')
                                """, arguments: [project, Int.random(in: 1...90_000_000, using: &random), "2024-12-1\(Int.random(in: 0...9, using: &random))"])
                            try db.execute(sql: """
                                INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
                                VALUES (last_insert_rowid(), 'lodged', '2024-06-01', 100, 'test', '2024-06-01T00:00:00Z')
                                """)
                        }
                    case 15:
                        try db.execute(sql: "UPDATE guarantee_rule SET reminder_months = ?",
                                       arguments: [Int.random(in: 1...3, using: &random)])
                    default:
                        // A case removed with everything hanging on it (a test of the delete paths; the product
                        // itself corrects, it does not delete).
                        if let id = try pick("SELECT id FROM wage_case WHERE id NOT IN (SELECT case_id FROM guarantee_draw_case)") {
                            try db.execute(sql: "DELETE FROM recovery WHERE case_id = ?", arguments: [id])
                            try db.execute(sql: "DELETE FROM case_event WHERE case_id = ?", arguments: [id])
                            try db.execute(sql: "DELETE FROM case_activity WHERE case_id = ?", arguments: [id])
                            try db.execute(sql: "DELETE FROM wage_case WHERE id = ?", arguments: [id])
                        }
                    }
                }
            }
            // Projects written straight to the records stay marked stale: their findings are found afresh when read.
            let afresh = { (day: LocalDate, period: DigestPeriod) in
                try database.digest(period, asOf: day, limit: 10, scope: .full, keptFindings: false)
            }
            let kept = try database.digest(period, asOf: date("2024-12-09"))
            #expect(kept == (try afresh(date("2024-12-09"), period)), "seed \(seed), round \(round): stale findings")
            // Derived again (as the next use-case's write does), the kept findings are what a pass over everything
            // finds, on the digest's day and on days before and after it.
            try database.writer.write { db in try AppDatabase.refreshMonitorFindings(db) }
            try expectAgreement(database, &random, "seed \(seed), round \(round)")
            #expect(try database.digest(period, asOf: date("2024-12-09")) == kept, "seed \(seed), round \(round)")
            let day = date("2024-12-09").adding(days: round * 45 - 160), dayPeriod = DigestPeriod.week(before: day)
            // A past day's largest open cases and cases under watch: the cases changed since found once, the rest
            // as they stand, against each case's state then from its own history.
            pastCasesUnderWatch += try database.writer.read { db in
                let today = database.today
                var found = 0
                for pastDay in [day, date("2024-12-09")] {
                    for limit in [1, 3, 1000] {
                        let largest = try AppDatabase.fetchLargestOpenCases(db, limit: limit, asOf: pastDay, today: today)
                        let reference = try PastDayReference.largestOpenCases(db, limit: limit, asOf: pastDay, today: today)
                        #expect(largest == reference, "seed \(seed), round \(round), \(pastDay.iso), limit \(limit)")
                        // The open series from the kept figures, today and on the day, against every member read.
                        for seriesDay in [pastDay, today] {
                            let series = try AppDatabase.fetchOpenSeries(db, limit: limit, asOf: seriesDay, today: today)
                            #expect(series == (try PastDayReference.openSeries(db, limit: limit, asOf: seriesDay, today: today)),
                                    "seed \(seed), round \(round), \(seriesDay.iso), limit \(limit)")
                            openSeriesCompared += series.total
                        }
                    }
                    let watched = try AppDatabase.fetchCasesUnderWatch(db, asOf: pastDay, today: today)
                    let reference = try PastDayReference.casesUnderWatch(db, asOf: pastDay, today: today)
                    #expect(watched == reference, "seed \(seed), round \(round), \(pastDay.iso)")
                    found += reference.count
                }
                return found
            }
            #expect(try movingDay.digest(dayPeriod, asOf: day) == (try afresh(day, dayPeriod)), "seed \(seed), round \(round)")
            // Short lists: the few shown are the same few a full pass ranks first.
            for limit in [1, 2, 3] {
                #expect(try database.digest(dayPeriod, asOf: day, limit: limit, scope: .full)
                        == (try database.digest(dayPeriod, asOf: day, limit: limit, scope: .full, keptFindings: false)),
                        "seed \(seed), round \(round), limit \(limit)")
            }
            // The summary's alerts, the arrears ones added to the kept findings, are the monitor's full pass.
            #expect(kept.alerts == Digest.AlertSummary(try database.alerts(asOf: date("2024-12-09")), limit: 10))
            #expect(try database.statistics(period.range) == (try database.writer.read { db in
                try AppDatabase.fetchStatisticsFromRecords(db, period.range, asOf: period.to)
            }))
        }
        #expect(pastCasesUnderWatch > 0, "some cases were under watch on the past days compared")
        #expect(openSeriesCompared > 0, "some series were open on the days compared")
    }

    @Test("a day's open series are the kept series figures with those moved, opened or paid since counted again",
          arguments: [5, 6, 7] as [UInt64])
    func openSeriesOnEveryDay(seed: UInt64) throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        var random = SplitMix(state: seed)
        let today = database.today
        let (first, cases) = try database.writer.read { db in
            (try String.fetchOne(db, sql: "SELECT MIN(opened_on) FROM wage_case") ?? "", try Int64.fetchAll(db, sql: "SELECT id FROM wage_case"))
        }
        let start = date(first), span = max(1, start.days(until: today))
        func someDay() -> String { start.adding(days: Int.random(in: 0...span, using: &random)).iso }
        try database.writer.write { db in
            // Most cases in one of four series (two with a single member), a few in none.
            for name in ["甲班组", "乙班组", "丙班组", "丁班组"] {
                try db.execute(sql: "INSERT INTO case_series (name, created_at) VALUES (?, '2024-01-01T00:00:00Z')", arguments: [name])
            }
            let series = try Int64.fetchAll(db, sql: "SELECT id FROM case_series ORDER BY id")
            for id in cases {
                let pick = Int.random(in: 0..<(series.count + 2), using: &random)
                try db.execute(sql: "UPDATE wage_case SET series_id = ? WHERE id = ?",
                               arguments: [pick < series.count ? series[pick] : nil, id])
            }
            // Recoveries on days spread from the first case to today, and stage events moved or added, each case's
            // stage and stage date kept as its latest event's.
            for _ in 0..<40 {
                let id = cases[Int.random(in: 0..<cases.count, using: &random)]
                try db.execute(sql: """
                    INSERT INTO recovery (case_id, paid_on, amount_fen, route, actor, created_at)
                    VALUES (?, ?, ?, 'employer-paid', 'test', '2026-11-25T10:00:00+08:00')
                    """, arguments: [id, someDay(), Int.random(in: 1...300_000, using: &random)])
            }
            for _ in 0..<15 {
                let id = cases[Int.random(in: 0..<cases.count, using: &random)]
                let stage = ["investigating", "support-decided", "mediated", "settled", "closed", "withdrawn"]
                    .randomElement(using: &random) ?? "closed"
                try db.execute(sql: """
                    INSERT INTO case_event (case_id, stage, on_date, actor, created_at)
                    SELECT id, ?, MAX(opened_on, ?), 'test', '2026-11-25T10:00:00+08:00' FROM wage_case WHERE id = ?
                    """, arguments: [stage, someDay(), id])
                try db.execute(sql: """
                    UPDATE wage_case SET (stage, stage_on) = (SELECT stage, on_date FROM case_event WHERE case_id = ?1
                                                              ORDER BY on_date DESC, id DESC LIMIT 1)
                    WHERE id = ?1
                    """, arguments: [id])
            }
        }
        #expect(try database.verifyFigures().agrees)
        var compared = 0, affected = 0
        try database.writer.read { db in
            var day = start.adding(days: -1)
            while day <= today {
                let changed = day < today ? try CasesChangedSince(db, day: day, today: today) : nil
                affected += changed?.series.count ?? 0
                for limit in [1, 2, 3, 1000] {
                    let series = try AppDatabase.fetchOpenSeries(db, limit: limit, asOf: day, today: today, changed: changed)
                    #expect(series == (try PastDayReference.openSeries(db, limit: limit, asOf: day, today: today)),
                            "seed \(seed), \(day.iso), limit \(limit)")
                    compared += series.items.count
                }
                day = day.adding(days: Int.random(in: 1...25, using: &random))
            }
        }
        #expect(compared > 0 && affected > 0, "series were open and moved on the days compared")
    }

    @Test("every write to what the monitor's findings are made of marks the projects it concerns")
    func monitorFindingsMarked() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let tables = ["project", "guarantee", "guarantee_event", "guarantee_rule", "holiday_schedule"]
        try database.writer.write { db in
            let watched = try String.fetchAll(db, sql: """
                SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'monitor_finding_%'
                """)
            #expect(Set(watched) == Set(tables))
            let everyProject = try Set(Int64.fetchAll(db, sql: "SELECT id FROM project"))
            for table in tables {
                try db.execute(sql: "DELETE FROM monitor_finding_stale")
                let column = try String.fetchOne(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid LIMIT 1",
                                                 arguments: [table]) ?? "id"
                try db.execute(sql: "UPDATE \(table) SET \(column) = \(column)")
                let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
                let marked = try Set(Int64.fetchAll(db, sql: "SELECT project_id FROM monitor_finding_stale"))
                switch table {
                case "guarantee_rule", "holiday_schedule":
                    #expect(rows == 0 || marked == everyProject, "\(table)")
                case "project":
                    #expect(marked == everyProject)
                default:
                    let touched = try Set(Int64.fetchAll(db, sql: "SELECT project_id FROM guarantee"))
                    #expect(rows == 0 || (!marked.isEmpty && marked == touched), "\(table)")
                }
            }
            // A clue, a recovery or a case closed is not among them (open cases are read afresh each time).
            try db.execute(sql: "DELETE FROM monitor_finding_stale")
            try db.execute(sql: "UPDATE recovery SET note = note")
            try db.execute(sql: "UPDATE clue SET summary = summary")
            try db.execute(sql: "UPDATE wage_case SET stage = 'closed'")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_finding_stale") == 0)
        }
    }

    @Test("a rebuild gives the same figures; figures changed by hand are found, and a rebuild mends them")
    func verifyAndRebuild() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        var random = SplitMix(state: 11)
        try expectAgreement(database, &random, "after the sample")
        #expect(AppDatabase.keptFigures.map(\.fromRecords.count) == [7, 1, 1, 1, 1, 1, 1, 1, 1])
        let before = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM figure_day ORDER BY 1, 2, 3") }
        #expect(try database.rebuildFigures() > 0)
        let after = try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM figure_day WHERE count <> 0 ORDER BY 1, 2, 3") }
        #expect(before.filter { ($0["count"] as Int64) != 0 } == after)
        try database.writer.write { db in
            try db.execute(sql: """
                UPDATE figure_day SET amount_fen = amount_fen + 1
                WHERE (figure, day, key) = (SELECT figure, day, key FROM figure_day WHERE figure = 'recovered' LIMIT 1)
                """)
        }
        let broken = try database.verifyFigures()
        #expect(!broken.agrees && broken.differences.contains { $0.table == "figure_day" && $0.side == "kept" })
        _ = try database.rebuildFigures()
        #expect(try database.verifyFigures().agrees)
        // The same for the v19 figures: a helped worker's gap, a guarantee's span, a day's standing.
        for (table, change) in [
            ("worker_helped_gap", "UPDATE worker_helped_gap SET workers = workers + 1 WHERE rowid IN (SELECT rowid FROM worker_helped_gap LIMIT 1)"),
            ("guarantee_standing_span", "UPDATE guarantee_standing_span SET held_fen = held_fen + 1 WHERE guarantee_id = (SELECT MIN(guarantee_id) FROM guarantee_standing_span)"),
            ("guarantee_standing_day", "DELETE FROM guarantee_standing_day WHERE day = (SELECT MIN(day) FROM guarantee_standing_day)"),
            ("open_case_unpaid", "UPDATE open_case_unpaid SET unpaid_fen = unpaid_fen - 1 WHERE case_id = (SELECT MIN(case_id) FROM open_case_unpaid)"),
            ("case_stage_count", "UPDATE case_stage_count SET cases = cases + 1 WHERE stage = 'closed'"),
            ("project_open_case", "UPDATE project_open_case SET opened_on = '2000-01-01' WHERE case_id = (SELECT MIN(case_id) FROM project_open_case)"),
            ("project_open_case", "DELETE FROM project_open_case WHERE case_id = (SELECT MAX(case_id) FROM project_open_case)"),
            ("figure_month", "UPDATE figure_month SET count = count + 1 WHERE (figure, month, key) = (SELECT figure, month, key FROM figure_month LIMIT 1)"),
            ("series_figure", "UPDATE series_figure SET recovered_fen = recovered_fen + 1 WHERE series_id = (SELECT MIN(series_id) FROM series_figure)"),
            ("series_figure", "DELETE FROM series_figure WHERE series_id = (SELECT MAX(series_id) FROM series_figure)"),
        ] {
            try database.writer.write { db in
                try db.execute(sql: change.replacingOccurrences(of: "rowid IN (SELECT rowid FROM worker_helped_gap LIMIT 1)",
                                                                with: "(day, since) = (SELECT day, since FROM worker_helped_gap LIMIT 1)"))
            }
            let found = try database.verifyFigures()
            #expect(found.differences.contains { $0.table == table }, "\(table): \(found.differences.prefix(3))")
            _ = try database.rebuildFigures()
            #expect(try database.verifyFigures().agrees, "\(table)")
        }
    }

    @Test("guarantees written by hand are derived when read, and again by the next write of the program")
    func guaranteesWrittenByHand() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        let day = date("2025-06-01")
        func standing() throws -> (kept: Statistics.Guarantees, counted: Statistics.Guarantees, stale: Int) {
            try database.writer.read { db in
                (try AppDatabase.keptGuaranteeStanding(db, on: day), try AppDatabase.guaranteeStandingFromRecords(db, asOf: day),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM guarantee_standing_stale") ?? -1)
            }
        }
        #expect(try standing().stale == 0)
        try database.writer.write { db in
            try db.execute(sql: "UPDATE guarantee_event SET on_date = '2025-05-01' WHERE kind = 'returned' OR id = (SELECT MIN(id) FROM guarantee_event)")
            try db.execute(sql: "UPDATE guarantee SET ends_on = '2025-03-01' WHERE id = (SELECT MAX(id) FROM guarantee WHERE ends_on IS NOT NULL)")
        }
        let byHand = try standing()
        #expect(byHand.stale > 0 && byHand.kept == byHand.counted)
        #expect(try database.verifyFigures().agrees)
        _ = try database.addUser(name: "reader-1", role: .viewer, actor: "test")
        let after = try standing()
        #expect(after.stale == 0 && after.kept == after.counted)
        #expect(try database.verifyFigures().agrees)
    }
}
