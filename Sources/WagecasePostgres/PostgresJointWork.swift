import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The joint work (府检联动) as the digest reads it, on PostgreSQL: the rows the SQLite store reads
/// (`AppDatabase.fetchJointWork`, `digestJointWork`), in the same order, judged by the same Core rules.
enum PostgresJointWork {
    /// What is pending on `asOf`: referrals not answered then, tasks not closed then, the reporting rule and the
    /// first submission of each unit's month.
    static func snapshot(_ connection: PostgresConnection, asOf: LocalDate,
                         calendar: WorkingDayCalendar) async throws -> JointWorkSnapshot {
        let units = try await self.units(connection)
        guard !units.isEmpty else {
            return JointWorkSnapshot(units: [], referrals: [], tasks: [], rule: MonthlyReportRule(), submissions: [:])
        }
        let refs = Dictionary(uniqueKeysWithValues: units.map { ($0.id, UnitRef($0)) })
        let wanted = [Setting.monthlyReportUnits, .monthlyReportDay, .monthlyReportDayRule, .monthlyReportSince]
        var values: [Setting: String] = [:]
        for try await (key, value) in try await PostgresStatistics.query(
            "SELECT key, value FROM setting WHERE key IN ($1, $2, $3, $4)", wanted.map(\.rawValue), on: connection)
            .decode((String, String).self) {
            if let setting = Setting(rawValue: key) { values[setting] = value }
        }
        // Lateness is judged by the first version. In id order: SQLite scans this table in rowid order, so the
        // last of two rows naming one month in different spellings wins on both sides.
        var submissions: [JointWorkSnapshot.ReportKey: LocalDate] = [:]
        for try await (unitID, monthText, submittedText) in try await connection.query(
            "SELECT unit_id, month, submitted_on::text FROM monthly_report WHERE version = 1 ORDER BY id",
            logger: PostgresDatabase.logger).decode((Int64, String, String).self) {
            // Skipped, not refused, as the SQLite store skips what it cannot read here.
            guard let month = try? ReportMonth.parse(monthText), let day = LocalDate.parseISO(submittedText) else { continue }
            submissions[.init(unitID: unitID, month: month)] = day
        }
        let tasks = try await self.tasks(connection, where: "t.closed_on IS NULL OR t.closed_on > $1::date",
                                         [asOf.iso], units: refs)
        let rule = Setting.monthlyReportRule(values).beginning(units: units, firstSubmitted: submissions.values.min())
        var referrals: [Referral] = []
        for try await row in try await PostgresStatistics.query("""
            SELECT \(referralColumns) FROM referral
            WHERE received_on <= $1::date AND (replied_on IS NULL OR replied_on > $1::date) ORDER BY id
            """, [asOf.iso], on: connection) {
            referrals.append(try referral(from: row, units: refs, calendar: calendar))
        }
        return JointWorkSnapshot(units: units, referrals: referrals, tasks: tasks, rule: rule, submissions: submissions)
    }

    /// The digest's joint-work section for `period`: its referrals and the tasks closed in it, each as it stands on
    /// `asOf`, and for a month each reporting unit's latest text submitted by then.
    static func digestPart(_ connection: PostgresConnection, period: DigestPeriod, asOf: LocalDate, limit: Int,
                           snapshot: JointWorkSnapshot, calendar: WorkingDayCalendar) async throws -> Digest.JointWork {
        guard !snapshot.units.isEmpty else { return .init() }
        let refs = Dictionary(uniqueKeysWithValues: snapshot.units.map { ($0.id, UnitRef($0)) })
        var referrals: [Referral] = []
        for try await row in try await PostgresStatistics.query("""
            SELECT \(referralColumns) FROM referral WHERE received_on BETWEEN $1::date AND $2::date ORDER BY id
            """, [period.from.iso, period.to.iso], on: connection) {
            referrals.append(try referral(from: row, units: refs, calendar: calendar))
        }
        let tasks = try await self.tasks(connection, where: "t.closed_on IS NULL OR t.closed_on >= $1::date",
                                         [period.from.iso], units: refs)
        var roll: [ReportRollLine] = [], texts: [Int64: String] = [:], month: ReportMonth?
        if period.kind == .month {
            let reportMonth = ReportMonth(of: period.from)
            month = reportMonth
            roll = JointWorkMonitor.roll(snapshot, month: reportMonth, calendar: calendar, asOf: asOf)
            // SQLite's fetchReports order; only the text of each unit's latest version by `asOf` is kept.
            for try await (unitID, text) in try await PostgresStatistics.query("""
                SELECT r.unit_id, r.text FROM monthly_report r
                WHERE r.month = $1 AND r.submitted_on <= $2::date
                  AND r.version = (SELECT MAX(version) FROM monthly_report m WHERE m.unit_id = r.unit_id
                                   AND m.month = r.month AND m.submitted_on <= $2::date)
                ORDER BY r.month COLLATE "C" DESC, r.unit_id, r.version
                """, [reportMonth.iso, asOf.iso], on: connection).decode((Int64, String).self) {
                guard refs[unitID] != nil else { throw WagecaseError.notFound(entity: "member unit", key: "#\(unitID)") }
                texts[unitID] = text
            }
        }
        return .of(referrals: referrals, tasks: tasks, roll: roll, reportTexts: texts, reportMonth: month,
                   period: period, end: asOf, limit: limit)
    }

    static func units(_ connection: PostgresConnection) async throws -> [MemberUnit] {
        var units: [MemberUnit] = []
        for try await (id, code, name, kind, liaison, contact, createdAt) in try await connection.query("""
            SELECT id, code, name, kind, liaison, contact, \(unescaped: PostgresText.timestamp("created_at"))
            FROM member_unit ORDER BY id
            """, logger: PostgresDatabase.logger).decode((Int64, String, String, String, String?, String?, String).self) {
            units.append(MemberUnit(id: id, code: code, name: name,
                                    kind: try PostgresStatistics.vocabulary(kind, "member_unit.kind"),
                                    liaison: liaison, contact: contact, createdAt: createdAt))
        }
        return units
    }

    /// Tasks matching `condition` on `joint_task t` (its parameters `values`), with their progress, in id order.
    static func tasks(_ connection: PostgresConnection, where condition: String, _ values: [String],
                      units: [Int64: UnitRef]) async throws -> [JointTask] {
        var tasks: [JointTask] = []
        for try await row in try await PostgresStatistics.query("""
            SELECT t.id, t.title, t.unit_id, t.owner, t.due_on::text, t.source, t.meeting_id, t.closed_on::text, t.result,
                   t.created_by, \(PostgresText.timestamp("t.created_at"))
            FROM joint_task t WHERE \(condition) ORDER BY t.id
            """, values, on: connection) {
            let (id, title, unitID, owner, due, source, meetingID, closed, result, createdBy, createdAt) = try row.decode(
                (Int64, String, Int64, String, String, String, Int64?, String?, String?, String, String).self)
            guard let unit = units[unitID] else { throw WagecaseError.notFound(entity: "member unit", key: "#\(unitID)") }
            tasks.append(JointTask(
                id: id, title: title, unit: unit, owner: owner, due: try PostgresStatistics.date(due, "joint_task.due_on"),
                source: try PostgresStatistics.vocabulary(source, "joint_task.source"), meetingID: meetingID,
                closed: try closed.map { try PostgresStatistics.date($0, "joint_task.closed_on") }, result: result,
                progress: [], createdBy: createdBy, createdAt: createdAt))
        }
        guard !tasks.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: tasks.enumerated().map { ($1.id, $0) })
        for try await (taskID, on, text, recordedBy, recordedAt) in try await PostgresStatistics.query("""
            SELECT p.task_id, p.on_date::text, p.text, p.recorded_by, \(PostgresText.timestamp("p.recorded_at"))
            FROM task_progress p WHERE p.task_id IN (SELECT t.id FROM joint_task t WHERE \(condition))
            ORDER BY p.on_date, p.id
            """, values, on: connection).decode((Int64, String, String, String, String).self) {
            guard let position = index[taskID] else { continue }
            tasks[position].progress.append(TaskProgress(
                on: try PostgresStatistics.date(on, "task_progress.on_date"), text: text, recordedBy: recordedBy,
                recordedAt: recordedAt))
        }
        return tasks
    }

    /// The columns `referral(from:units:calendar:)` reads, in its order.
    static let referralColumns = """
        id, number, from_unit_id, to_unit_id, received_on::text, subject, clue_id, case_id, reply_days,
        replied_on::text, reply_result, feedback_on::text, created_by, \(PostgresText.timestamp("created_at"))
        """

    /// A referral from a row that begins with `referralColumns`, its reply due by Core's rule.
    static func referral(from row: PostgresRow, units: [Int64: UnitRef], calendar: WorkingDayCalendar) throws -> Referral {
        let (id, number, fromID, toID, receivedText, subject, clueID, caseID, days, replied, result, feedback,
             createdBy, createdAt) = try row.decode((Int64, String?, Int64, Int64, String, String, Int64?, Int64?, Int,
                                                     String?, String?, String?, String, String).self)
        guard let from = units[fromID], let to = units[toID] else {
            throw WagecaseError.notFound(entity: "member unit", key: "#\(units[fromID] == nil ? fromID : toID)")
        }
        let received = try PostgresStatistics.date(receivedText, "referral.received_on")
        let due = ReferralRules.replyDue(received: received, within: days, calendar: calendar)
        return Referral(
            id: id, number: number, fromUnit: from, toUnit: to, received: received, subject: subject,
            clueID: clueID, caseID: caseID, replyWithin: days, replyDue: due.date, provisional: due.provisional,
            replied: try replied.map { try PostgresStatistics.date($0, "referral.replied_on") }, replyResult: result,
            feedback: try feedback.map { try PostgresStatistics.date($0, "referral.feedback_on") }, createdBy: createdBy,
            createdAt: createdAt)
    }
}
