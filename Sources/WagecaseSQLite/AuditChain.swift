import GRDB
import WagecaseCore
import WagecaseStore

/// The hash chain over the audit log: each entry's hash covers its fields and the previous entry's hash, so an
/// entry changed or removed afterwards outside the program shows up in `verify` — unless whoever changed it also
/// recomputed every hash after it, which anyone with the file and this source can do. What protects the log is
/// the head (`AuditVerification.headID`/`headHash`) noted somewhere else: a recomputed chain ends in another hash.
enum AuditChain {
    static let origin = AuditSeal.origin

    typealias Entry = AuditSeal.Entry

    static func hash(previous: String, _ entry: Entry) -> String { AuditSeal.hash(previous: previous, entry) }

    /// The newest entry's id and hash (the chain's head), or nil when the log is empty.
    static func head(_ db: Database) throws -> (id: Int64, hash: String)? {
        let statement = try db.cachedStatement(sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
        let cursor = try Row.fetchCursor(statement)
        guard let row = try cursor.next() else { return nil }
        return (row[0], (row[1] as String?) ?? origin)
    }

    /// Masks the phone numbers that audit entries about workers held in full before phones were masked, so the
    /// entries the chain then seals hold nothing the screen would hide.
    static func maskUnsealedPhones(_ db: Database) throws {
        let mask = DatabaseFunction("wagecase_mask_phone", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(PhoneNumber.mask)
        }
        db.add(function: mask)
        defer { db.remove(function: mask) }
        for column in ["before", "after"] {
            try db.execute(sql: """
                UPDATE audit_log SET \(column) = json_set(\(column), '$.phone', wagecase_mask_phone(json_extract(\(column), '$.phone')))
                WHERE hash IS NULL AND table_name = 'worker' AND json_type(\(column), '$.phone') = 'text'
                """)
        }
    }

    /// Seals every entry without a hash, in id order (the migration that added the chain calls this).
    static func sealUnsealed(_ db: Database) throws {
        var previous = origin
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM audit_log ORDER BY id")
        var updates: [(Int64, String)] = []
        while let row = try rows.next() {
            let entry = try Self.entry(row)
            let stored: String? = (try row.decode(forColumn: "hash"))
            let hash = stored ?? Self.hash(previous: previous, entry)
            if stored == nil { updates.append((entry.id, hash)) }
            previous = hash
        }
        for (id, hash) in updates {
            try db.execute(sql: "UPDATE audit_log SET hash = ? WHERE id = ?", arguments: [hash, id])
        }
    }

    static let columns = "id, at, actor, action, table_name, record_id, before, after, reason, hash"

    static func entry(_ row: Row) throws -> Entry {
        Entry(id: (try row.decode(forColumn: "id")), at: (try row.decode(forColumn: "at")), actor: (try row.decode(forColumn: "actor")), action: (try row.decode(forColumn: "action")), table: (try row.decode(forColumn: "table_name")),
              recordID: (try row.decode(forColumn: "record_id")), before: (try row.decode(forColumn: "before")), after: (try row.decode(forColumn: "after")), reason: (try row.decode(forColumn: "reason")))
    }
}

extension AppDatabase {
    /// Walks the whole audit log, recomputing each hash from the entry before it.
    public func verifyAuditLog() throws -> AuditVerification {
        try read { db in
            var walk = AuditSeal.Walk()
            let rows = try Row.fetchCursor(db, sql: "SELECT \(AuditChain.columns) FROM audit_log ORDER BY id")
            while let row = try rows.next() {
                walk.add(try AuditChain.entry(row), stored: try row.decode(forColumn: "hash"))
            }
            return walk.result
        }
    }
}
