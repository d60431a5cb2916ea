import GRDB
import WagecaseCore
import WagecaseStore

// Monthly progress reports to the lead department (每月25日前报送当月工作进展), and who has and has not reported.
extension AppDatabase {
    /// Submits a unit's report for a month. A unit reports a month once; a later text for the same month is the
    /// next version and needs a reason (the earlier stays).
    public func submitReport(_ input: NewMonthlyReport, actor: String) throws -> MonthlyReport {
        let today = self.today
        let submitted = input.submitted ?? today
        if submitted > today {
            throw WagecaseError.dateOutOfOrder(field: "on", value: submitted, reason: "is in the future (today is \(today))")
        }
        if submitted < input.month.first {
            throw WagecaseError.dateOutOfOrder(field: "on", value: submitted,
                                               reason: "is before the month reported on (\(input.month.iso)) begins")
        }
        return try write(actor: actor) { db, audit in
            let unit = try Self.fetchUnit(db, reference: input.unit)
            let latest = try Int.fetchOne(db, cached: "SELECT MAX(version) FROM monthly_report WHERE unit_id = ? AND month = ?",
                                          arguments: [unit.id, input.month.iso])
            if let latest, input.reason == nil {
                throw WagecaseError.invalidState(
                    entity: "monthly report", key: "\(unit.name) \(input.month.iso)", state: "submitted (version \(latest))",
                    action: "submit it again", allowed: "a new version with the reason it replaces the one submitted")
            }
            if latest == nil, let reason = input.reason {
                throw WagecaseError.invalidField(field: "reason", value: reason, reason: "is given for a first report",
                                                 allowed: "a reason only when replacing a report already submitted")
            }
            if latest != nil, let last = try String.fetchOne(db, cached: """
                SELECT MAX(submitted_on) FROM monthly_report WHERE unit_id = ? AND month = ?
                """, arguments: [unit.id, input.month.iso]), submitted.iso < last {
                throw WagecaseError.dateOutOfOrder(field: "on", value: submitted,
                                                   reason: "is before the report it replaces was submitted (\(last))")
            }
            let version = (latest ?? 0) + 1
            try db.execute(cached: """
                INSERT INTO monthly_report (unit_id, month, version, text, file_name, submitted_on, reason, submitted_by, submitted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [unit.id, input.month.iso, version, input.text, input.fileName, submitted.iso, input.reason,
                                 audit.actor, audit.at])
            let id = db.lastInsertedRowID
            try audit.record(.insert, table: "monthly_report", id: id, after: [
                "unit_id": unit.id, "month": input.month.iso, "version": version, "submitted_on": submitted.iso,
                "file_name": input.fileName, "text_chars": input.text.count,
            ], reason: input.reason)
            guard let report = try Self.fetchReports(db, where: "r.id = ?", arguments: [id]).first else {
                throw WagecaseError.notFound(entity: "monthly report", key: "#\(id)")
            }
            return report
        }
    }

    /// The latest version of each report, newest month first (`allVersions`: every version).
    public func reports(unit: String? = nil, month: ReportMonth? = nil, allVersions: Bool = false,
                        limit: Int = 200) throws -> [MonthlyReport] {
        try read { db in
            let unitID = try unit.map { try Self.fetchUnit(db, reference: $0).id }
            let latest = allVersions ? "" : " AND r.version = (SELECT MAX(version) FROM monthly_report m WHERE m.unit_id = r.unit_id AND m.month = r.month)"
            return Array(try Self.fetchReports(
                db, where: "(?1 IS NULL OR r.unit_id = ?1) AND (?2 IS NULL OR r.month = ?2)" + latest,
                arguments: [unitID, month?.iso]).prefix(limit))
        }
    }

    /// Who must report `month`, where each stands on `asOf`, and the texts submitted.
    public func reportRoll(month: ReportMonth, asOf: LocalDate? = nil) throws -> ReportRoll {
        let asOf = asOf ?? today
        return try read { db in
            let calendar = try Self.fetchCalendar(db)
            let snapshot = try Self.fetchJointWork(db, asOf: asOf, calendar: calendar)
            let due = snapshot.rule.due(month, calendar: calendar)
            let order = Dictionary(snapshot.reportingUnits.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            let reports = try Self.fetchReports(db, where: """
                r.month = ? AND r.submitted_on <= ?
                  AND r.version = (SELECT MAX(version) FROM monthly_report m WHERE m.unit_id = r.unit_id AND m.month = r.month
                                   AND m.submitted_on <= ?)
                """, arguments: [month.iso, asOf.iso, asOf.iso])
                .sorted { (order[$0.unit.id] ?? Int.max, $0.unit.id) < (order[$1.unit.id] ?? Int.max, $1.unit.id) }
            return ReportRoll(month: month, due: due.date, provisional: due.provisional,
                              lines: JointWorkMonitor.roll(snapshot, month: month, calendar: calendar, asOf: asOf),
                              reports: reports)
        }
    }

    static func fetchReports(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [MonthlyReport] {
        let units = try unitRefs(db)
        return try Row.fetchAll(db, sql: "SELECT r.* FROM monthly_report r WHERE \(condition) ORDER BY r.month DESC, r.unit_id, r.version",
                                arguments: arguments).map { row in
            let unitID: Int64 = row["unit_id"]
            guard let unit = units[unitID] else { throw WagecaseError.notFound(entity: "member unit", key: "#\(unitID)") }
            return MonthlyReport(id: row["id"], unit: unit, month: try ReportMonth.parse(row["month"]), version: row["version"],
                                 text: row["text"], fileName: row["file_name"], submitted: try row.date("submitted_on"),
                                 reason: row["reason"], submittedBy: row["submitted_by"], submittedAt: row["submitted_at"])
        }
    }
}
