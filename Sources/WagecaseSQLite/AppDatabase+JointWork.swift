import GRDB
import WagecaseCore
import WagecaseStore

// The joint work as the monitor, the digest and a unit's desk read it.
extension AppDatabase {
    /// What is pending on `asOf`: referrals not answered then, tasks not closed then, the reporting rule and the
    /// first submission of each unit's month (`calendar`: the one the caller's read already has).
    static func fetchJointWork(_ db: Database, asOf: LocalDate, calendar: WorkingDayCalendar) throws -> JointWorkSnapshot {
        let units = try fetchUnits(db)
        guard !units.isEmpty else {
            return JointWorkSnapshot(units: [], referrals: [], tasks: [], rule: MonthlyReportRule(), submissions: [:])
        }
        let refs = Dictionary(uniqueKeysWithValues: units.map { ($0.id, UnitRef($0)) })
        var values: [Setting: String] = [:]
        for setting in [Setting.monthlyReportUnits, .monthlyReportDay, .monthlyReportDayRule, .monthlyReportSince] {
            values[setting] = try Self.setting(db, setting.rawValue)
        }
        // Lateness is judged by the first version: a replacement cannot make a late report timely.
        var submissions: [JointWorkSnapshot.ReportKey: LocalDate] = [:]
        for row in try Row.fetchAll(db, cached: "SELECT unit_id, month, submitted_on FROM monthly_report WHERE version = 1") {
            guard let month = try? ReportMonth.parse(row[1] as String), let day = LocalDate.parseISO(row[2]) else { continue }
            submissions[.init(unitID: row[0], month: month)] = day
        }
        // A task entered late (an annual list typed in after the meeting) counts from its dates, not its entry.
        let tasks = try fetchTasks(db, where: "t.closed_on IS NULL OR t.closed_on > ?", arguments: [asOf.iso])
        let rule = Setting.monthlyReportRule(values).beginning(units: units, firstSubmitted: submissions.values.min())
        return JointWorkSnapshot(units: units,
                                 referrals: try fetchPendingReferrals(db, asOf: asOf, units: refs, calendar: calendar),
                                 tasks: tasks, rule: rule, submissions: submissions)
    }

    /// One unit's desk: its open and recent tasks, the referrals waiting for its reply, those it sent, its reports.
    public func unitDesk(_ reference: String, asOf: LocalDate? = nil) throws -> UnitDesk {
        let asOf = asOf ?? today
        return try read { db in
            let unit = try Self.fetchUnit(db, reference: reference)
            let refs = try Self.unitRefs(db)
            let calendar = try Self.fetchCalendar(db)
            let tasks = try Self.fetchTasks(db, where: "t.unit_id = ?", arguments: [unit.id])
                .sorted { ($0.closed == nil ? 0 : 1, $0.due, $0.id) < ($1.closed == nil ? 0 : 1, $1.due, $1.id) }
            let awaiting = try Self.fetchPendingReferrals(db, asOf: asOf, units: refs, calendar: calendar)
                .filter { $0.toUnit.id == unit.id }
            let sent = try Row.fetchAll(db, cached: "SELECT * FROM referral WHERE from_unit_id = ? ORDER BY id DESC LIMIT 50",
                                        arguments: [unit.id]).map { try Referral(row: $0, units: refs, calendar: calendar) }
            let reports = try Self.fetchReports(db, where: "r.unit_id = ?", arguments: [unit.id])
            let codes = Setting.monthlyReportRule([.monthlyReportUnits: try Self.setting(db, Setting.monthlyReportUnits.rawValue) ?? ""]).unitCodes
            return UnitDesk(unit: unit, tasks: tasks, awaitingReply: awaiting, sent: sent, reports: reports,
                            mustReport: codes.contains(unit.code))
        }
    }
}

extension AppDatabase {
    /// The digest's joint-work section for `period`: its referrals and the tasks closed in it, each referral and
    /// task as it stands on `asOf` (the day the digest is read, like its lists of duties).
    static func digestJointWork(_ db: Database, period: DigestPeriod, asOf: LocalDate, limit: Int,
                                snapshot: JointWorkSnapshot, calendar: WorkingDayCalendar) throws -> Digest.JointWork {
        guard !snapshot.units.isEmpty else { return .init() }
        let end = asOf
        let refs = Dictionary(uniqueKeysWithValues: snapshot.units.map { ($0.id, UnitRef($0)) })
        let referrals = try Row.fetchAll(db, cached: "SELECT * FROM referral WHERE received_on BETWEEN ? AND ? ORDER BY id",
                                         arguments: [period.from.iso, period.to.iso])
            .map { try Referral(row: $0, units: refs, calendar: calendar) }
        let tasks = try fetchTasks(db, where: "t.closed_on IS NULL OR t.closed_on >= ?", arguments: [period.from.iso])
        var roll: [ReportRollLine] = [], texts: [Int64: String] = [:], month: ReportMonth?
        if period.kind == .month {
            let reportMonth = ReportMonth(of: period.from)
            month = reportMonth
            roll = JointWorkMonitor.roll(snapshot, month: reportMonth, calendar: calendar, asOf: asOf)
            for report in try fetchReports(db, where: """
                r.month = ? AND r.submitted_on <= ?
                  AND r.version = (SELECT MAX(version) FROM monthly_report m WHERE m.unit_id = r.unit_id AND m.month = r.month
                                   AND m.submitted_on <= ?)
                """, arguments: [reportMonth.iso, asOf.iso, asOf.iso]) {
                texts[report.unit.id] = report.text
            }
        }
        return .of(referrals: referrals, tasks: tasks, roll: roll, reportTexts: texts, reportMonth: month,
                   period: period, end: end, limit: limit)
    }
}
