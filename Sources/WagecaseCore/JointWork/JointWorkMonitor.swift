/// What the joint work (府检联动) has pending on a date, read in one go: the referrals not answered by then, the
/// tasks not closed by then, the units, the reporting rule and who submitted which month's report when.
public struct JointWorkSnapshot: Sendable {
    public var units: [MemberUnit]
    public var referrals: [Referral]
    public var tasks: [JointTask]
    public var rule: MonthlyReportRule
    /// The day each unit first submitted each month's report.
    public var submissions: [ReportKey: LocalDate]

    public struct ReportKey: Sendable, Hashable {
        public var unitID: Int64
        public var month: ReportMonth
        public init(unitID: Int64, month: ReportMonth) { (self.unitID, self.month) = (unitID, month) }
    }

    public init(units: [MemberUnit], referrals: [Referral], tasks: [JointTask], rule: MonthlyReportRule,
                submissions: [ReportKey: LocalDate]) {
        (self.units, self.referrals, self.tasks, self.rule, self.submissions) = (units, referrals, tasks, rule, submissions)
    }

    /// The units the rule names that exist, in the setting's order.
    public var reportingUnits: [MemberUnit] {
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var seen = Set<String>()
        return rule.unitCodes.compactMap { seen.insert($0).inserted ? byCode[$0] : nil }
    }
}

/// One line of the month's roll: a unit that must report, its due date and where it stands.
public struct ReportRollLine: Sendable, Equatable {
    public var unit: UnitRef
    public var month: ReportMonth
    public var due: LocalDate
    public var provisional: Bool
    public var standing: ReportStanding
    public var submitted: LocalDate?

    public init(unit: UnitRef, month: ReportMonth, due: LocalDate, provisional: Bool, standing: ReportStanding,
                submitted: LocalDate?) {
        (self.unit, self.month, self.due, self.provisional, self.standing, self.submitted) =
            (unit, month, due, provisional, standing, submitted)
    }
}

/// The joint work's duties and alerts on a date: replies past their working days (REFERRAL_REPLY_OVERDUE), tasks
/// past their deadline (TASK_OVERDUE), monthly reports not in by their day (MONTHLY_REPORT_MISSING, from the day
/// after it).
public enum JointWorkMonitor {
    /// The joint work's alerts and duties on `asOf` (none before any unit is recorded).
    public static func findings(_ snapshot: JointWorkSnapshot, calendar: WorkingDayCalendar,
                                asOf: LocalDate) -> (alerts: [Alert], deadlines: [Deadline]) {
        guard !snapshot.units.isEmpty else { return ([], []) }
        return (alerts(snapshot, calendar: calendar, asOf: asOf), deadlines(snapshot, calendar: calendar, asOf: asOf))
    }

    /// Who has and has not reported `month` as of `asOf`, in the setting's order.
    public static func roll(_ snapshot: JointWorkSnapshot, month: ReportMonth, calendar: WorkingDayCalendar,
                            asOf: LocalDate) -> [ReportRollLine] {
        let due = snapshot.rule.due(month, calendar: calendar)
        return snapshot.reportingUnits.map { unit in
            let submitted = snapshot.submissions[.init(unitID: unit.id, month: month)]
            return ReportRollLine(unit: UnitRef(unit), month: month, due: due.date, provisional: due.provisional,
                                  standing: snapshot.rule.standing(submitted: submitted, month: month, asOf: asOf,
                                                                   calendar: calendar),
                                  submitted: submitted.flatMap { $0 <= asOf ? $0 : nil })
        }
    }

    public static func alerts(_ snapshot: JointWorkSnapshot, calendar: WorkingDayCalendar, asOf: LocalDate) -> [Alert] {
        var alerts: [Alert] = []
        for referral in snapshot.referrals where referral.received <= asOf && referral.state(asOf: asOf) == .overdue {
            let late = referral.replyDue.days(until: asOf)
            var alert = Alert(
                code: .referralReplyOverdue, severity: AlertCode.referralReplyOverdue.severity, regionCode: nil,
                projectID: nil, projectName: nil, guaranteeID: nil, suggestionID: nil, caseIDs: [],
                due: referral.replyDue, daysLeft: -late,
                detail: "\(referral.record(.zh))应于\(referral.replyDue.chinese)前答复，已逾期\(late)天",
                detailEn: "\(referral.record(.en)): reply was due \(referral.replyDue.iso), \(late) days overdue",
                provisional: referral.provisional)
            (alert.referralID, alert.unitID, alert.unitName) = (referral.id, referral.toUnit.id, referral.toUnit.name)
            alerts.append(alert)
        }
        for task in snapshot.tasks where task.status(asOf: asOf) == .overdue {
            let late = task.due.days(until: asOf)
            var alert = Alert(
                code: .taskOverdue, severity: AlertCode.taskOverdue.severity, regionCode: nil, projectID: nil,
                projectName: nil, guaranteeID: nil, suggestionID: nil, caseIDs: [], due: task.due, daysLeft: -late,
                detail: "任务“\(task.title)”（\(task.unit.name)，\(task.owner)）应于\(task.due.chinese)前完成，已逾期\(late)天",
                detailEn: "task \"\(task.title)\" (\(task.unit.name), \(task.owner)) was due \(task.due.iso), \(late) days overdue",
                provisional: false)
            (alert.taskID, alert.unitID, alert.unitName) = (task.id, task.unit.id, task.unit.name)
            alerts.append(alert)
        }
        for month in snapshot.rule.monthsToCheck(asOf: asOf) {
            for line in roll(snapshot, month: month, calendar: calendar, asOf: asOf) where line.standing == .missing {
                let late = line.due.days(until: asOf)
                var alert = Alert(
                    code: .monthlyReportMissing, severity: AlertCode.monthlyReportMissing.severity, regionCode: nil,
                    projectID: nil, projectName: nil, guaranteeID: nil, suggestionID: nil, caseIDs: [], due: line.due,
                    daysLeft: -late,
                    detail: "\(line.unit.name)\(month.chinese)工作进展应于\(line.due.chinese)前报送，已逾期\(late)天未报送",
                    detailEn: "\(line.unit.name): progress report for \(month.iso) was due \(line.due.iso), \(late) days missing",
                    provisional: line.provisional)
                (alert.unitID, alert.unitName) = (line.unit.id, line.unit.name)
                alerts.append(alert)
            }
        }
        return GuaranteeMonitor.sortedByUrgency(alerts)
    }

    /// Every pending dated duty of the joint work on `asOf`, soonest (most overdue) first.
    public static func deadlines(_ snapshot: JointWorkSnapshot, calendar: WorkingDayCalendar,
                                 asOf: LocalDate) -> [Deadline] {
        var deadlines: [Deadline] = []
        func add(_ kind: Deadline.Kind, _ due: LocalDate, provisional: Bool, record: String, recordEn: String,
                 referral: Int64? = nil, task: Int64? = nil, unit: Int64) {
            var deadline = Deadline(kind: kind, due: due, daysLeft: asOf.days(until: due), provisional: provisional,
                                    regionCode: nil, projectID: nil, projectName: nil, guaranteeID: nil,
                                    suggestionID: nil, record: record, recordEn: recordEn)
            (deadline.referralID, deadline.taskID, deadline.unitID) = (referral, task, unit)
            deadlines.append(deadline)
        }
        for referral in snapshot.referrals where referral.received <= asOf {
            let state = referral.state(asOf: asOf)
            guard state == .awaiting || state == .overdue else { continue }
            add(.referralReply, referral.replyDue, provisional: referral.provisional, record: referral.record(.zh),
                recordEn: referral.record(.en), referral: referral.id, unit: referral.toUnit.id)
        }
        for task in snapshot.tasks where task.status(asOf: asOf) != .closed {
            add(.task, task.due, provisional: false, record: "\(task.title)（\(task.unit.name)，\(task.owner)）",
                recordEn: "\(task.title) (\(task.unit.name), \(task.owner))", task: task.id, unit: task.unit.id)
        }
        for month in snapshot.rule.monthsToCheck(asOf: asOf) {
            for line in roll(snapshot, month: month, calendar: calendar, asOf: asOf)
            where line.standing == .missing || line.standing == .pending {
                add(.monthlyReport, line.due, provisional: line.provisional,
                    record: "\(line.unit.name)\(month.chinese)工作进展", recordEn: "\(line.unit.name), \(month.iso) progress",
                    unit: line.unit.id)
            }
        }
        return deadlines.sorted { Deadline.order($0) < Deadline.order($1) }
    }
}
