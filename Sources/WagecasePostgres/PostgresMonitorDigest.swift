import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The monitor's part of a digest on PostgreSQL: the findings kept per project as spans of days (the same tables
/// and triggers as SQLite's, schema v21–v24) counted and ranked in SQL, the few shown found again for their
/// projects, the projects marked stale and the suggestions found afresh — put together by `MonitorDigestPart`.
/// Orders are SQLite's: NULL first, text compared byte by byte.
enum PostgresMonitorDigest {
    /// What the part reads that does not turn on the cases changed since the day: read first, so a digest reads
    /// it while another connection finds those cases.
    struct Kept {
        let asOf: LocalDate, window: Int, limit: Int, calendar: WorkingDayCalendar
        let fresh: MonitorSnapshot, freshFindings: GuaranteeFindings
        let owing: [GuaranteeFindings.OwingProject]
        let openCases: PostgresCases.KeptOpenCases
        let counts: MonitorDigestPart.KeptAlertCounts
        let shown: Set<Int64>
        let dutyTotals: (dueSoon: Int, overdue: Int)
        let keptReturns: [MonitorDigestPart.KeptReturn]

        static func read(_ connection: PostgresConnection, asOf: LocalDate, today: LocalDate, window: Int, limit: Int,
                         calendar: WorkingDayCalendar) async throws -> Kept {
            let stale = Set(try await PostgresStatistics.rows("SELECT project_id FROM monitor_finding_stale", on: connection) {
                try $0.integer(0, "project_id")
            })
            let fresh = try await PostgresMonitorSnapshot.read(connection, projects: stale)
            let freshFindings = GuaranteeMonitor.findings(fresh, calendar: calendar, asOf: asOf)
            let day = [asOf.iso]
            /// The kept findings of `kind` holding on the day, of the projects not marked stale (or only those).
            func kept(_ columns: String, of kind: String, staleOnes: Bool = false) -> String {
                """
                SELECT \(columns) FROM monitor_finding
                WHERE finding = '\(kind)' AND (until_day > $1::date OR until_day IS NULL) AND (from_day <= $1::date OR from_day IS NULL)
                  \(staleOnes ? "AND project_id IN (SELECT project_id FROM monitor_finding_stale)"
                              : stale.isEmpty ? "" : "AND project_id NOT IN (SELECT project_id FROM monitor_finding_stale)")
                """
            }

            // The deposits owed, kept and fresh: with the open cases of the day, what raises an arrears alert.
            // A province's quarter of a million, read as columns (a region code is six digits and a date ten
            // characters, so '' stands for none).
            let owed = try await PostgresColumnArrays.read("""
                SELECT array_agg(project_id), array_agg(COALESCE(region_code, '')), array_agg(COALESCE(on_date::text, '')),
                       array_agg(COALESCE(flag, 0)::bigint)
                FROM (\(kept("project_id, region_code, on_date, flag", of: "owing"))) owing
                """, day, on: connection)
            let (ids, regions, drawnOn, flags) = (try owed.integers(0, "project_id"), try owed.texts(1, "region_code"),
                                                  try owed.texts(2, "on_date"), try owed.integers(3, "flag"))
            var owing = freshFindings.owing
            owing.reserveCapacity(owing.count + owed.count)
            for row in 0..<owed.count {
                owing.append(GuaranteeFindings.OwingProject(
                    id: ids[row], name: "", regionCode: regions[row].isEmpty ? nil : regions[row],
                    lastDrawn: drawnOn[row].isEmpty ? nil : try PostgresStatistics.date(drawnOn[row], "on_date"),
                    hasGuarantee: flags[row] == 1))
            }
            let drawn = Set(owing.filter { $0.lastDrawn != nil }.map(\.id))
            let openCases = try await PostgresCases.KeptOpenCases.read(connection, drawn: drawn, pastDay: asOf < today)

            // The kept alerts counted: the sums by day up to the day, less what the stale projects had kept for it.
            var counts = MonitorDigestPart.KeptAlertCounts()
            let sums = try await PostgresStatistics.rows("""
                SELECT code, region_code, SUM(count)::bigint FROM monitor_alert_day WHERE day <= $1 GROUP BY code, region_code
                HAVING SUM(count) <> 0
                """, day, on: connection) { (try $0.text(0, "code"), try $0.optionalText(1), try $0.integer(2, "count")) }
            for (code, region, count) in sums { counts.add(code: code, region: region, count: Int(truncatingIfNeeded: count)) }
            counts.dropEmptyRegions()
            for (code, region, count) in try await PostgresStatistics.rows(
                kept("code, region_code, COUNT(*)", of: "alert", staleOnes: true) + " GROUP BY code, region_code", day,
                on: connection, { (try $0.text(0, "code"), try $0.optionalText(1), try $0.integer(2, "count")) }) {
                counts.add(code: code, region: region, count: -Int(truncatingIfNeeded: count))
            }
            counts.dropEmptyRegions()

            // The projects of the most urgent alerts (with a due date, and the few with none), of the first duties in
            // the window and overdue; the duties counted. The alerts are read from the start of the urgency index,
            // whose order (missing values first) is this one (schema.postgres.sql v27).
            let firsts = day + [String(limit)]
            func projects(_ sql: String, _ values: [String]) async throws -> [Int64] {
                try await PostgresStatistics.rows(sql, values, on: connection) { try $0.integer(0, "project_id") }
            }
            var shown = Set(try await projects(kept("project_id", of: "alert") + """
                 AND on_date IS NOT NULL
                ORDER BY severity NULLS FIRST, on_date, project_id, guarantee_id NULLS FIRST, code_place NULLS FIRST LIMIT $2::bigint
                """, firsts))
            shown.formUnion(try await projects(kept("project_id", of: "alert") + """
                 AND severity IN \(PostgresAlerts.severityRanks) AND on_date IS NULL
                ORDER BY severity NULLS FIRST, project_id, guarantee_id NULLS FIRST, code_place NULLS FIRST LIMIT $2::bigint
                """, firsts))
            var dutyTotals: [Int] = []
            for range in ["on_date BETWEEN $1::date AND \(PostgresCases.literal(asOf.adding(days: window)))", "on_date < $1::date"] {
                let duties = kept("project_id", of: "deadline") + " AND \(range)"
                let total = try await PostgresStatistics.rows("SELECT COUNT(*) FROM (\(duties)) duties", day, on: connection) {
                    try $0.integer(0, "count")
                }
                dutyTotals.append(Int(truncatingIfNeeded: total.first ?? 0))
                shown.formUnion(try await projects(duties + """
                     ORDER BY on_date, code COLLATE "C", guarantee_id NULLS FIRST, project_id LIMIT $2::bigint
                    """, firsts))
            }
            // The kept guarantees due for return (on projects with no case open on the day, once that is known).
            let keptReturns = try await PostgresStatistics.rows(
                kept("project_id, guarantee_id, on_date::text", of: "return"), day, on: connection) { c in
                MonitorDigestPart.KeptReturn(project: try c.integer(0, "project_id"), guarantee: try c.integer(1, "guarantee_id"),
                                             completed: try c.text(2, "on_date"))
            }
            return Kept(asOf: asOf, window: window, limit: limit, calendar: calendar, fresh: fresh,
                        freshFindings: freshFindings, owing: owing, openCases: openCases, counts: counts, shown: shown,
                        dutyTotals: (dutyTotals[0], dutyTotals[1]), keptReturns: keptReturns)
        }

        /// The part, with the cases changed since the day (nil: the day is today).
        func part(_ connection: PostgresConnection, changed: CasesChangedSince?) async throws -> MonitorDigestPart {
            let open = openCases.then(changed)
            let raising = MonitorDigestPart.raising(owing, open: open)
            let returns = MonitorDigestPart.returnsDue(keptReturns, open: open)
            let shown = shown.union(MonitorDigestPart.alsoShown(returns: returns, raising: raising, fresh: fresh, limit: limit))
            return MonitorDigestPart(
                fresh: fresh, freshFindings: freshFindings,
                part: try await PostgresMonitorSnapshot.read(connection, projects: shown, withSuggestions: false), kept: counts,
                raising: raising, returns: returns, dutyTotals: dutyTotals, open: open,
                calendar: calendar, asOf: asOf, window: window, limit: limit)
        }
    }
}
