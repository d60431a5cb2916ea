import GRDB
import WagecaseCore

/// A payment to record on a case.
public struct NewRecovery: Sendable {
    public var caseReference: CaseReference
    public var amount: Fen
    public var paid: LocalDate
    public var route: RecoveryRoute
    public var payer: String?
    public var note: String?
    /// Record it even when it takes the case past its claimed amount (audited).
    public var force: Bool

    public init(caseReference: CaseReference, amount: Fen, paid: LocalDate, route: RecoveryRoute,
                payer: String? = nil, note: String? = nil, force: Bool = false) throws(WagecaseError) {
        if amount.value <= 0 {
            throw .invalidField(field: "amount", value: amount.yuan, reason: "is zero",
                                allowed: "an amount greater than 0")
        }
        (self.caseReference, self.amount, self.paid, self.route) = (caseReference, amount, paid, route)
        self.payer = try TextField.optional(payer, field: "payer", maxLength: 200, multiline: false)
        self.note = try TextField.optional(note, field: "note")
        self.force = force
    }
}

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
