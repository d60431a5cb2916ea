import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    /// Converts an open clue into cases, one per worker, each starting with an `accepted` event.
    public func openCases(_ input: OpenCases, actor: String) throws -> [WageCase] {
        let today = self.today
        let series = try TextField.optional(input.series, field: "series", maxLength: 200, multiline: false)
        let note = try TextField.optional(input.note, field: "note")
        let numbers = try input.caseNumbers.map { n throws(WagecaseError) in
            try TextField.name(n, field: "case_number", maxLength: 100)
        }
        return try write(actor: actor) { db, audit in
            let clue = try Self.fetchClue(db, id: input.clueID)
            try ClueStatusRules.check(clue, to: .converted)
            let opened = input.opened ?? today
            if opened > today {
                throw WagecaseError.dateOutOfOrder(field: "on", value: opened,
                                                   reason: "is in the future (today is \(today))")
            }
            if opened < clue.received {
                throw WagecaseError.dateOutOfOrder(field: "on", value: opened,
                                                   reason: "is before the clue was received (\(clue.received))")
            }
            if !numbers.isEmpty && numbers.count != clue.workers.count {
                throw WagecaseError.invalidField(
                    field: "number", value: numbers.joined(separator: ","),
                    reason: "gives \(numbers.count) case number(s) for \(clue.workers.count) worker(s)",
                    allowed: "one case number per worker on the clue, in the order the clue lists them, or none")
            }
            if Set(numbers).count != numbers.count {
                throw WagecaseError.invalidField(field: "number", value: numbers.joined(separator: ","),
                                                 reason: "repeats a case number", allowed: "distinct case numbers")
            }
            for number in numbers {
                if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM wage_case WHERE case_number = ?",
                                                      arguments: [number]) {
                    throw WagecaseError.duplicate(entity: "case number", key: number, existingID: existing,
                                                  hint: "case numbers are unique")
                }
            }
            let seriesID = try series.map { try Self.findOrCreateSeries(db, name: $0, audit: audit) }
            var caseIDs: [Int64] = []
            for (index, worker) in clue.workers.enumerated() {
                let number = numbers.isEmpty ? nil : numbers[index]
                try db.execute(cached: """
                        INSERT INTO wage_case (case_number, clue_id, worker_id, series_id, claimed_fen, opened_on,
                                               stage, stage_on, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'accepted', ?, ?)
                        """,
                    arguments: [number, clue.id, worker.workerID, seriesID, worker.claimed.value, opened.iso,
                                opened.iso, audit.at])
                let caseID = db.lastInsertedRowID
                caseIDs.append(caseID)
                try db.execute(cached: "INSERT INTO case_event (case_id, stage, on_date, actor, note, created_at) VALUES (?, 'accepted', ?, ?, ?, ?)",
                    arguments: [caseID, opened.iso, actor, note, audit.at])
                try audit.record(.insert, table: "wage_case", id: caseID, after: [
                    "case_number": number, "clue_id": clue.id, "worker_id": worker.workerID, "series_id": seriesID,
                    "claimed_fen": worker.claimed.value, "opened_on": opened.iso, "stage": "accepted",
                ])
            }
            try db.execute(cached: "UPDATE clue SET status = 'converted' WHERE id = ?", arguments: [clue.id])
            try audit.record(.update, table: "clue", id: clue.id, before: ["status": clue.status.rawValue],
                             after: ["status": "converted"])
            return try caseIDs.map { try Self.fetchCase(db, id: $0) }
        }
    }

    /// Moves a case to its next stage on a date, as the stage machine allows.
    /// `expect` runs inside the transaction on the current record (the HTTP service checks If-Match there).
    public func advanceCase(_ reference: CaseReference, to stage: CaseStage, on date: LocalDate, note: String?,
                            closingReason: ClosingReason? = nil, actor: String,
                            expect: (WageCase) throws -> Void = { _ in }) throws -> WageCase {
        let today = self.today
        let note = try TextField.optional(note, field: "note")
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchCase(db, reference)
            try expect(current)
            let applied = CaseStageMachine.needsApplication.contains(stage)
                ? try String.fetchOne(db, cached: """
                    SELECT MIN(on_date) FROM case_activity WHERE case_id = ? AND kind IN ('application', 'consent')
                    """, arguments: [current.id]).flatMap(LocalDate.parseISO)
                : nil
            try CaseStageMachine.checkMove(current, to: stage, on: date, today: today, applicationOn: applied)
            let closing = try ClosingReason.decide(for: current, to: stage, given: closingReason)
            try db.execute(cached: "INSERT INTO case_event (case_id, stage, on_date, actor, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [current.id, stage.rawValue, date.iso, actor, note, audit.at])
            let eventID = db.lastInsertedRowID
            try db.execute(cached: "UPDATE wage_case SET stage = ?, stage_on = ?, closing_reason = ? WHERE id = ?",
                           arguments: [stage.rawValue, date.iso, closing?.rawValue, current.id])
            try audit.record(.insert, table: "case_event", id: eventID, after: [
                "case_id": current.id, "stage": stage.rawValue, "on_date": date.iso, "note": note,
            ])
            var before: [(String, String?)] = [("stage", current.stage.rawValue), ("stage_on", current.stageDate.iso)]
            var after: [(String, String?)] = [("stage", stage.rawValue), ("stage_on", date.iso)]
            if closing != current.closingReason {
                before.append(("closing_reason", current.closingReason?.rawValue))
                after.append(("closing_reason", closing?.rawValue))
            }
            try audit.record(.update, table: "wage_case", id: current.id, before: AuditFields(before),
                             after: AuditFields(after))
            return try Self.fetchCase(db, id: current.id)
        }
    }

    /// Corrects a case's own facts (office number, when the employment ended, when payment fell due), with the
    /// reason and the values before and after in the audit log.
    public func updateCase(_ reference: CaseReference, _ changes: CaseChanges, actor: String,
                           expect: (WageCase) throws -> Void = { _ in }) throws -> CaseDetail {
        try changes.checkDates(today: today)
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchCase(db, reference)
            try expect(current)
            let updated = changes.applied(to: current)
            guard updated != current else { return try Self.fetchCaseDetail(db, current) }
            if let number = updated.caseNumber, number != current.caseNumber,
               let other = try Int64.fetchOne(db, cached: "SELECT id FROM wage_case WHERE case_number = ? AND id <> ?",
                                              arguments: [number, current.id]) {
                throw WagecaseError.duplicate(entity: "case with number", key: number, existingID: other,
                                              hint: "an office case number names one case")
            }
            try db.execute(cached: """
                UPDATE wage_case SET case_number = ?, employment_ended_on = ?, payment_due_on = ?, court = ?,
                                     court_case_number = ?, awarded_fen = ? WHERE id = ?
                """, arguments: [updated.caseNumber, updated.employmentEnded?.iso, updated.paymentDue?.iso,
                                 updated.court, updated.courtCaseNumber, updated.awarded?.value, current.id])
            func facts(_ c: WageCase) -> [(String, String?)] {
                [("case_number", c.caseNumber), ("employment_ended_on", c.employmentEnded?.iso),
                 ("payment_due_on", c.paymentDue?.iso), ("court", c.court), ("court_case_number", c.courtCaseNumber),
                 ("awarded_fen", c.awarded.map { String($0.value) })]
            }
            try Self.auditChanged(audit, table: "wage_case", id: current.id, before: facts(current).map { ($0.0, $0.1, $0.1) },
                                  after: facts(updated).map { ($0.0, $0.1, $0.1) }, reason: changes.reason)
            return try Self.fetchCaseDetail(db, Self.fetchCase(db, id: current.id))
        }
    }

    /// Withdraws the case's latest move, saying why: the event leaves the case's path (the audit log keeps it as
    /// it was, with the reason) and the case stands where it stood before.
    public func undoCaseMove(_ reference: CaseReference, reason: String, actor: String,
                             expect: (WageCase) throws -> Void = { _ in }) throws -> CaseDetail {
        let reason = try TextField.required(reason, field: "reason", maxLength: 2000)
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchCase(db, reference)
            try expect(current)
            let events = try Row.fetchAll(db, cached: "SELECT * FROM case_event WHERE case_id = ? ORDER BY on_date, id",
                                          arguments: [current.id]).map(CaseEvent.init(row:))
            let (withdrawn, back) = try CaseCorrections.undo(current, events: events)
            try db.execute(cached: "DELETE FROM case_event WHERE id = ?", arguments: [withdrawn.id])
            // A withdrawn close takes its closing reason with it.
            let closing = withdrawn.stage == .closed ? nil : current.closingReason
            try db.execute(cached: "UPDATE wage_case SET stage = ?, stage_on = ?, closing_reason = ? WHERE id = ?",
                           arguments: [back.stage.rawValue, back.date.iso, closing?.rawValue, current.id])
            try audit.record(.delete, table: "case_event", id: withdrawn.id,
                             before: AuditFields([("case_id", String(current.id)), ("stage", withdrawn.stage.rawValue),
                                                  ("on_date", withdrawn.date.iso), ("actor", withdrawn.actor),
                                                  ("note", withdrawn.note)]),
                             after: nil, reason: reason)
            try audit.record(.update, table: "wage_case", id: current.id,
                             before: AuditFields([("stage", current.stage.rawValue), ("stage_on", current.stageDate.iso),
                                                  ("closing_reason", current.closingReason?.rawValue)]),
                             after: AuditFields([("stage", back.stage.rawValue), ("stage_on", back.date.iso),
                                                 ("closing_reason", closing?.rawValue)]),
                             reason: reason)
            return try Self.fetchCaseDetail(db, Self.fetchCase(db, id: current.id))
        }
    }

    /// Reopens a closed or declined case on `date`, saying why: a new event returns it to the stage it stood at
    /// before, and its closing reason is cleared.
    public func reopenCase(_ reference: CaseReference, on date: LocalDate?, reason: String, actor: String,
                           expect: (WageCase) throws -> Void = { _ in }) throws -> CaseDetail {
        let reason = try TextField.required(reason, field: "reason", maxLength: 2000)
        let today = self.today
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchCase(db, reference)
            try expect(current)
            let events = try Row.fetchAll(db, cached: "SELECT * FROM case_event WHERE case_id = ? ORDER BY on_date, id",
                                          arguments: [current.id]).map(CaseEvent.init(row:))
            let stage = try CaseCorrections.reopen(current, events: events)
            let date = date ?? today
            try CaseCorrections.checkReopenDate(date, wageCase: current, today: today)
            let note = "重新办理：\(reason)"
            try db.execute(cached: "INSERT INTO case_event (case_id, stage, on_date, actor, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [current.id, stage.rawValue, date.iso, actor, note, audit.at])
            let eventID = db.lastInsertedRowID
            try db.execute(cached: "UPDATE wage_case SET stage = ?, stage_on = ?, closing_reason = NULL WHERE id = ?",
                           arguments: [stage.rawValue, date.iso, current.id])
            try audit.record(.insert, table: "case_event", id: eventID, after: [
                "case_id": current.id, "stage": stage.rawValue, "on_date": date.iso, "note": note,
            ], reason: reason)
            try audit.record(.update, table: "wage_case", id: current.id,
                             before: AuditFields([("stage", current.stage.rawValue), ("stage_on", current.stageDate.iso),
                                                  ("closing_reason", current.closingReason?.rawValue)]),
                             after: AuditFields([("stage", stage.rawValue), ("stage_on", date.iso), ("closing_reason", nil)]),
                             reason: reason)
            return try Self.fetchCaseDetail(db, Self.fetchCase(db, id: current.id))
        }
    }

    /// Records what happened on a case besides its stages: the worker's application or consent, a hearing,
    /// court attendance (audited).
    public func recordActivity(_ reference: CaseReference, kind: CaseActivityKind, on date: LocalDate, note: String?,
                               actor: String, expect: (WageCase) throws -> Void = { _ in }) throws -> CaseDetail {
        let note = try TextField.optional(note, field: "note", maxLength: 2000)
        let today = self.today
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchCase(db, reference)
            try expect(current)
            try CaseActivity.check(kind, on: date, for: current, today: today)
            try db.execute(cached: """
                INSERT INTO case_activity (case_id, kind, on_date, note, actor, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [current.id, kind.rawValue, date.iso, note, actor, audit.at])
            try audit.record(.insert, table: "case_activity", id: db.lastInsertedRowID, after: [
                "case_id": current.id, "kind": kind.rawValue, "on_date": date.iso, "note": note,
            ])
            return try Self.fetchCaseDetail(db, current)
        }
    }

    /// Names the case's handling prosecutor and assistant (each a prosecutor of the service), audited.
    public func assignCase(_ reference: CaseReference, _ assignment: CaseAssignment, actor: String,
                           expect: (WageCase) throws -> Void = { _ in }) throws -> WageCase {
        try write(actor: actor) { db, audit in
            let current = try Self.fetchCase(db, reference)
            try expect(current)
            for (name, field) in [(assignment.handler, "handler"), (assignment.assistant, "assistant")] {
                guard let name else { continue }
                let row = try Row.fetchOne(db, cached: "SELECT role, revoked_at FROM api_user WHERE name = ?", arguments: [name])
                try CaseAssignment.check(name, field: field, role: (row?["role"] as String?).flatMap(Role.init(rawValue:)),
                                         revoked: (row?["revoked_at"] as String?) != nil)
            }
            guard current.handler != assignment.handler || current.assistant != assignment.assistant else { return current }
            try db.execute(cached: "UPDATE wage_case SET handler = ?, assistant = ? WHERE id = ?",
                           arguments: [assignment.handler, assignment.assistant, current.id])
            try audit.record(.update, table: "wage_case", id: current.id,
                             before: AuditFields([("handler", current.handler), ("assistant", current.assistant)]),
                             after: AuditFields([("handler", assignment.handler), ("assistant", assignment.assistant)]))
            return try Self.fetchCase(db, id: current.id)
        }
    }

    private static func findOrCreateSeries(_ db: Database, name: String, audit: AuditWriter) throws -> Int64 {
        if let id = try Int64.fetchOne(db, cached: "SELECT id FROM case_series WHERE name = ?", arguments: [name]) {
            return id
        }
        try db.execute(cached: "INSERT INTO case_series (name, created_at) VALUES (?, ?)", arguments: [name, audit.at])
        let id = db.lastInsertedRowID
        try audit.record(.insert, table: "case_series", id: id, after: ["name": name])
        return id
    }
}

// MARK: - Reads

extension AppDatabase {
    public func caseDetail(_ reference: CaseReference) throws -> CaseDetail {
        try read { db in try Self.fetchCaseDetail(db, Self.fetchCase(db, reference)) }
    }

    /// A case with its events, recoveries and the time limits it must watch (the office's days from settings).
    static func fetchCaseDetail(_ db: Database, _ wageCase: WageCase) throws -> CaseDetail {
        let events = try Row.fetchAll(db, cached: "SELECT * FROM case_event WHERE case_id = ? ORDER BY on_date, id",
                                      arguments: [wageCase.id]).map(CaseEvent.init(row:))
        let recoveries = try Row.fetchAll(db, cached: "SELECT \(Recovery.selection) WHERE r.case_id = ? ORDER BY r.paid_on, r.id",
                                          arguments: [wageCase.id]).map(Recovery.init(row:))
        let activities = try Row.fetchAll(db, cached: "SELECT * FROM case_activity WHERE case_id = ? ORDER BY on_date, id",
                                          arguments: [wageCase.id]).map(CaseActivity.init(row:))
        let settings = try settingValues(db)
        let facts = CaseTimeFacts(wageCase, decisionDays: Setting.caseDecisionDays.number(settings[.caseDecisionDays]),
                                  courtFilingDays: Setting.courtFilingDays.number(settings[.courtFilingDays]))
        return CaseDetail(wageCase: wageCase, events: events, recoveries: recoveries,
                          deadlines: CaseTimeLimits.limits(facts, calendar: try fetchCalendar(db)), activities: activities)
    }

    public func cases(_ filter: CaseFilter = CaseFilter()) throws -> [WageCase] {
        try read { db in
            let employerID = try filter.employer.map { try Self.fetchEmployer(db, $0).id }
            // A worker's few cases come from the worker index; the other filters then apply to those.
            let statement = try db.cachedStatement(sql: """
                \(WageCase.selection)
                WHERE \(filter.workerID == nil ? "" : "c.worker_id = ? AND ")c.id > ? AND (? IS NULL OR c.stage = ?) AND (? IS NULL OR s.name = ?)
                  AND (? IS NULL OR c.clue_id = ?) AND (? IS NULL OR l.employer_id = ?)
                  AND (? = 0 OR c.stage NOT IN \(OpenCaseSQL.finishedSQL)) AND (? IS NULL OR c.handler = ? OR c.assistant = ?)
                ORDER BY c.id LIMIT ?
                """)
            statement.arguments = StatementArguments(filter.workerID.map { [$0] } ?? []) + [filter.afterID, filter.stage?.rawValue, filter.stage?.rawValue, filter.series,
                                   filter.series, filter.clueID, filter.clueID, employerID, employerID,
                                   filter.openOnly ? 1 : 0, filter.handler, filter.handler, filter.handler, filter.limit]
            return try WageCase.fetchAll(statement)
        }
    }

    /// A case by office case number, else by id ("12" or "#12").
    static func fetchCase(_ db: Database, _ reference: CaseReference) throws -> WageCase {
        if let row = try Row.fetchOne(db, cached: "\(WageCase.selection) WHERE c.case_number = ?",
                                      arguments: [reference.text]) {
            return try WageCase(row: row)
        }
        if let id = reference.numericID { return try fetchCase(db, id: id) }
        throw WagecaseError.notFound(entity: "case", key: reference.text)
    }

    static func fetchCase(_ db: Database, id: Int64) throws -> WageCase {
        guard let row = try Row.fetchOne(db, cached: "\(WageCase.selection) WHERE c.id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "case", key: "#\(id)")
        }
        return try WageCase(row: row)
    }
}
