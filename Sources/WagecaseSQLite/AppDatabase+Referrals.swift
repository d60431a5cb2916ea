import GRDB
import WagecaseCore
import WagecaseStore

// Referrals between member units (线索移送、交办), each answered within its working days.
extension AppDatabase {
    public func addReferral(_ input: NewReferral, actor: String) throws -> Referral {
        let today = self.today
        return try write(actor: actor) { db, audit in
            let from = UnitRef(try Self.fetchUnit(db, reference: input.fromUnit))
            let to = UnitRef(try Self.fetchUnit(db, reference: input.toUnit))
            let days = try input.replyWithin ?? Setting.referralReplyDays.number(Self.settingValue(db, .referralReplyDays))
            try ReferralRules.checkNew(from: from, to: to, received: input.received, replyWithin: days, today: today)
            if let number = input.number, let existing = try Int64.fetchOne(
                db, cached: "SELECT id FROM referral WHERE from_unit_id = ? AND number = ?", arguments: [from.id, number]) {
                throw WagecaseError.duplicate(entity: "referral", key: number, existingID: existing,
                                              hint: "a unit's referral numbers are unique")
            }
            if let clueID = input.clueID { _ = try Self.fetchClue(db, id: clueID) }
            let wageCase = try input.caseReference.map { try Self.fetchCase(db, $0) }
            try db.execute(cached: """
                INSERT INTO referral (number, from_unit_id, to_unit_id, received_on, subject, clue_id, case_id, reply_days,
                                      created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [input.number, from.id, to.id, input.received.iso, input.subject,
                                 input.clueID ?? wageCase?.clueID, wageCase?.id, days, audit.actor, audit.at])
            let id = db.lastInsertedRowID
            try audit.record(.insert, table: "referral", id: id, after: [
                "number": input.number, "from_unit_id": from.id, "to_unit_id": to.id, "received_on": input.received.iso,
                "subject": input.subject, "clue_id": input.clueID ?? wageCase?.clueID, "case_id": wageCase?.id,
                "reply_days": days,
            ])
            return try Self.fetchReferral(db, id: id)
        }
    }

    /// Records the receiving unit's reply; a second reply is an amendment with a reason (the first stays in the
    /// audit log).
    public func replyReferral(id: Int64, on date: LocalDate, result: String, amendReason: String? = nil, actor: String,
                              expect: (Referral) throws -> Void = { _ in }) throws -> Referral {
        let today = self.today
        let result = try TextField.required(result, field: "result", maxLength: 20_000)
        let amendReason = try TextField.optional(amendReason, field: "reason", maxLength: 2000)
        return try write(actor: actor) { db, audit in
            let referral = try Self.fetchReferral(db, id: id)
            try expect(referral)
            try ReferralRules.checkReply(referral, on: date, amendReason: amendReason, today: today)
            try db.execute(cached: "UPDATE referral SET replied_on = ?, reply_result = ? WHERE id = ?",
                           arguments: [date.iso, result, id])
            try audit.record(.update, table: "referral", id: id,
                             before: ["replied_on": referral.replied?.iso, "reply_result": referral.replyResult],
                             after: ["replied_on": date.iso, "reply_result": result],
                             reason: amendReason.map { "reply amended: " + $0 })
            return try Self.fetchReferral(db, id: id)
        }
    }

    /// Records that the petitioner (or the referring unit's caller) was told of the result (反馈).
    public func referralFeedback(id: Int64, on date: LocalDate, actor: String,
                                 expect: (Referral) throws -> Void = { _ in }) throws -> Referral {
        let today = self.today
        return try write(actor: actor) { db, audit in
            let referral = try Self.fetchReferral(db, id: id)
            try expect(referral)
            try ReferralRules.checkFeedback(referral, on: date, today: today)
            try db.execute(cached: "UPDATE referral SET feedback_on = ? WHERE id = ?", arguments: [date.iso, id])
            try audit.record(.update, table: "referral", id: id, before: ["feedback_on": nil], after: ["feedback_on": date.iso])
            return try Self.fetchReferral(db, id: id)
        }
    }

    /// Makes the referral a clue in one step, through the clue intake every entry point shares: the channel is
    /// the referring unit's, the date the referral's. A duplicate of a clue on record is refused (or merged, as
    /// asked) exactly as `clue add` decides; the referral then names the clue, whose outcome it follows.
    public func makeClue(from input: ReferralClue, actor: String) throws -> (referral: Referral, clue: ClueAddResult) {
        let today = self.today
        return try write(actor: actor) { db, audit in
            let referral = try Self.fetchReferral(db, id: input.referralID)
            try ReferralRules.checkMakeClue(referral)
            let clue = try NewClue(
                source: input.source ?? referral.fromUnit.kind.clueSource, received: referral.received,
                employer: input.employer, project: input.project, claims: input.claims,
                summary: try TextField.optional(input.summary, field: "summary") ?? referral.subject,
                onDuplicate: input.onDuplicate)
            let result = try Self.intakeClue(db, audit: audit, clue, today: today)
            try db.execute(cached: "UPDATE referral SET clue_id = ?, clue_made_on = ? WHERE id = ?",
                           arguments: [result.clue.id, today.iso, referral.id])
            try audit.record(.update, table: "referral", id: referral.id, before: ["clue_id": nil],
                             after: ["clue_id": result.clue.id, "clue_made_on": today.iso])
            return (try Self.fetchReferral(db, id: referral.id), result)
        }
    }

    public func referral(id: Int64) throws -> Referral {
        try read { db in try Self.fetchReferral(db, id: id) }
    }

    /// Newest entered first (by id; the cursor pages back); the state filter reads each as it stood on `asOf`.
    public func referrals(_ filter: ReferralFilter) throws -> [Referral] {
        let asOf = filter.asOf ?? today
        return try read { db in
            let unit = try filter.unit.map { try Self.fetchUnit(db, reference: $0).id }
            let units = try Self.unitRefs(db)
            let calendar = try Self.fetchCalendar(db)
            var found: [Referral] = []
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT * FROM referral WHERE (?1 IS NULL OR from_unit_id = ?1 OR to_unit_id = ?1) AND received_on <= ?2
                  AND (?3 = 0 OR id < ?3)
                ORDER BY id DESC
                """), arguments: [unit, asOf.iso, filter.afterID])
            while let row = try rows.next(), found.count < filter.limit {
                let referral = try Referral(row: row, units: units, calendar: calendar)
                if let visible = filter.visibleUnits, !visible.contains(referral.fromUnit.id) && !visible.contains(referral.toUnit.id) {
                    continue
                }
                if let direction = filter.direction, referral.direction != direction { continue }
                if let state = filter.state, referral.state(asOf: asOf) != state { continue }
                found.append(referral)
            }
            return try found.map { try Self.withOutcome(db, $0) }
        }
    }

    static func fetchReferral(_ db: Database, id: Int64) throws -> Referral {
        guard let row = try Row.fetchOne(db, cached: "SELECT * FROM referral WHERE id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "referral", key: "#\(id)")
        }
        return try withOutcome(db, Referral(row: row, units: try unitRefs(db), calendar: try fetchCalendar(db)))
    }

    /// The referral with what became of its clue, read from the clue and its cases as they stand.
    static func withOutcome(_ db: Database, _ referral: Referral) throws -> Referral {
        guard let clueID = referral.clueID,
              let status = try String.fetchOne(db, cached: "SELECT status FROM clue WHERE id = ?", arguments: [clueID])
        else { return referral }
        var referral = referral
        let cases = try Row.fetchAll(db, cached: """
            SELECT c.id, c.case_number, w.name, c.stage, c.claimed_fen,
                   (SELECT COALESCE(SUM(amount_fen), 0) FROM recovery r WHERE r.case_id = c.id) AS recovered
            FROM wage_case c JOIN worker w ON w.id = c.worker_id WHERE c.clue_id = ? ORDER BY c.id
            """, arguments: [clueID]).map { row in
            ReferralOutcome.CaseLine(caseID: row[0], caseNumber: row[1], workerName: row[2],
                                     stage: CaseStage(rawValue: row[3]) ?? .accepted, claimed: Fen(row[4]),
                                     recovered: Fen(row[5]))
        }
        referral.outcome = ReferralOutcome(clueID: clueID, clueStatus: ClueStatus(rawValue: status) ?? .new,
                                           cases: cases)
        return referral
    }

    /// The referrals not answered by `asOf` (received by then), for the monitor.
    static func fetchPendingReferrals(_ db: Database, asOf: LocalDate, units: [Int64: UnitRef],
                                      calendar: WorkingDayCalendar) throws -> [Referral] {
        try Row.fetchAll(db, cached: """
            SELECT * FROM referral WHERE received_on <= ? AND (replied_on IS NULL OR replied_on > ?) ORDER BY id
            """, arguments: [asOf.iso, asOf.iso]).map { try Referral(row: $0, units: units, calendar: calendar) }
    }

    /// The referrals received in a range, and which of them were made clues (the figures).
    static func referralFigures(_ db: Database, range: DateRange, end: LocalDate,
                                calendar: WorkingDayCalendar) throws -> Statistics.Referrals {
        let units = try unitRefs(db)
        guard !units.isEmpty else { return Statistics.Referrals() }
        let rows = try Row.fetchAll(db, cached: "SELECT * FROM referral WHERE received_on BETWEEN ? AND ? ORDER BY id",
                                    arguments: [range.lowerBound, range.upperBound])
        var referrals: [Referral] = [], made = Set<Int64>()
        for row in rows {
            let referral = try Referral(row: row, units: units, calendar: calendar)
            referrals.append(referral)
            // Made a clue by the end (the clue itself is dated the day the referral came in).
            if let day: String = row["clue_made_on"], day <= end.iso { made.insert(referral.id) }
        }
        return .count(referrals, madeClue: made, end: end)
    }
}

extension Referral {
    init(row: Row, units: [Int64: UnitRef], calendar: WorkingDayCalendar) throws {
        let fromID: Int64 = try row.decode(forColumn: "from_unit_id"), toID: Int64 = try row.decode(forColumn: "to_unit_id")
        guard let from = units[fromID], let to = units[toID] else {
            throw WagecaseError.notFound(entity: "member unit", key: "#\(units[fromID] == nil ? fromID : toID)")
        }
        let received = try row.date("received_on")
        let days: Int = try row.decode(forColumn: "reply_days")
        let due = ReferralRules.replyDue(received: received, within: days, calendar: calendar)
        self.init(id: try row.decode(forColumn: "id"), number: try row.decode(forColumn: "number"), fromUnit: from,
                  toUnit: to, received: received, subject: try row.decode(forColumn: "subject"),
                  clueID: try row.decode(forColumn: "clue_id"), caseID: try row.decode(forColumn: "case_id"),
                  replyWithin: days, replyDue: due.date, provisional: due.provisional,
                  replied: try row.optionalDate("replied_on"), replyResult: try row.decode(forColumn: "reply_result"),
                  feedback: try row.optionalDate("feedback_on"), createdBy: try row.decode(forColumn: "created_by"),
                  createdAt: try row.decode(forColumn: "created_at"))
    }
}
