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
            guard let row = try Row.fetchOne(db, cached: "SELECT * FROM recovery WHERE id = ?", arguments: [id]) else {
                throw WagecaseError.notFound(entity: "recovery", key: "#\(id)")
            }
            return try Recovery(row: row)
    }
}
