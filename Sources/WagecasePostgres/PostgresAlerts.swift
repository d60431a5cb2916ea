import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// `alerts` on PostgreSQL: every alert of a day, most urgent first, read as the SQLite store reads it
/// (AlertListing) — the kept alerts with their words through server-side cursors in urgency order, merged
/// with what is found afresh (projects marked stale, the suggestions), the arrears alerts (kept deposits owed
/// against the open cases of the day), the cases' time limits and the joint work's alerts. One REPEATABLE READ,
/// READ ONLY transaction; nothing holds the whole list.
extension PostgresDatabase {
    /// Hands each alert on `asOf` (today in Asia/Shanghai when nil), most urgent first, to `body`, optionally one
    /// code or one region (a prefix of the region code). With `words` one language, the other's are not read.
    public func forEachAlert(asOf: LocalDate? = nil, code: AlertCode? = nil, region: String? = nil,
                             words: AlertWords = .both, now: Date = Date(),
                             _ body: (Alert) throws -> Void) async throws {
        let today = LocalDate.today(now: now)
        let asOf = asOf ?? today
        do {
            try await readOnly { connection in
                var alerts = try await PostgresAlerts.stream(connection, asOf: asOf, today: today, code: code,
                                                             region: region, words: words)
                while let alert = try await alerts.next() { try body(alert) }
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }

    /// The same alerts as one list.
    public func alerts(asOf: LocalDate? = nil, code: AlertCode? = nil, region: String? = nil,
                       now: Date = Date()) async throws -> [Alert] {
        var alerts: [Alert] = []
        try await forEachAlert(asOf: asOf, code: code, region: region, now: now) { alerts.append($0) }
        return alerts
    }
}

enum PostgresAlerts {
    static func stream(_ connection: PostgresConnection, asOf: LocalDate, today: LocalDate, code: AlertCode?,
                       region: String?, words: AlertWords) async throws -> AsyncMergedInOrder<Alert> {
        let keep = { (alert: Alert) in
            (code == nil || alert.code == code) && (region.map { (alert.regionCode ?? "").hasPrefix($0) } ?? true)
        }
        let calendar = try await PostgresStatistics.calendar(connection)
        // Projects marked stale (written around the program) and the suggestions: found afresh.
        let stale = Set(try await PostgresStatistics.rows("SELECT project_id FROM monitor_finding_stale", on: connection) {
            try $0.integer(0, "project_id")
        })
        let fresh = try await PostgresMonitorSnapshot.read(connection, projects: stale)
        let freshFindings = GuaranteeMonitor.findings(fresh, calendar: calendar, asOf: asOf)
        let kept = Kept(day: asOf, code: code, region: region, noneStale: stale.isEmpty)
        let changed = asOf < today ? try await PostgresCases.changed(connection, day: asOf, today: today) : nil
        var sources: [AsyncMergedInOrder<Alert>.Source] = try await keptSources(connection, kept, asOf: asOf, words: words)
        let freshAlerts = freshFindings.alerts.filter(keep)
        sources.append(listed(freshAlerts))
        if code == nil || code == .arrearsDepositUnused {
            sources.append(try await arrears(connection, kept, asOf: asOf, today: today, changed: changed,
                                             freshOwing: freshFindings.owing.filter { project in
                                                 region.map { (project.regionCode ?? "").hasPrefix($0) } ?? true
                                             }))
        }
        let cases = CaseTimeLimits.watch(try await PostgresCases.underWatch(connection, asOf: asOf, today: today, changed: changed),
                                         calendar: calendar, asOf: asOf).alerts
        let joint = JointWorkMonitor.findings(try await PostgresJointWork.snapshot(connection, asOf: asOf, calendar: calendar),
                                              calendar: calendar, asOf: asOf).alerts
        // The order `alerts` has always merged in: the monitor's (kept and fresh: never equal), arrears, cases, joint.
        sources.append(listed(cases.filter(keep)))
        sources.append(listed(joint.filter(keep)))
        return try await AsyncMergedInOrder(sources, by: GuaranteeMonitor.isMoreUrgent)
    }

    /// Every severity's rank, as an SQL list: the alerts with no due date are read severity by severity.
    static let severityRanks = "(" + AlertSeverity.allCases.map { String($0.rank) }.joined(separator: ", ") + ")"

    /// A list already found, as a source.
    static func listed(_ alerts: [Alert]) -> AsyncMergedInOrder<Alert>.Source {
        var remaining = alerts[...]
        return { remaining.popFirst() }
    }

    /// The kept findings of one kind holding on the day, with their project's name, of the projects not marked
    /// stale, optionally one code (alerts only) and one region (a prefix): $1 the day, $2 the code, $3 the region.
    struct Kept {
        let day: LocalDate
        let code: AlertCode?
        let region: String?
        let noneStale: Bool

        var values: [String] { [day.iso, code?.rawValue ?? "", region ?? ""] }

        func select(_ columns: String, of kind: String, where condition: String? = nil) -> String {
            """
            SELECT \(columns) FROM monitor_finding f JOIN project p ON p.id = f.project_id
            WHERE f.finding = '\(kind)' AND \(condition.map { $0 + " AND " } ?? "")
                  (f.until_day > $1::date OR f.until_day IS NULL) AND (f.from_day <= $1::date OR f.from_day IS NULL)
              \(noneStale ? "" : "AND f.project_id NOT IN (SELECT project_id FROM monitor_finding_stale)")
              AND ($2 = '' OR f.code = $2 OR f.finding <> 'alert')
              AND starts_with(COALESCE(f.region_code, ''), $3)
            """
        }
    }

    /// The kept alerts of the day, each source in urgency order (severity, due date, project, guarantee, the
    /// code's place — GuaranteeMonitor.isMoreUrgent, which the merge follows): those with no end in the order of
    /// their index (with a due date, and apart the few with none), those ending on a known day after it sorted.
    static func keptSources(_ connection: PostgresConnection, _ kept: Kept, asOf: LocalDate,
                            words: AlertWords) async throws -> [AsyncMergedInOrder<Alert>.Source] {
        let (chinese, english) = (words != .english, words != .chinese)
        let columns = """
            f.code, f.region_code, f.project_id, p.name, f.guarantee_id, f.on_date::text, f.flag,
            \(chinese ? "f.detail" : "''"), \(english ? "f.detail_en" : "''")
            """
        // Those with no end in the urgency index's order (severity, due, project, guarantee, code), each read
        // twice, with a guarantee and without: the list puts a missing guarantee first and the index last, so
        // one query would be sorted whole before its first row; the merge puts the two back in the list's order.
        var queries: [String] = []
        for guarantee in ["f.guarantee_id IS NOT NULL", "f.guarantee_id IS NULL"] {
            queries.append(kept.select(columns, of: "alert", where: "f.until_day IS NULL AND \(guarantee)") + """
                 AND f.on_date IS NOT NULL
                ORDER BY f.severity, f.on_date, f.project_id, f.guarantee_id, f.code_place
                """)
            queries.append(kept.select(columns, of: "alert", where: "f.until_day IS NULL AND \(guarantee)") + """
                 AND f.severity IN \(severityRanks) AND f.on_date IS NULL
                ORDER BY f.severity, f.project_id, f.guarantee_id, f.code_place
                """)
        }
        // Those ending on a known day after it: few, sorted (a missing due date as the day itself).
        queries.append(kept.select(columns, of: "alert", where: "f.until_day > $1::date") + """

            ORDER BY f.severity NULLS FIRST, COALESCE(f.on_date, $1::date), f.project_id, f.guarantee_id NULLS FIRST,
                     f.code_place NULLS FIRST
            """)
        var sources: [AsyncMergedInOrder<Alert>.Source] = []
        for (index, sql) in queries.enumerated() {
            let cursor = try await PostgresCursor(connection, name: "kept_alerts_\(index)", sql: sql, values: kept.values) { c in
                Alert.kept(try c.vocabulary(0, "code"), regionCode: try c.optionalText(1),
                           projectID: try c.integer(2, "project_id"), projectName: try c.text(3, "name"),
                           guaranteeID: try c.optionalInteger(4), due: try c.optionalDate(5, "on_date"),
                           provisional: try c.optionalInteger(6) == 1, detail: try c.text(7, "detail"),
                           detailEn: try c.text(8, "detail_en"), asOf: asOf)
            }
            sources.append { try await cursor.next() }
        }
        return sources
    }

    /// The arrears alerts of the day in project order, each with the project's cases open on the day: today's
    /// from the open cases kept by project (those of the projects raising it, read alongside in one pass); a past
    /// day's asked project by project.
    static func arrears(_ connection: PostgresConnection, _ kept: Kept, asOf: LocalDate, today: LocalDate,
                        changed: CasesChangedSince?, freshOwing: [GuaranteeFindings.OwingProject]) async throws -> AsyncMergedInOrder<Alert>.Source {
        var owing = try await PostgresStatistics.rows(
            kept.select("f.project_id, p.name, f.region_code, f.on_date::text, f.flag", of: "owing"), kept.values,
            on: connection) { c in
            GuaranteeFindings.OwingProject(id: try c.integer(0, "project_id"), name: try c.text(1, "name"),
                                           regionCode: try c.optionalText(2), lastDrawn: try c.optionalDate(3, "on_date"),
                                           hasGuarantee: try c.optionalInteger(4) == 1)
        }
        owing.append(contentsOf: freshOwing)
        let open = try await PostgresCases.openCaseCounts(connection, asOf: asOf, today: today,
                                                          drawn: Set(owing.lazy.filter { $0.lastDrawn != nil }.map(\.id)),
                                                          changed: changed)
        // In project order; which raise the alert is known from the counts, so only their cases are read.
        let raising = MonitorDigestPart.raising(owing, open: open)
        var next = raising.startIndex
        // Each project's open cases as one array (a row per project through the driver, not one per case).
        let walk = asOf >= today && !raising.isEmpty ? try await PostgresCursor(
            connection, name: "open_cases_by_project",
            sql: """
                SELECT project_id, array_agg(case_id ORDER BY case_id) FROM project_open_case
                WHERE project_id = ANY($1::bigint[]) GROUP BY project_id ORDER BY project_id
                """, values: [PostgresStatistics.idArray(raising.map(\.id))]) {
                (project: try $0.integer(0, "project_id"), cases: try $0.integers(1, "cases"))
            } : nil
        var pending: (project: Int64, cases: [Int64])?
        /// The open cases of `project` on the day; projects are asked in increasing order.
        func cases(of project: Int64) async throws -> [Int64] {
            guard let walk else {
                return try await PostgresCases.openCases(connection, projects: [project], asOf: asOf, today: today)[project] ?? []
            }
            while true {
                if let current = pending {
                    if current.project > project { return [] }
                    pending = nil
                    if current.project == project { return current.cases }
                }
                guard let row = try await walk.next() else { return [] }
                pending = row
            }
        }
        return {
            guard next < raising.endIndex else { return nil }
            let project = raising[next]
            next += 1
            let count = open.counts[project.id] ?? 0
            return GuaranteeMonitor.arrearsAlert(project, open: count, cases: try await cases(of: project.id),
                                                 latestOpened: open.latestOpened[project.id])
        }
    }
}
