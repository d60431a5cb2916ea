import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    /// Adds an employer; the credit code is its identity, so a second record for it is refused.
    public func addEmployer(_ input: NewEmployer, actor: String) throws -> Employer {
        try write(actor: actor) { db, audit in try Self.fetchEmployer(db, .id(Self.insertEmployer(db, audit: audit, input))) }
    }

    /// The one insert of an employer, inside the caller's transaction (the use-case above, and an import's rows).
    static func insertEmployer(_ db: Database, audit: AuditWriter, _ input: NewEmployer) throws -> Int64 {
        if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM employer WHERE credit_code = ?",
                                              arguments: [input.creditCode.value]) {
            throw WagecaseError.duplicate(entity: "employer with credit code", key: input.creditCode.value,
                                          existingID: existing, hint: "each employer is recorded once")
        }
        let reason = input.storedOverrideReason
        try db.execute(cached: """
                INSERT INTO employer (name, credit_code, credit_code_override_reason, kind, created_at)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [input.name, input.creditCode.value, reason, input.kind.rawValue, audit.at])
        let id = db.lastInsertedRowID
        try audit.record(.insert, table: "employer", id: id, after: [
            "name": input.name, "credit_code": input.creditCode.value, "kind": input.kind.rawValue,
        ], reason: reason.map { "credit code check character overridden: \($0)" })
        return id
    }
}

// MARK: - Reads

extension AppDatabase {
    public func employer(_ reference: EmployerReference) throws -> Employer {
        try read { db in try Self.fetchEmployer(db, reference) }
    }

    public func employers(nameContains: String? = nil, limit: Int = 100, afterID: Int64 = 0) throws -> [Employer] {
        try read { db in
            try Row.fetchAll(db, cached: """
                    SELECT \(Employer.selection) FROM employer
                    WHERE id > ? AND (? IS NULL OR instr(name, ?) > 0) ORDER BY id LIMIT ?
                    """,
                arguments: [afterID, nameContains, nameContains, limit]
            ).map(Employer.init(row:))
        }
    }

    static func fetchEmployer(_ db: Database, _ reference: EmployerReference) throws -> Employer {
        let employer: Employer?
        switch reference {
        case .id(let id):
            employer = try Row.decodeFirst(db, cached: employerByID, arguments: [id], Employer.init(row:))
        case .creditCode(let code):
            employer = try Row.decodeFirst(db, cached: employerByCreditCode, arguments: [code], Employer.init(row:))
        }
        guard let employer else { throw WagecaseError.notFound(entity: "employer", key: reference.description) }
        return employer
    }

    private static let employerByID = "SELECT \(Employer.selection) FROM employer WHERE id = ?"
    private static let employerByCreditCode = "SELECT \(Employer.selection) FROM employer WHERE credit_code = ?"
}
