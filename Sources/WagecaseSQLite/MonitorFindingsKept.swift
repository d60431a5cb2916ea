import GRDB
import WagecaseCore
import WagecaseStore

/// The guarantee monitor's findings kept per project as spans of days (schema.sql v21, Core's MonitorTimeline).
/// Triggers mark a project stale with any write to what its findings are made of; `refreshMonitorFindings`
/// derives the marked ones again inside the writing transaction, and a reader finds whatever is still marked
/// afresh, so what a digest reads is exact whoever wrote.
extension AppDatabase {
    /// Brings what is kept derived from the records in Swift up to date in the writing transaction: the
    /// guarantees' standing and the monitor's findings of whatever the write marked stale.
    static func refreshKeptDerivations(_ db: Database) throws {
        // Most writes mark nothing: one look at both marks before either refresh looks again at its own.
        guard try Bool.fetchOne(db, cached: """
            SELECT EXISTS (SELECT 1 FROM guarantee_standing_stale) OR EXISTS (SELECT 1 FROM monitor_finding_stale)
            """) == true else { return }
        try refreshGuaranteeStanding(db)
        try refreshMonitorFindings(db)
    }

    /// Derives again the spans of every project marked stale, in the caller's transaction.
    static func refreshMonitorFindings(_ db: Database) throws {
        guard try Bool.fetchOne(db, cached: "SELECT EXISTS (SELECT 1 FROM monitor_finding_stale)") == true else { return }
        let stale = Set(try Int64.fetchAll(db, cached: "SELECT project_id FROM monitor_finding_stale"))
        // The alerts' counts by day: the stale projects' kept alerts taken away, their new ones added.
        var alertDays = AlertDayChanges()
        for row in try Row.fetchAll(db, sql: """
                SELECT code, region_code, from_day, until_day FROM monitor_finding
                WHERE finding = 'alert' AND project_id IN (SELECT project_id FROM monitor_finding_stale)
                """) {
            alertDays.add(code: row[0], region: row[1], from: row[2], until: row[3], sign: -1)
        }
        try db.execute(sql: "DELETE FROM monitor_finding WHERE project_id IN (SELECT project_id FROM monitor_finding_stale)")
        // Every project (a migration, a rule): one read of everything, not a list of ids.
        let everything = stale.count >= (try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM project") ?? 0)
        let snapshot = try fetchSnapshot(db, openOn: nil, projects: everything ? nil : stale, withSuggestions: false)
        let columns = KeptDerivations.findingColumnNames
        let insert = try db.cachedStatement(sql: """
            INSERT INTO monitor_finding (\(columns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            """)
        // Written project by project: a migration of every project holds no more than one's spans.
        for (project, spans) in KeptDerivations.projectSpans(snapshot, calendar: try fetchCalendar(db)) {
            for span in spans {
                try insert.execute(arguments: StatementArguments(
                    KeptDerivations.findingColumns(span, of: project).map(SQLiteCopyEngine.databaseValue)))
                if span.finding.kind == .alert {
                    alertDays.add(code: span.finding.code, region: project.regionCode, from: span.from?.iso,
                                  until: span.until?.iso, sign: 1)
                }
            }
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO monitor_alert_day (code, region_code, day, count) VALUES (?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET count = count + excluded.count
            """)
        let dropZero = try db.cachedStatement(sql: """
            DELETE FROM monitor_alert_day WHERE code = ? AND region_code = ? AND day = ? AND count = 0
            """)
        for (key, change) in alertDays.byDay where change != 0 {
            try upsert.execute(arguments: [key.code, key.region, key.day, change])
            try dropZero.execute(arguments: [key.code, key.region, key.day])
        }
        try db.execute(sql: "DELETE FROM monitor_finding_stale")
    }

    /// Every project marked stale and derived again (the rebuild and the v21 migration).
    static func rebuildMonitorFindings(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM monitor_finding")
        try db.execute(sql: "DELETE FROM monitor_alert_day")
        try db.execute(sql: "INSERT OR IGNORE INTO monitor_finding_stale SELECT id FROM project")
        try refreshMonitorFindings(db)
    }

    /// Every project's spans derived from the records, against the kept ones (projects still marked stale are
    /// found afresh when read, so only the others are compared).
    static func verifyMonitorFindings(_ db: Database) throws -> (rows: Int, differences: [FigureVerification.Difference]) {
        let stale = Set(try Int64.fetchAll(db, sql: "SELECT project_id FROM monitor_finding_stale"))
        var kept: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT \(KeptDerivations.findingColumnNames.joined(separator: ", ")) FROM monitor_finding") {
            kept[row[0] as Int64, default: []].append(
                KeptDerivations.describeFinding(row.databaseValues.map(SQLiteCopyEngine.copyValue)))
        }
        let snapshot = try fetchSnapshot(db, openOn: nil, withSuggestions: false)
        var differences = KeptDerivations.findingDifferences(
            kept: kept, derived: KeptDerivations.derivedFindings(snapshot, calendar: try fetchCalendar(db)), stale: stale)
        // The alerts' counts by day against the kept spans.
        let sums = """
            SELECT code, region_code, day, SUM(count) AS count FROM (
                SELECT code, COALESCE(region_code, '') AS region_code, COALESCE(from_day, '') AS day, 1 AS count
                FROM monitor_finding WHERE finding = 'alert'
                UNION ALL
                SELECT code, COALESCE(region_code, ''), until_day, -1 FROM monitor_finding
                WHERE finding = 'alert' AND until_day IS NOT NULL)
            GROUP BY code, region_code, day HAVING SUM(count) <> 0
            """
        let stored = "SELECT code, region_code, day, count FROM monitor_alert_day WHERE count <> 0"
        for (side, query) in [("kept", "\(stored) EXCEPT \(sums)"), ("records", "\(sums) EXCEPT \(stored)")] {
            for row in try Row.fetchAll(db, sql: "\(query) LIMIT 20") {
                differences.append(.init(table: "monitor_alert_day", side: side, row: row.description))
            }
        }
        let days = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_alert_day") ?? 0
        return (kept.values.reduce(0) { $0 + $1.count } + days, differences)
    }
}

extension AppDatabase {
    /// The monitor's part of a digest on `asOf`: kept findings counted and ranked by SQL, the few shown found again
    /// for their projects (with their names and words), the stale projects and the suggestions found afresh.
    /// `keptFindings` false finds everything afresh (the pass the kept findings are held to).
    static func monitorDigestPart(_ db: Database, asOf: LocalDate, today: LocalDate, window: Int, limit: Int,
                                  calendar: WorkingDayCalendar, keptFindings: Bool = true,
                                  changed: CasesChangedSince? = nil) throws -> MonitorDigestPart {
        let stale: Set<Int64>? = keptFindings
            ? Set(try Int64.fetchAll(db, cached: "SELECT project_id FROM monitor_finding_stale")) : nil
        let fresh = try fetchSnapshot(db, openOn: nil, projects: stale)
        let freshFindings = GuaranteeMonitor.findings(fresh, calendar: calendar, asOf: asOf)
        let kept = KeptFindingsQuery(day: asOf, keptFindings: keptFindings, noneStale: stale?.isEmpty ?? false)

        // The deposits owed, kept and fresh: with the open cases of the day, what raises an arrears alert.
        // A hundred thousand rows at scale: read by column position, no Row copies.
        var owing = freshFindings.owing
        let owingRows = try db.makeStatement(sql: kept.select("project_id, region_code, on_date, flag", of: "owing"))
        let owingCursor = try Row.fetchCursor(owingRows)
        let owingColumns = ColumnReader(owingRows)
        while try owingCursor.next() != nil {
            owing.append(GuaranteeFindings.OwingProject(
                id: try owingColumns.integer(0, "project_id"), name: "", regionCode: owingColumns.text(1),
                lastDrawn: try owingColumns.optionalDate(2, "on_date"), hasGuarantee: owingColumns.integer(3) == 1))
        }
        let drawn = Set(owing.filter { $0.lastDrawn != nil }.map(\.id))
        let open = try fetchOpenCaseCounts(db, asOf: asOf, today: today, drawn: drawn, changed: changed)
        let raising = MonitorDigestPart.raising(owing, open: open)

        // The kept alerts counted, and the projects of the most urgent (each found again below with its words).
        var counts = MonitorDigestPart.KeptAlertCounts()
        func count(_ rows: [Row], sign: Int) {
            for row in rows { counts.add(code: row[0], region: row[1], count: sign * (row[2] as Int)) }
            counts.dropEmptyRegions()
        }
        if keptFindings {
            // The sums by day up to the day, less what the projects marked stale had kept for it (found afresh).
            count(try Row.fetchAll(db, cached: """
                SELECT code, region_code, SUM(count) FROM monitor_alert_day WHERE day <= ? GROUP BY code, region_code
                HAVING SUM(count) <> 0
                """, arguments: [asOf.iso]), sign: 1)
            count(try Row.fetchAll(db, sql: kept.select("code, region_code, COUNT(*)", of: "alert", stale: true)
                                   + " GROUP BY code, region_code"), sign: -1)
        }
        // The first of those with a due date in their index's order, and the first of the few with none (as if
        // due that day): the most urgent are among them.
        var shown = Set(try Int64.fetchAll(db, sql: kept.select("project_id", of: "alert", indexedBy: "monitor_alert_by_urgency") + """
             AND on_date IS NOT NULL ORDER BY severity, on_date, project_id, guarantee_id, code_place LIMIT ?2
            """, arguments: [asOf.iso, limit]))
        shown.formUnion(try Int64.fetchAll(db, sql: kept.select("project_id", of: "alert", indexedBy: "monitor_alert_by_urgency") + """
             AND severity IN \(AppDatabase.severityRanks) AND on_date IS NULL
             ORDER BY severity, project_id, guarantee_id, code_place LIMIT ?2
            """, arguments: [asOf.iso, limit]))
        // The kept duties in the window and overdue, counted, and the projects of the first of each.
        // Each range read from the due-date index (v24): counted over its own entries, its first in the index's
        // order, which is the lists' (a guarantee's id before none: NULL sorts first in SQLite, as 0 in Core).
        let dueSoonRange = "on_date BETWEEN ?1 AND '\(asOf.adding(days: window).iso)'", overdueRange = "on_date < ?1"
        var dutyTotals: [Int] = []
        for range in [dueSoonRange, overdueRange] {
            let deadlines = kept.select("project_id", of: "deadline", indexedBy: "monitor_deadline_by_due") + " AND \(range)"
            dutyTotals.append(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(deadlines))", arguments: [asOf.iso]) ?? 0)
            shown.formUnion(try Int64.fetchAll(db, sql: deadlines + """
                 ORDER BY on_date, code, guarantee_id, project_id LIMIT ?2
                """, arguments: [asOf.iso, limit]))
        }
        // The kept guarantees due for return: on projects with no case open on the day.
        let returns = MonitorDigestPart.returnsDue(
            try Row.fetchAll(db, sql: kept.select("project_id, guarantee_id, on_date", of: "return")).map {
                MonitorDigestPart.KeptReturn(project: $0[0], guarantee: $0[1], completed: $0[2])
            }, open: open)
        shown.formUnion(MonitorDigestPart.alsoShown(returns: returns, raising: raising, fresh: fresh, limit: limit))

        // The few shown, found again for their projects on the day: the same pass as for any project.
        return MonitorDigestPart(
            fresh: fresh, freshFindings: freshFindings,
            part: try fetchSnapshot(db, openOn: nil, projects: shown, withSuggestions: false), kept: counts,
            raising: raising, returns: returns, dutyTotals: (dutyTotals[0], dutyTotals[1]), open: open,
            calendar: calendar, asOf: asOf, window: window, limit: limit)
    }
}

/// The kept findings of one kind holding on a day, of the projects not marked stale (none, when everything is
/// found afresh).
struct KeptFindingsQuery {
    let day: LocalDate
    let keptFindings: Bool
    /// No project is marked stale (read in the same transaction, as it nearly always is: a write derives what it
    /// marked before it commits): the test against the marked ones is left out of every row of a read.
    var noneStale = false

    /// The SQL condition that a kept finding (its table named `table`, if aliased) holds on `day` (an SQL value).
    static func holds(on day: String, in table: String = "") -> String {
        let t = table.isEmpty ? "" : table + "."
        return "(\(t)until_day > \(day) OR \(t)until_day IS NULL) AND (\(t)from_day <= \(day) OR \(t)from_day IS NULL)"
    }

    /// `SELECT columns … WHERE …` for the findings of `kind` on the day (of the projects marked stale, given
    /// `stale`), read through the index named if any (not when nothing kept is read: no index serves `WHERE 0`).
    /// The findings of the projects marked stale (a few, if any) are read project by project.
    func select(_ columns: String, of kind: String, stale: Bool = false, indexedBy index: String? = nil) -> String {
        let index = index ?? (stale ? "monitor_finding_by_project" : nil)
        return """
        SELECT \(columns) FROM monitor_finding\(keptFindings ? index.map { " INDEXED BY \($0)" } ?? "" : "")
        WHERE finding = '\(kind)' AND \(Self.holds(on: "'\(day.iso)'")) AND \(keptFindings ? "1" : "0")
          \(stale ? "AND project_id IN (SELECT project_id FROM monitor_finding_stale)"
                  : noneStale ? "" : "AND project_id NOT IN (SELECT project_id FROM monitor_finding_stale)")
        """
    }
}
