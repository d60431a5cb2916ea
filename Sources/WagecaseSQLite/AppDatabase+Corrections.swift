import GRDB
import WagecaseCore
import WagecaseStore

/// Corrections of a worker, an employer and a clue: the fields that change, before and after, in one audit
/// entry with the reason (hidden values masked as everywhere in the log). The same values again write nothing.
extension AppDatabase {
    public func updateWorker(id: Int64, _ changes: WorkerChanges, actor: String,
                             expect: (Worker) throws -> Void = { _ in }) throws -> Worker {
        try write(actor: actor) { db, audit in
            let current = try Self.fetchWorker(db, id: id)
            try expect(current)
            let updated = changes.applied(to: current)
            guard updated != current else { return current }
            if updated.idNumber != current.idNumber,
               let other = try Int64.fetchOne(db, cached: "SELECT id FROM worker WHERE id_number = ?",
                                              arguments: [updated.idNumber]) {
                throw WagecaseError.duplicate(entity: "worker with ID number", key: ResidentID.mask(updated.idNumber),
                                              existingID: other, hint: "each worker is recorded once")
            }
            try db.execute(cached: """
                UPDATE worker SET name = ?, id_number = ?, id_number_override_reason = ?, phone = ?, bank_card = ?,
                                  hometown = ? WHERE id = ?
                """, arguments: [updated.name, updated.idNumber, updated.idNumberOverrideReason, updated.phone,
                                 updated.bankCard, updated.hometown, id])
            // Compared as stored, written masked: a correction of hidden digits alone still names its field.
            func fields(_ w: Worker) -> [(String, String?, String?)] {
                [("name", w.name, w.name), ("id_number", w.idNumber, ResidentID.mask(w.idNumber)),
                 ("id_number_override_reason", w.idNumberOverrideReason, w.idNumberOverrideReason),
                 ("phone", w.phone, w.phone.map(PhoneNumber.mask)), ("bank_card", w.bankCard, w.bankCard.map(BankCard.mask)),
                 ("hometown", w.hometown, w.hometown)]
            }
            try Self.auditChanged(audit, table: "worker", id: id, before: fields(current), after: fields(updated),
                                  reason: changes.auditReason(updated))
            return try Self.fetchWorker(db, id: id)
        }
    }

    public func updateEmployer(_ reference: EmployerReference, _ changes: EmployerChanges, actor: String,
                               expect: (Employer) throws -> Void = { _ in }) throws -> Employer {
        try write(actor: actor) { db, audit in
            let current = try Self.fetchEmployer(db, reference)
            try expect(current)
            let updated = changes.applied(to: current)
            guard updated != current else { return current }
            if updated.creditCode != current.creditCode,
               let other = try Int64.fetchOne(db, cached: "SELECT id FROM employer WHERE credit_code = ?",
                                              arguments: [updated.creditCode]) {
                throw WagecaseError.duplicate(entity: "employer with credit code", key: updated.creditCode,
                                              existingID: other, hint: "each employer is recorded once")
            }
            try db.execute(cached: """
                UPDATE employer SET name = ?, credit_code = ?, credit_code_override_reason = ?, kind = ? WHERE id = ?
                """, arguments: [updated.name, updated.creditCode, updated.creditCodeOverrideReason,
                                 updated.kind.rawValue, current.id])
            func fields(_ e: Employer) -> [(String, String?, String?)] {
                [("name", e.name, e.name), ("credit_code", e.creditCode, e.creditCode),
                 ("credit_code_override_reason", e.creditCodeOverrideReason, e.creditCodeOverrideReason),
                 ("kind", e.kind.rawValue, e.kind.rawValue)]
            }
            try Self.auditChanged(audit, table: "employer", id: current.id, before: fields(current),
                                  after: fields(updated), reason: changes.reason)
            return try Self.fetchEmployer(db, .id(current.id))
        }
    }

    /// Corrects a clue's own facts. Its first channel moves with its source and date; a project must be one of
    /// its employer's; it is received before any case was opened from it.
    public func updateClue(id: Int64, _ changes: ClueChanges, actor: String,
                           expect: (Clue) throws -> Void = { _ in }) throws -> Clue {
        let today = self.today
        return try write(actor: actor) { db, audit in
            let current = try Self.fetchClue(db, id: id)
            try expect(current)
            let firstOpened = try String.fetchOne(db, cached: "SELECT MIN(opened_on) FROM wage_case WHERE clue_id = ?",
                                                  arguments: [id]).flatMap(LocalDate.parseISO)
            try changes.checkDate(today: today, firstCaseOpened: firstOpened)
            let employer = try changes.employer.map { try Self.fetchEmployer(db, $0) }
            let employerID = employer?.id ?? current.employerID
            let project = try changes.project.map { try Self.fetchProject(db, $0, employerID: employerID) }
            let updated = changes.applied(to: current, employer: employer, project: project)
            // A new employer without a new project: the project named before must be the new employer's too.
            if let projectID = updated.projectID {
                try ClueChanges.checkProject(try Self.fetchProject(db, .id(projectID), employerID: nil),
                                             employerID: updated.employerID)
            }
            guard updated != current else { return current }
            try db.execute(cached: """
                UPDATE clue SET source = ?, received_on = ?, employer_id = ?, project_id = ?, summary = ? WHERE id = ?
                """, arguments: [updated.source.rawValue, updated.received.iso, updated.employerID, updated.projectID,
                                 updated.summary, id])
            if (updated.source, updated.received) != (current.source, current.received) {
                // The first channel is the clue's own source and date; another channel already on that day by that
                // source stays as it is.
                try db.execute(cached: """
                    UPDATE OR IGNORE clue_channel SET source = ?, received_on = ? WHERE clue_id = ? AND source = ? AND received_on = ?
                    """, arguments: [updated.source.rawValue, updated.received.iso, id, current.source.rawValue,
                                     current.received.iso])
                try db.execute(cached: "DELETE FROM clue_channel WHERE clue_id = ? AND source = ? AND received_on = ?",
                               arguments: [id, current.source.rawValue, current.received.iso])
            }
            func fields(_ c: Clue) -> [(String, String?, String?)] {
                [("source", c.source.rawValue), ("received_on", c.received.iso), ("employer_id", String(c.employerID)),
                 ("project_id", c.projectID.map(String.init)), ("summary", c.summary)].map { ($0.0, $0.1, $0.1) }
            }
            try Self.auditChanged(audit, table: "clue", id: id, before: fields(current), after: fields(updated),
                                  reason: changes.reason)
            return try Self.fetchClue(db, id: id)
        }
    }

    /// One update entry naming only the fields that changed: (name, value as stored, value as the log keeps it).
    static func auditChanged(_ audit: AuditWriter, table: String, id: Int64, before: [(String, String?, String?)],
                             after: [(String, String?, String?)], reason: String) throws {
        let changed = zip(before, after).filter { $0.0.1 != $0.1.1 }
        try audit.record(.update, table: table, id: id, before: AuditFields(changed.map { ($0.0.0, $0.0.2) }),
                         after: AuditFields(changed.map { ($0.1.0, $0.1.2) }), reason: reason)
    }
}
