import GRDB
import GRDBSQLite
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// The alerts of the wage-guarantee monitor on `asOf` (today in Asia/Shanghai when nil), most urgent first,
    /// optionally one code or one region (a prefix of the region code): `forEachAlert`'s, as one list.
    public func alerts(asOf: LocalDate? = nil, code: AlertCode? = nil, region: String? = nil) throws -> [Alert] {
        var alerts: [Alert] = []
        try forEachAlert(asOf: asOf, code: code, region: region) { alerts.append($0) }
        return alerts
    }

    /// The same list found afresh from every project, guarantee and open case: what the kept list is held to.
    func alertsFoundAfresh(asOf: LocalDate? = nil, code: AlertCode? = nil, region: String? = nil) throws -> [Alert] {
        let asOf = asOf ?? today
        let today = self.today
        // Read in the transaction, found after it (a reader is not held while the monitor works); the snapshot is
        // gone once the four lists are found, and those are merged once, filtered on the way.
        let lists = Self.alertLists(try read { db in
            let calendar = try Self.fetchCalendar(db)
            return (try Self.fetchSnapshot(db, openOn: (asOf, today)), calendar,
                    try Self.fetchCasesUnderWatch(db, asOf: asOf, today: today),
                    try Self.fetchJointWork(db, asOf: asOf, calendar: calendar))
        }, asOf: asOf)
        guard code != nil || region != nil else { return GuaranteeMonitor.merged(lists) }
        return GuaranteeMonitor.merged(lists) { alert in
            (code == nil || alert.code == code) && (region.map { (alert.regionCode ?? "").hasPrefix($0) } ?? true)
        }
    }

    /// The monitor's findings, the arrears they raise, the cases' time limits and the joint work's alerts, each
    /// most urgent first.
    private static func alertLists(
        _ read: (snapshot: MonitorSnapshot, calendar: WorkingDayCalendar, watched: [CaseUnderWatch],
                 joint: JointWorkSnapshot), asOf: LocalDate
    ) -> [[Alert]] {
        let findings = GuaranteeMonitor.findings(read.snapshot, calendar: read.calendar, asOf: asOf)
        let arrears = GuaranteeMonitor.arrearsAlerts(findings, openCaseCounts: read.snapshot.openCaseCounts,
                                                     openCases: read.snapshot.openCases,
                                                     latestOpened: read.snapshot.latestOpened)
        let cases = CaseTimeLimits.watch(read.watched, calendar: read.calendar, asOf: asOf).alerts
        let joint = JointWorkMonitor.findings(read.joint, calendar: read.calendar, asOf: asOf).alerts
        return [findings.alerts, arrears, cases, joint]
    }

    /// The time limits of the open cases `handler` handles or assists on, soonest (most overdue) first: a
    /// prosecutor's own deadlines.
    public func caseDeadlines(handler: String, asOf: LocalDate? = nil) throws -> [Deadline] {
        let asOf = asOf ?? today
        return try read { db in
            let mine = Set(try Int64.fetchAll(db, cached: "SELECT id FROM wage_case WHERE handler = ? OR assistant = ?",
                                              arguments: [handler, handler]))
            guard !mine.isEmpty else { return [] }
            let watched = try Self.fetchCasesUnderWatch(db, asOf: asOf, today: today).filter { mine.contains($0.id) }
            return CaseTimeLimits.watch(watched, calendar: try Self.fetchCalendar(db), asOf: asOf).deadlines
        }
    }

    /// The deposit a project owes under the rule in force on the day its duty arose, that rule, and when it is due.
    public func requiredGuarantee(for reference: ProjectReference) throws -> DepositDuty {
        try read { db in
            let project = try Self.fetchProject(db, reference, employerID: nil)
            let rule = GuaranteeRule.inForce(try Self.fetchRules(db), regionCode: project.regionCode,
                                             on: project.depositCountsFrom?.date ?? today) ?? .nationalDefault
            let due = GuaranteeMonitor.depositDue(project, calendar: try Self.fetchCalendar(db))
            return DepositDuty(rule: rule, requirement: DepositRequirement.of(project, rule: rule),
                               due: due?.date, basis: due?.basis, provisional: due?.provisional ?? false)
        }
    }

    /// Everything the monitor looks at, or (given `projects`) those projects with their guarantees and events,
    /// and every rule and (unless `withSuggestions` is false) suggestion, with the cases open on `openOn.asOf`.
    /// Without it the open cases are left out: a summary reads how many there are on its day afterwards
    /// (`fetchOpenCaseCounts`), and listing them reads every open case.
    static func fetchSnapshot(_ db: Database, openOn: (asOf: LocalDate, today: LocalDate)?,
                              projects only: Set<Int64>? = nil, withSuggestions: Bool = true) throws -> MonitorSnapshot {
        // Read by column position (see ColumnReader); a part names its projects as one JSON array.
        let arguments: StatementArguments = only.map { ["[" + $0.map(String.init).joined(separator: ",") + "]"] } ?? []
        func filtered(_ sql: String, _ filter: String) throws -> Statement {
            let statement = try db.cachedStatement(sql: sql.replacingOccurrences(of: "/*filter*/", with: only == nil ? "" : filter))
            try statement.setArguments(arguments)
            return statement
        }
        let projects = try ColumnReader.fetchAll(filtered("""
            SELECT p.id, p.name, p.employer_id, e.name, p.location, p.region_code, p.contract_price_fen, p.start_on,
                   p.planned_completion, p.actual_completion, p.status, p.standing, p.exemption_reason,
                   p.exemption_document, p.created_at, p.permit_on, p.contract_signed_on, p.prior_year_arrears,
                   p.real_name_management, p.wage_account, p.standing_since, p.reduced_ratio_bp
            FROM project p JOIN employer e ON e.id = p.employer_id /*filter*/ ORDER BY p.id
            """, "WHERE p.id IN (SELECT value FROM json_each(?))")) { c in
            var project = Project(
                id: try c.integer(0, "id"), name: try c.text(1, "name"), employerID: try c.integer(2, "employerID"), employerName: try c.text(3, "employerName"),
                location: c.text(4), regionCode: c.text(5), contractPrice: c.integer(6).map(Fen.init),
                start: try c.optionalDate(7, "start_on"), plannedCompletion: try c.optionalDate(8, "planned_completion"),
                actualCompletion: try c.optionalDate(9, "actual_completion"), status: try c.vocabulary(10, "status"),
                standing: try c.vocabulary(11, "standing"), exemptionReason: c.text(12),
                exemptionDocument: c.text(13), createdAt: try c.text(14, "createdAt"))
            project.permitDate = try c.optionalDate(15, "permit_on")
            project.contractSigned = try c.optionalDate(16, "contract_signed_on")
            project.priorYearArrears = c.integer(17).map { $0 == 1 }
            project.realNameManagement = c.integer(18) == 1
            project.wageAccount = c.integer(19) == 1
            project.standingSince = try c.optionalDate(20, "standing_since")
            project.reducedRatioBasisPoints = c.integer(21).map { Int(truncatingIfNeeded: $0) }
            return project
        }
        let guarantees = try ColumnReader.fetchAll(filtered("""
            SELECT id, project_id, kind, amount_fen, issuer, document_number, effective_on, ends_on, created_at
            FROM guarantee /*filter*/ ORDER BY id
            """, "WHERE project_id IN (SELECT value FROM json_each(?))")) { c in
            Guarantee(id: try c.integer(0, "id"), projectID: try c.integer(1, "projectID"), kind: try c.vocabulary(2, "kind"),
                      amount: Fen(try c.integer(3, "amount")), issuer: c.text(4), documentNumber: c.text(5),
                      effective: try c.date(6, "effective_on"), ends: try c.optionalDate(7, "ends_on"),
                      createdAt: try c.text(8, "createdAt"))
        }
        var events: [Int64: [GuaranteeEvent]] = [:]
        for event in try ColumnReader.fetchAll(filtered("""
            SELECT ge.id, ge.guarantee_id, ge.kind, ge.on_date, ge.amount_fen, ge.notice_number, ge.new_ends_on,
                   ge.new_document, (SELECT group_concat(case_id) FROM guarantee_draw_case d WHERE d.event_id = ge.id),
                   ge.note, ge.actor, ge.order_number, ge.order_due_on, ge.paid_on
            FROM guarantee_event ge /*filter*/ ORDER BY ge.guarantee_id, ge.on_date, ge.id
            """, "WHERE ge.guarantee_id IN (SELECT id FROM guarantee WHERE project_id IN (SELECT value FROM json_each(?)))"), { c in
            var event = GuaranteeEvent(
                id: try c.integer(0, "id"), guaranteeID: try c.integer(1, "guaranteeID"), kind: try c.vocabulary(2, "kind"),
                date: try c.date(3, "on_date"), amount: c.integer(4).map(Fen.init), noticeNumber: c.text(5),
                newEnds: try c.optionalDate(6, "new_ends_on"), newDocument: c.text(7),
                caseIDs: c.text(8).map { $0.split(separator: ",").compactMap { Int64($0) } } ?? [],
                note: c.text(9), actor: try c.text(10, "actor"))
            (event.orderNumber, event.orderDue, event.paidOn) = (c.text(11), try c.optionalDate(12, "order_due_on"),
                                                                 try c.optionalDate(13, "paid_on"))
            return event
        }) {
            events[event.guaranteeID, default: []].append(event)
        }
        // Every suggestion: one answered since may have been waiting on the day asked.
        let suggestions = withSuggestions ? try fetchAllSuggestions(db) : []
        var snapshot = MonitorSnapshot(projects: projects, guarantees: guarantees, events: events, openCases: [:],
                                       suggestions: suggestions, rules: try fetchRules(db))
        if let openOn {
            let open = try fetchOpenCases(db, asOf: openOn.asOf, today: openOn.today)
            (snapshot.openCases, snapshot.openCaseCounts) = (open.cases, open.cases.mapValues(\.count))
            snapshot.latestOpened = open.latestOpened
        }
        return snapshot
    }

    /// The cases open on `asOf`, by project, and when the latest of each project's was opened. Hundreds of
    /// thousands of rows at scale: a cursor read by column index, no Row copies.
    static func fetchOpenCases(_ db: Database, asOf: LocalDate,
                               today: LocalDate) throws -> (cases: [Int64: [Int64]], latestOpened: [Int64: LocalDate]) {
        var cases: [Int64: [Int64]] = [:]
        var latest: [Int64: LocalDate] = [:]
        let rows = try Row.fetchCursor(db.makeStatement(sql: """
            SELECT l.project_id, c.id, c.opened_on FROM wage_case c JOIN clue l ON l.id = c.clue_id
            WHERE \(OpenCaseSQL.condition(on: asOf, today: today)) AND l.project_id IS NOT NULL ORDER BY c.id
            """))
        while let row = try rows.next() {
            let project: Int64 = row[0]
            cases[project, default: []].append(row[1] as Int64)
            if let opened = LocalDate.parseISO(row[2] as String), latest[project].map({ opened > $0 }) ?? true {
                latest[project] = opened
            }
        }
        return (cases, latest)
    }

    /// How many cases were open on `asOf`, by project, and (for `drawn` projects only) when the latest was opened.
    /// Today's counts are kept by triggers (project_open_cases). A past day's are today's, put back for the few
    /// cases opened or moved since (OpenCaseSQL.changedSince): every other case was open then exactly if it is now.
    static func fetchOpenCaseCounts(_ db: Database, asOf: LocalDate, today: LocalDate, drawn: Set<Int64>,
                                    changed: CasesChangedSince? = nil) throws -> (counts: [Int64: Int], latestOpened: [Int64: LocalDate]) {
        let statement = try db.cachedStatement(sql: "SELECT project_id, cases FROM project_open_cases WHERE cases > 0")
        // Gathered first and made a table in one (a table grown row by row is rehashed a dozen times).
        var pairs: [(Int64, Int)] = []
        let rows = try Row.fetchCursor(statement)
        let columns = ColumnReader(statement)
        while try rows.next() != nil {
            pairs.append((try columns.integer(0, "project_id"), Int(try columns.integer(1, "cases"))))
        }
        var counts = Dictionary(pairs, uniquingKeysWith: { _, last in last })
        // A past day: the cases opened or moved since (whose state then may differ) put back as they stood then;
        // every other case was open then exactly if it is open now.
        let changed = asOf < today ? try changed ?? CasesChangedSince(db, day: asOf, today: today) : nil
        if let changed { counts = changed.openCountsThen(counts) }
        // From the open cases kept by project (project_open_case, a few index rows a project): today's latest
        // opening day, or a past day's among the cases not changed since, with the changed ones open then.
        var latest: [Int64: LocalDate] = [:]
        let latestOpened = try db.cachedStatement(sql: "SELECT MAX(opened_on) FROM project_open_case WHERE project_id = ?")
        let openCases = try db.cachedStatement(sql: "SELECT case_id, opened_on FROM project_open_case WHERE project_id = ?")
        let openCaseColumns = ColumnReader(openCases)
        for project in drawn where counts[project] != nil {
            var opened: String?
            if let changed {
                opened = changed.latestOpenedThen[project]?.iso
                try openCases.setArguments([project])
                let cases = try Row.fetchCursor(openCases)
                while try cases.next() != nil {
                    guard !changed.contains(try openCaseColumns.integer(0, "case_id")) else { continue }
                    let day = try openCaseColumns.text(1, "opened_on")
                    opened = max(opened ?? day, day)
                }
            } else {
                opened = try latestOpenedDay(latestOpened, project: project, in: db)
            }
            if let opened {
                guard let date = LocalDate.parseISO(opened) else { throw CorruptValue(column: "opened_on", value: opened) }
                latest[project] = date
            }
        }
        return (counts, latest)
    }

    /// `SELECT MAX(opened_on) … WHERE project_id = ?` for one project, bound and stepped as it is: an overview
    /// asks it for every project whose deposit was drawn (thousands on a city's file), where binding and reading
    /// through a cursor cost more than SQLite's few index rows.
    private static func latestOpenedDay(_ statement: Statement, project: Int64, in db: Database) throws -> String? {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        let bound = sqlite3_bind_int64(handle, 1, project)
        guard bound == SQLITE_OK else { throw db.failure(bound) }
        defer { sqlite3_reset(handle) }
        return try db.step(handle) ? ColumnReader(statement).text(0) : nil
    }

    /// The cases of a project open on `asOf`, for an alert a summary shows.
    static func fetchOpenCases(_ db: Database, project: Int64, asOf: LocalDate, today: LocalDate) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT c.id FROM clue l JOIN wage_case c ON c.clue_id = l.id
            WHERE l.project_id = ? AND \(OpenCaseSQL.condition(on: asOf, today: today)) ORDER BY c.id
            """, arguments: [project])
    }

    /// The open cases with a time limit to watch: those under review or with the support letter out (the office's
    /// limits), and those not yet in court with an end of employment or a payment due date (the limitation periods).
    /// The stage index, named: an office's statistics (most cases closed or in court) would otherwise lead the
    /// planner to read every case of a million to find the few under review.
    static let casesUnderWatchSQL = """
        SELECT c.id, c.case_number, c.stage, c.stage_on, c.opened_on, c.employment_ended_on, c.payment_due_on,
               p.id, p.name, p.region_code
        FROM wage_case c INDEXED BY wage_case_by_stage JOIN clue l ON l.id = c.clue_id
        LEFT JOIN project p ON p.id = l.project_id
        WHERE c.stage IN \(watchedStagesSQL)
          AND (c.stage <> 'support-decided' OR c.employment_ended_on IS NOT NULL OR c.payment_due_on IS NOT NULL)
        ORDER BY c.id
        """

    /// Core's stages of a claim not yet brought, as an SQL list (the same rule as `CaseTimeLimits.isUnderWatch`).
    private static let watchedStagesSQL = "("
        + CaseTimeLimits.claimNotYetBrought.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ") + ")"

    static func fetchCasesUnderWatch(_ db: Database, asOf: LocalDate, today: LocalDate,
                                     changed: CasesChangedSince? = nil) throws -> [CaseUnderWatch] {
        let settings = try settingValues(db)
        let decisionDays = Setting.caseDecisionDays.number(settings[.caseDecisionDays])
        let courtFilingDays = Setting.courtFilingDays.number(settings[.courtFilingDays])
        let watched = try ColumnReader.fetchAll(db.cachedStatement(sql: casesUnderWatchSQL)) { c in
            CaseUnderWatch(
                id: try c.integer(0, "id"), caseNumber: c.text(1),
                facts: CaseTimeFacts(stage: try c.vocabulary(2, "stage"), stageDate: try c.date(3, "stage_on"),
                                     opened: try c.date(4, "opened_on"),
                                     employmentEnded: try c.optionalDate(5, "employment_ended_on"),
                                     paymentDue: try c.optionalDate(6, "payment_due_on"),
                                     decisionDays: decisionDays, courtFilingDays: courtFilingDays),
                projectID: c.integer(7), projectName: c.text(8), regionCode: c.text(9))
        }
        guard asOf < today else { return watched }
        // A past day: every case not changed since stood as it stands (any case opened after the day is changed),
        // and the changed ones as they stood then.
        return try (changed ?? CasesChangedSince(db, day: asOf, today: today))
            .underWatchThen(watched, decisionDays: decisionDays, courtFilingDays: courtFilingDays)
    }
}
