import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// The alerts of the wage-guarantee monitor on `asOf` (today in Asia/Shanghai when nil), most urgent first,
    /// optionally one code or one region (a prefix of the region code).
    public func alerts(asOf: LocalDate? = nil, code: AlertCode? = nil, region: String? = nil) throws -> [Alert] {
        let asOf = asOf ?? today
        let (snapshot, calendar, watched) = try read { db in
            (try Self.fetchSnapshot(db), try Self.fetchCalendar(db), try Self.fetchCasesUnderWatch(db))
        }
        let caseAlerts = CaseTimeLimits.watch(watched, calendar: calendar, asOf: asOf).alerts
        return GuaranteeMonitor.merged(GuaranteeMonitor.alerts(snapshot, calendar: calendar, asOf: asOf), caseAlerts)
            .filter { alert in
            (code == nil || alert.code == code)
                && (region == nil || (alert.regionCode ?? "").hasPrefix(region!))
        }
    }

    /// The time limits of the open cases `handler` handles or assists on, soonest (most overdue) first: a
    /// prosecutor's own deadlines.
    public func caseDeadlines(handler: String, asOf: LocalDate? = nil) throws -> [Deadline] {
        let asOf = asOf ?? today
        return try read { db in
            let mine = Set(try Int64.fetchAll(db, cached: "SELECT id FROM wage_case WHERE handler = ? OR assistant = ?",
                                              arguments: [handler, handler]))
            guard !mine.isEmpty else { return [] }
            let watched = try Self.fetchCasesUnderWatch(db).filter { mine.contains($0.id) }
            return CaseTimeLimits.watch(watched, calendar: try Self.fetchCalendar(db), asOf: asOf).deadlines
        }
    }

    /// The required deposit of a project under the rule in force on its start date, and that rule.
    public func requiredGuarantee(for reference: ProjectReference) throws -> (rule: GuaranteeRule, required: Fen?) {
        try read { db in
            let project = try Self.fetchProject(db, reference, employerID: nil)
            let rule = GuaranteeRule.inForce(try Self.fetchRules(db), regionCode: project.regionCode,
                                             on: project.start ?? today) ?? .nationalDefault
            if project.isExempt { return (rule, .zero) }
            return (rule, project.contractPrice.map { rule.requiredAmount(contractPrice: $0, standing: project.standing) })
        }
    }

    /// The monitor's kept state (see MonitorFindings) brought to `version`: the projects written since the kept
    /// version read again and put in place of their old records, findings and standing — or everything read, when
    /// nothing is kept, a rule or the holiday calendar changed, or so many projects changed that one read of all
    /// is quicker. The snapshot kept does not count open cases: each digest reads those afresh.
    static func monitorState(_ db: Database, version: Int64, kept: MonitorFindings.Kept?) throws -> MonitorFindings.Kept {
        func readEverything() throws -> MonitorSnapshot { try fetchSnapshot(db, openCaseCounts: [:]) }
        guard let kept else { return .init(version: version, snapshot: try readEverything()) }
        if kept.version == version {
            var same = kept
            if same.snapshot == nil { same.snapshot = try readEverything() }
            return same
        }
        let everythingChanged = try Int64.fetchOne(db, cached: "SELECT version FROM monitor_everything_change") ?? 0
        guard let old = kept.snapshot, everythingChanged < kept.version else {
            return .init(version: version, snapshot: try readEverything())
        }
        let changed = Set(try Int64.fetchAll(db, cached: "SELECT project_id FROM monitor_project_change WHERE version >= ?",
                                             arguments: [kept.version]))
        guard changed.count <= max(old.projects.count / 4, 100) else {
            return .init(version: version, snapshot: try readEverything())
        }
        let part = try fetchSnapshot(db, openCaseCounts: [:], projects: changed)
        var updated = MonitorFindings.Kept(version: version, snapshot: old.replacing(projects: changed, with: part))
        if let findings = kept.findings {
            let calendar = try fetchCalendar(db)
            let found = GuaranteeMonitor.findings(part, calendar: calendar, asOf: findings.asOf)
            let deadlines = GuaranteeMonitor.deadlines(part, calendar: calendar, asOf: findings.asOf)
            updated.findings = .init(asOf: findings.asOf,
                                     guarantees: findings.guarantees.replacing(projects: changed, with: found),
                                     deadlines: Deadline.replacing(findings.deadlines, projects: changed, with: deadlines))
        }
        let before = old.guarantees(of: changed)
        for (day, figures) in kept.standing {
            updated.standing[day] = figures.replacing(.standing(before.guarantees, events: before.events, asOf: day),
                                                      with: .standing(part.guarantees, events: part.events, asOf: day))
        }
        return updated
    }

    /// Everything the monitor looks at, or (given `projects`) those projects with their guarantees and events,
    /// and every unreplied suggestion and rule. Given `openCaseCounts` (project_open_cases, kept by triggers, read
    /// by the caller) the open cases are counted rather than listed: a summary needs how many, and listing them
    /// reads every open case.
    static func fetchSnapshot(_ db: Database, openCaseCounts: [Int64: Int]? = nil,
                              projects only: Set<Int64>? = nil) throws -> MonitorSnapshot {
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
                   p.exemption_document, p.created_at
            FROM project p JOIN employer e ON e.id = p.employer_id /*filter*/ ORDER BY p.id
            """, "WHERE p.id IN (SELECT value FROM json_each(?))")) { c in
            Project(id: try c.integer(0, "id"), name: try c.text(1, "name"), employerID: try c.integer(2, "employerID"), employerName: try c.text(3, "employerName"),
                    location: c.text(4), regionCode: c.text(5), contractPrice: c.integer(6).map(Fen.init),
                    start: try c.optionalDate(7, "start_on"), plannedCompletion: try c.optionalDate(8, "planned_completion"),
                    actualCompletion: try c.optionalDate(9, "actual_completion"), status: try c.vocabulary(10, "status"),
                    standing: try c.vocabulary(11, "standing"), exemptionReason: c.text(12),
                    exemptionDocument: c.text(13), createdAt: try c.text(14, "createdAt"))
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
                   ge.note, ge.actor
            FROM guarantee_event ge /*filter*/ ORDER BY ge.guarantee_id, ge.on_date, ge.id
            """, "WHERE ge.guarantee_id IN (SELECT id FROM guarantee WHERE project_id IN (SELECT value FROM json_each(?)))"), { c in
            GuaranteeEvent(id: try c.integer(0, "id"), guaranteeID: try c.integer(1, "guaranteeID"), kind: try c.vocabulary(2, "kind"),
                           date: try c.date(3, "on_date"), amount: c.integer(4).map(Fen.init), noticeNumber: c.text(5),
                           newEnds: try c.optionalDate(6, "new_ends_on"), newDocument: c.text(7),
                           caseIDs: c.text(8).map { $0.split(separator: ",").compactMap { Int64($0) } } ?? [],
                           note: c.text(9), actor: try c.text(10, "actor"))
        }) {
            events[event.guaranteeID, default: []].append(event)
        }
        let suggestions = try Int64.fetchAll(db, cached: "SELECT id FROM suggestion WHERE replied_on IS NULL ORDER BY id")
            .map { try fetchSuggestion(db, id: $0) }
        if let openCaseCounts {
            return MonitorSnapshot(projects: projects, guarantees: guarantees, events: events,
                                   openCaseCounts: openCaseCounts, suggestions: suggestions, rules: try fetchRules(db))
        }
        var openCases: [Int64: [Int64]] = [:]
        // Hundreds of thousands of rows at scale: a cursor read by column index, no Row copies.
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT l.project_id, c.id FROM wage_case c JOIN clue l ON l.id = c.clue_id
            WHERE c.stage <> 'closed' AND l.project_id IS NOT NULL ORDER BY c.id
            """))
        while let row = try rows.next() {
            openCases[row[0] as Int64, default: []].append(row[1] as Int64)
        }
        return MonitorSnapshot(projects: projects, guarantees: guarantees, events: events, openCases: openCases,
                               suggestions: suggestions, rules: try fetchRules(db))
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
        WHERE c.stage IN ('accepted', 'investigating', 'letter-issued', 'support-decided')
          AND (c.stage <> 'support-decided' OR c.employment_ended_on IS NOT NULL OR c.payment_due_on IS NOT NULL)
        ORDER BY c.id
        """

    static func fetchCasesUnderWatch(_ db: Database) throws -> [CaseUnderWatch] {
        let settings = try settingValues(db)
        let decisionDays = Setting.caseDecisionDays.number(settings[.caseDecisionDays])
        let courtFilingDays = Setting.courtFilingDays.number(settings[.courtFilingDays])
        return try ColumnReader.fetchAll(db.cachedStatement(sql: casesUnderWatchSQL)) { c in
            CaseUnderWatch(
                id: try c.integer(0, "id"), caseNumber: c.text(1),
                facts: CaseTimeFacts(stage: try c.vocabulary(2, "stage"), stageDate: try c.date(3, "stage_on"),
                                     opened: try c.date(4, "opened_on"),
                                     employmentEnded: try c.optionalDate(5, "employment_ended_on"),
                                     paymentDue: try c.optionalDate(6, "payment_due_on"),
                                     decisionDays: decisionDays, courtFilingDays: courtFilingDays),
                projectID: c.integer(7), projectName: c.text(8), regionCode: c.text(9))
        }
    }

    /// How many cases are open, by project (project_open_cases, kept by triggers).
    static func fetchOpenCaseCounts(_ db: Database) throws -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT project_id, cases FROM project_open_cases WHERE cases > 0"))
        while let row = try rows.next() { counts[row[0] as Int64] = row[1] as Int }
        return counts
    }

    /// The open cases of a project, for an alert a summary shows.
    static func fetchOpenCases(_ db: Database, project: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, cached: """
            SELECT c.id FROM clue l JOIN wage_case c ON c.clue_id = l.id
            WHERE l.project_id = ? AND c.stage <> 'closed' ORDER BY c.id
            """, arguments: [project])
    }
}
