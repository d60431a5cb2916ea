import GRDB
import WagecaseCore

extension AppDatabase {
    /// The alerts of the wage-guarantee monitor on `asOf` (today in Asia/Shanghai when nil), most urgent first,
    /// optionally one code or one region (a prefix of the region code).
    public func alerts(asOf: LocalDate? = nil, code: AlertCode? = nil, region: String? = nil) throws -> [Alert] {
        let asOf = asOf ?? today
        let (snapshot, calendar) = try read { db in (try Self.fetchSnapshot(db), try Self.fetchCalendar(db)) }
        return GuaranteeMonitor.alerts(snapshot, calendar: calendar, asOf: asOf).filter { alert in
            (code == nil || alert.code == code)
                && (region == nil || (alert.regionCode ?? "").hasPrefix(region!))
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

    static func fetchSnapshot(_ db: Database) throws -> MonitorSnapshot {
        let projects = try Row.fetchAll(db, cached: "\(Project.selection) ORDER BY p.id").map(Project.init(row:))
        let guarantees = try Row.fetchAll(db, cached: "SELECT * FROM guarantee ORDER BY id").map(Guarantee.init(row:))
        var events: [Int64: [GuaranteeEvent]] = [:]
        for row in try Row.fetchAll(db, cached: "\(GuaranteeEvent.selection) ORDER BY ge.guarantee_id, ge.on_date, ge.id") {
            let event = try GuaranteeEvent(row: row)
            events[event.guaranteeID, default: []].append(event)
        }
        var openCases: [Int64: [Int64]] = [:]
        for row in try Row.fetchAll(
            db,
            cached: """
                SELECT l.project_id, c.id FROM wage_case c JOIN clue l ON l.id = c.clue_id
                WHERE c.stage <> 'closed' AND l.project_id IS NOT NULL ORDER BY c.id
                """) {
            openCases[row["project_id"], default: []].append(row["id"])
        }
        let suggestions = try Int64.fetchAll(db, cached: "SELECT id FROM suggestion WHERE replied_on IS NULL ORDER BY id")
            .map { try fetchSuggestion(db, id: $0) }
        return MonitorSnapshot(projects: projects, guarantees: guarantees, events: events, openCases: openCases,
                               suggestions: suggestions, rules: try fetchRules(db))
    }
}
