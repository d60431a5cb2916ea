import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    /// Adds a worker; the ID number is the worker's identity, so a second record for it is refused.
    public func addWorker(_ input: NewWorker, actor: String) throws -> Worker {
        try write(actor: actor) { db, audit in try Self.fetchWorker(db, id: Self.insertWorker(db, audit: audit, input)) }
    }

    /// The one insert of a worker, inside the caller's transaction, audited with the numbers masked.
    static func insertWorker(_ db: Database, audit: AuditWriter, _ input: NewWorker) throws -> Int64 {
        if let existing = try Int64.fetchOne(db, cached: "SELECT id FROM worker WHERE id_number = ?",
                                              arguments: [input.idNumber.value]) {
            throw WagecaseError.duplicate(entity: "worker with ID number", key: input.idNumber.masked,
                                          existingID: existing, hint: "each worker is recorded once")
        }
        let reason = input.storedOverrideReason
        try db.execute(cached: """
                INSERT INTO worker (name, id_number, id_number_override_reason, phone, bank_card, hometown,
                                    created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [input.name, input.idNumber.value, reason, input.phone, input.bankCard,
                        input.hometown, audit.at])
        let id = db.lastInsertedRowID
        try audit.record(.insert, table: "worker", id: id, after: [
            "name": input.name, "id_number": input.idNumber.masked, "phone": input.phone.map(PhoneNumber.mask),
            "bank_card": input.bankCard.map(BankCard.mask), "hometown": input.hometown,
        ], reason: input.overrideAuditReason)
        return id
    }

    /// Returns `value` as the reader may see it: masked, or in full with a reveal of each worker's `fields`
    /// written to the audit log first, with who asked and why. The CLI and the server both go through here.
    public func disclose<T: Maskable>(_ value: T, _ disclosure: Disclosure, workerIDs: [Int64],
                                      fields: [String]) throws -> T {
        guard case .revealed(let actor, let reason) = disclosure else { return value.masked() }
        guard !workerIDs.isEmpty else { return value }
        try write(actor: actor) { _, audit in
            for id in workerIDs {
                try audit.record(.reveal, table: "worker", id: id,
                                 after: ["fields": fields.joined(separator: ",")], reason: reason)
            }
        }
        return value
    }
}

// MARK: - Reads

extension AppDatabase {
    /// A worker by record id only: what the HTTP service looks up, so a full ID number never serves as a key
    /// (nor as an existence test) for a reader who may not see it.
    public func worker(id: Int64) throws -> Worker {
        try read { db in try Self.fetchWorker(db, id: id) }
    }

    /// A worker by id or by ID number (the command line, whose user holds the database file).
    public func worker(_ reference: String) throws -> Worker {
        try read { db in
            let key = reference.trimmingCharacters(in: .whitespaces).uppercased()
            if let id = Int64(key), key.count < 15,
               let row = try Row.fetchOne(db, cached: "SELECT \(Worker.selection) FROM worker WHERE id = ?",
                                          arguments: [id]) {
                return try Worker(row: row)
            }
            if let row = try Row.fetchOne(db, cached: "SELECT \(Worker.selection) FROM worker WHERE id_number = ?",
                                          arguments: [key]) {
                return try Worker(row: row)
            }
            throw WagecaseError.notFound(entity: "worker", key: key.count >= 15 ? ResidentID.mask(key) : key)
        }
    }

    /// Workers ordered by id, optionally those whose name contains `nameContains`.
    public func workers(nameContains: String? = nil, limit: Int = 100, afterID: Int64 = 0) throws -> [Worker] {
        try read { db in
            try Row.fetchAll(db, cached: """
                    SELECT \(Worker.selection) FROM worker
                    WHERE id > ? AND (? IS NULL OR instr(name, ?) > 0) ORDER BY id LIMIT ?
                    """,
                arguments: [afterID, nameContains, nameContains, limit]
            ).map(Worker.init(row:))
        }
    }

    static func fetchWorker(_ db: Database, id: Int64) throws -> Worker {
        guard let row = try Row.fetchOne(db, cached: "SELECT \(Worker.selection) FROM worker WHERE id = ?",
                                         arguments: [id])
        else { throw WagecaseError.notFound(entity: "worker", key: "#\(id)") }
        return try Worker(row: row)
    }
}
