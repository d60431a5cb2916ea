import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// `audit list` and `audit verify` on PostgreSQL. `audit verify`: the log walked in id order through the same seal as the SQLite store's
/// (`AuditSeal`), timestamps read back in +08:00 and before/after as the text that was sealed, so a log copied
/// from a district's file verifies here with the same head. Reads only (a replica serves it).
extension PostgresDatabase {
    public func verifyAuditLog() async throws -> AuditVerification {
        do {
            return try await readOnly { connection in
                var walk = AuditSeal.Walk()
                let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT id, \(PostgresText.timestamp("at")), actor,
                           action, table_name, record_id, before, after, reason, hash
                    FROM audit_log ORDER BY id
                    """), logger: Self.logger)
                for try await (id, at, actor, action, table, recordID, before, after, reason, hash)
                    in rows.decode((Int64, String, String, String, String, Int64?, String?, String?, String?, String?).self) {
                    walk.add(AuditSeal.Entry(id: id, at: at, actor: actor, action: action, table: table, recordID: recordID,
                                             before: before, after: after, reason: reason), stored: hash)
                }
                return walk.result
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }

    /// Audit entries at or after `since` (a date or timestamp, compared as the SQLite store compares it: with the
    /// entry's time as text in +08:00), oldest first. The day `since` begins with narrows the read through the
    /// index on `at` first.
    public func auditEntries(since: String? = nil, table: String? = nil, limit: Int = 200,
                             afterID: Int64 = 0) async throws -> [AuditEntry] {
        let day = since.flatMap { LocalDate.parseISO(String($0.prefix(10))) }?.iso ?? "-infinity"
        do {
            return try await readOnly { connection in
                var binds = PostgresBindings()
                binds.append(afterID)
                binds.append(day)
                binds.append(since ?? "")
                if let table { binds.append(table) } else { binds.appendNull() }
                binds.append(Int64(limit))
                let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT id, \(PostgresText.timestamp("at")), actor,
                           action, table_name, record_id, before, after, reason
                    FROM audit_log
                    WHERE id > $1 AND at >= ($2::date::timestamp AT TIME ZONE INTERVAL '+08:00')
                      AND \(PostgresText.timestamp("at")) >= $3
                      AND ($4::text IS NULL OR table_name = $4::text)
                    ORDER BY id LIMIT $5
                    """, binds: binds), logger: Self.logger)
                var entries: [AuditEntry] = []
                for try await (id, at, actor, action, table, recordID, before, after, reason)
                    in rows.decode((Int64, String, String, String, String, Int64?, String?, String?, String?).self) {
                    entries.append(AuditEntry(id: id, at: at, actor: actor, action: action, table: table,
                                              recordID: recordID, before: before, after: after, reason: reason))
                }
                return entries
            }
        } catch {
            throw PostgresFailure.describe(error, location: location)
        }
    }
}
