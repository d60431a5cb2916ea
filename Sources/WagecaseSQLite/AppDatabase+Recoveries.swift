import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// Records money paid to the worker of a case. More than the claim is refused unless forced.
    /// `expect` runs inside the transaction on the case as it stands (the HTTP service checks If-Match there).
    public func recordRecovery(_ input: NewRecovery, actor: String,
                               expect: (WageCase) throws -> Void = { _ in }) throws -> Recovery {
        let today = self.today
        return try write(actor: actor) { db, audit in
            let wageCase = try Self.fetchCase(db, input.caseReference)
            try expect(wageCase)
            let forced = try RecoveryRules.check(wageCase, amount: input.amount, paid: input.paid, route: input.route,
                                                 today: today, force: input.force)
            return try Self.insertRecovery(db, audit: audit, wageCase: wageCase, input, forced: forced, actor: actor)
        }
    }

    /// Writes a checked payment and its audit entry.
    static func insertRecovery(_ db: Database, audit: AuditWriter, wageCase: WageCase, _ input: NewRecovery,
                               forced: Bool, actor: String) throws -> Recovery {
            try db.execute(cached: """
                    INSERT INTO recovery (case_id, paid_on, amount_fen, route, payer, note, forced, actor, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [wageCase.id, input.paid.iso, input.amount.value, input.route.rawValue, input.payer,
                            input.note, forced ? 1 : 0, actor, audit.at])
            let id = db.lastInsertedRowID
            try audit.record(
                .insert, table: "recovery", id: id,
                after: ["case_id": wageCase.id, "paid_on": input.paid.iso, "amount_fen": input.amount.value,
                        "route": input.route.rawValue, "payer": input.payer, "note": input.note, "forced": forced],
                reason: forced ? "forced past the claimed \(wageCase.claimed) (already recovered \(wageCase.recovered))"
                    : nil)
            return try fetchRecovery(db, id: id)
    }

    /// Reverses a payment entered wrongly with a balancing entry (冲正): the original stays, the entry beside it
    /// takes its amount back, both in the audit log with the reason. Returns the case as it now stands.
    public func reverseRecovery(id: Int64, reason: String, actor: String,
                                expect: (WageCase) throws -> Void = { _ in }) throws -> CaseDetail {
        try write(actor: actor) { db, audit in
            let original = try Self.fetchRecovery(db, id: id)
            let wageCase = try Self.fetchCase(db, id: original.caseID)
            try expect(wageCase)
            let entry = try RecoveryRules.reversal(of: original, in: wageCase, reason: reason)
            try db.execute(cached: """
                    INSERT INTO recovery (case_id, paid_on, amount_fen, route, payer, note, forced, actor, created_at,
                                          reverses_id)
                    VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
                    """,
                arguments: [entry.caseID, entry.paid.iso, entry.amount.value, entry.route.rawValue, entry.payer,
                            entry.note, actor, audit.at, original.id])
            try audit.record(.insert, table: "recovery", id: db.lastInsertedRowID, after: [
                "case_id": entry.caseID, "paid_on": entry.paid.iso, "amount_fen": entry.amount.value,
                "route": entry.route.rawValue, "reverses_id": original.id,
            ], reason: entry.note)
            return try Self.fetchCaseDetail(db, Self.fetchCase(db, id: wageCase.id))
        }
    }

    public func recovery(id: Int64) throws -> Recovery {
        try read { db in try Self.fetchRecovery(db, id: id) }
    }

    static func fetchRecovery(_ db: Database, id: Int64) throws -> Recovery {
        guard let row = try Row.fetchOne(db, cached: "SELECT \(Recovery.selection) WHERE r.id = ?", arguments: [id]) else {
            throw WagecaseError.notFound(entity: "recovery", key: "#\(id)")
        }
        return try Recovery(row: row)
    }
}
