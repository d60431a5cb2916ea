import GRDB
import GRDBSQLite
import WagecaseCore
import WagecaseStore

/// Every alert of a day, most urgent first, read one at a time: the monitor's alerts kept with their words
/// (schema.sql v22), those with no end in urgency order straight from their index (v25) and those ending on a known
/// day sorted by SQL, merged with what is found afresh (projects still marked
/// stale, the suggestions), the arrears alerts (deposits owed, kept, against the open cases of the day, listed
/// project by project), the cases' time limits and the joint work's alerts. Nothing holds the whole list.
extension AppDatabase {
    /// Hands each alert on `asOf` (today in Asia/Shanghai when nil), most urgent first, to `body`, optionally one
    /// code or one region (a prefix of the region code). Read in one transaction. With `words` one language, the
    /// kept alerts' words in the other are not read (left empty): a list shown in one language reads half the text.
    public func forEachAlert(asOf: LocalDate? = nil, code: AlertCode? = nil, region: String? = nil,
                             words: AlertWords = .both, _ body: (consuming Alert) throws -> Void) throws {
        let asOf = asOf ?? today
        let today = self.today
        try read { db in
            var alerts = try Self.alertStream(db, asOf: asOf, today: today, code: code, region: region, words: words)
            while let alert = try alerts.next() { try body(consume alert) }
        }
    }

    static func alertStream(_ db: Database, asOf: LocalDate, today: LocalDate, code: AlertCode?,
                            region: String?, words: AlertWords = .both) throws -> MergedInOrderStream<Alert> {
        let keep = { (alert: Alert) in
            (code == nil || alert.code == code) && (region.map { (alert.regionCode ?? "").hasPrefix($0) } ?? true)
        }
        let calendar = try fetchCalendar(db)
        // Projects marked stale (written around the program) and the suggestions: found afresh.
        let stale = Set(try Int64.fetchAll(db, cached: "SELECT project_id FROM monitor_finding_stale"))
        let fresh = try fetchSnapshot(db, openOn: nil, projects: stale)
        let freshFindings = GuaranteeMonitor.findings(fresh, calendar: calendar, asOf: asOf)
        let kept = KeptAlertsQuery(day: asOf, code: code, region: region, noneStale: stale.isEmpty)
        let keptAlerts = try keptAlertSources(db, query: kept, asOf: asOf, words: words)
        let arrears: () throws -> Alert? = code == nil || code == .arrearsDepositUnused
            ? try arrearsSource(db, query: kept, asOf: asOf, today: today,
                                freshOwing: freshFindings.owing.filter { project in
                                    region.map { (project.regionCode ?? "").hasPrefix($0) } ?? true
                                })
            : { nil }
        let cases = CaseTimeLimits.watch(try fetchCasesUnderWatch(db, asOf: asOf, today: today), calendar: calendar,
                                         asOf: asOf).alerts
        let joint = JointWorkMonitor.findings(try fetchJointWork(db, asOf: asOf, calendar: calendar), calendar: calendar,
                                      asOf: asOf).alerts
        typealias Stream = MergedInOrderStream<Alert>
        // The order `alerts` has always merged in: the monitor's (kept and fresh: never equal), arrears, cases, joint.
        return try Stream(keptAlerts + [Stream.source(freshFindings.alerts.filter(keep)), arrears,
                           Stream.source(cases.filter(keep)), Stream.source(joint.filter(keep))],
                          by: GuaranteeMonitor.isMoreUrgent)
    }

    /// The kept alerts of the day in urgency order (`GuaranteeMonitor.isMoreUrgent`: severity, days left, project,
    /// guarantee, the code's place). Those holding with no end (most) come in the order of their index, not sorted:
    /// with a due date, and apart the few with none (due that day, as it were); the few ending on a known day after
    /// the day are found by their end and sorted (a missing due date as the day itself). Three sources, to be
    /// merged (never equal: a record has at most one alert of a code on a day).
    static func keptAlertSources(_ db: Database, query: KeptAlertsQuery, asOf: LocalDate,
                                 words: AlertWords = .both) throws -> [() throws -> Alert?] {
        let (chinese, english) = (words != .english, words != .chinese)
        let columns = "f.code, f.region_code, f.project_id, p.name, f.guarantee_id, f.on_date, f.flag, f.detail, f.detail_en"
        func source(_ sql: String) throws -> () throws -> Alert? {
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(query.arguments)
            let cursor = try Row.fetchCursor(statement)
            let c = ColumnReader(statement)
            return {
                guard try cursor.next() != nil else { return nil }
                return Alert.kept(try c.vocabulary(0, "code", among: Self.alertCodes), regionCode: c.text(1),
                                  projectID: try c.integer(2, "project_id"), projectName: try c.text(3, "name"),
                                  guaranteeID: c.integer(4), due: try c.optionalDate(5, "on_date"),
                                  provisional: c.integer(6) == 1, detail: chinese ? try c.text(7, "detail") : "",
                                  detailEn: english ? try c.text(8, "detail_en") : "", asOf: asOf)
            }
        }
        return try [
            source(query.select(columns, of: "alert", indexedBy: Self.openAlertsIndex, where: "f.until_day IS NULL")
                   + " AND f.on_date IS NOT NULL ORDER BY f.severity, f.on_date, f.project_id, f.guarantee_id, f.code_place"),
            source(query.select(columns, of: "alert", indexedBy: Self.openAlertsIndex, where: "f.until_day IS NULL")
                   + " AND f.severity IN \(Self.severityRanks) AND f.on_date IS NULL"
                   + " ORDER BY f.severity, f.project_id, f.guarantee_id, f.code_place"),
            source(query.select(columns, of: "alert", indexedBy: "monitor_finding_by_day", where: "f.until_day > ?1")
                   + " ORDER BY f.severity, COALESCE(f.on_date, ?1), f.project_id, f.guarantee_id, f.code_place"),
        ]
    }

    static let alertCodes = VocabularyBytes<AlertCode>()

    /// The alerts holding with no end, in urgency order with their words (schema.sql v25).
    static let openAlertsIndex = "monitor_alert_open_by_urgency"

    /// Every severity's rank, as an SQL list: the alerts with no due date are found severity by severity in the
    /// urgency index (`severity = ? AND on_date IS NULL`), already in order.
    static let severityRanks = "(" + AlertSeverity.allCases.map { String($0.rank) }.joined(separator: ", ") + ")"

    /// The arrears alerts of the day in urgency order (all alike but for the project: project order), each with
    /// the project's cases open on the day.
    private static func arrearsSource(_ db: Database, query: KeptAlertsQuery, asOf: LocalDate, today: LocalDate,
                                      freshOwing: [GuaranteeFindings.OwingProject]) throws -> () throws -> Alert? {
        let statement = try db.makeStatement(sql: query.select(
            "f.project_id, p.name, f.region_code, f.on_date, f.flag", of: "owing"))
        try statement.setArguments(query.arguments)
        var owing = try ColumnReader.fetchAll(statement) { c in
            GuaranteeFindings.OwingProject(id: try c.integer(0, "project_id"), name: try c.text(1, "name"),
                                           regionCode: c.text(2), lastDrawn: try c.optionalDate(3, "on_date"),
                                           hasGuarantee: c.integer(4) == 1)
        }
        owing.append(contentsOf: freshOwing)
        let open = try fetchOpenCaseCounts(db, asOf: asOf, today: today,
                                           drawn: Set(owing.lazy.filter { $0.lastDrawn != nil }.map(\.id)))
        // In project order, each asked whether it raises the alert as the list reaches it.
        owing.sort { $0.id < $1.id }
        var next = owing.startIndex
        let cases = try OpenCasesByProject(db, asOf: asOf, today: today)
        return {
            while next < owing.endIndex {
                let project = owing[next]
                next += 1
                let count = open.counts[project.id] ?? 0, latestOpened = open.latestOpened[project.id]
                guard GuaranteeMonitor.raisesArrears(lastDrawn: project.lastDrawn, open: count,
                                                     latestOpened: latestOpened) else { continue }
                return GuaranteeMonitor.arrearsAlert(project, open: count, cases: try cases.of(project.id, expected: count),
                                                     latestOpened: latestOpened)
            }
            return nil
        }
    }
}

/// The cases open on a day of the projects asked for in increasing order: today's read in one pass over every
/// project's (the open cases are kept by project, project_open_case), a past day's asked project by project.
private final class OpenCasesByProject {
    private let db: Database
    private let walk: Statement?
    private let perProject: Statement?
    private var pending: (project: Int64, caseID: Int64)?
    private var walked = false

    init(_ db: Database, asOf: LocalDate, today: LocalDate) throws {
        self.db = db
        if asOf >= today {
            // The open cases kept by project (project_open_case), in the order of its index.
            walk = try db.makeStatement(sql: """
                SELECT project_id, case_id FROM project_open_case INDEXED BY project_open_case_by_project
                ORDER BY project_id, case_id
                """)
            perProject = nil
        } else {
            walk = nil
            perProject = try db.makeStatement(sql: """
                SELECT c.id FROM clue l JOIN wage_case c ON c.clue_id = l.id
                WHERE l.project_id = ? AND \(OpenCaseSQL.condition(on: asOf, today: today)) ORDER BY c.id
                """)
        }
    }

    /// The open cases of `project` (`expected` of them, as counted), in case order; projects are asked in
    /// increasing order.
    func of(_ project: Int64, expected: Int = 0) throws -> [Int64] {
        if let perProject { return try Int64.fetchAll(perProject, arguments: [project]) }
        guard let walk else { return [] }
        var cases: [Int64] = []
        cases.reserveCapacity(expected)
        while true {
            if let (owner, caseID) = pending {
                if owner > project { break }
                if owner == project { cases.append(caseID) }
                pending = nil
            }
            guard !walked else { break }
            // Stepped as it is, without a cursor's checks at each of the 800,000 rows of a million-case file.
            guard try db.step(walk.sqliteStatement) else {
                walked = true
                break
            }
            // Neither can be NULL: the case's rowid, and a column SQLite holds NOT NULL (a STRICT table).
            pending = (sqlite3_column_int64(walk.sqliteStatement, 0), sqlite3_column_int64(walk.sqliteStatement, 1))
        }
        // In the index's order: by case within a project.
        return cases
    }
}

/// The kept findings of one kind holding on a day, of the projects not marked stale, with their project's name,
/// optionally one code and one region (a prefix).
struct KeptAlertsQuery {
    let day: LocalDate
    let code: AlertCode?
    let region: String?
    /// No project is marked stale (read in the same transaction): the test against them is left out of every row.
    var noneStale = false

    var arguments: StatementArguments { [day.iso, code?.rawValue, region] }

    /// `SELECT columns FROM monitor_finding f JOIN project p … WHERE …` for the findings of `kind`, read through
    /// the index named, if any, with `condition` (an index's own, for one that keeps only some spans) added.
    func select(_ columns: String, of kind: String, indexedBy index: String? = nil, where condition: String? = nil) -> String {
        """
        SELECT \(columns) FROM monitor_finding f \(index.map { "INDEXED BY \($0) " } ?? "")CROSS JOIN project p ON p.id = f.project_id
        WHERE f.finding = '\(kind)' AND \(condition.map { $0 + " AND " } ?? "")\(KeptFindingsQuery.holds(on: "?1", in: "f"))
          \(noneStale ? "" : "AND f.project_id NOT IN (SELECT project_id FROM monitor_finding_stale)")
          AND (?2 IS NULL OR f.code = ?2 OR f.finding <> 'alert')
          AND (?3 IS NULL OR substr(COALESCE(f.region_code, ''), 1, length(?3)) = ?3)
        """
    }
}
