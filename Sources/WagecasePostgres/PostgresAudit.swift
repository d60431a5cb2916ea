import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// `audit verify` on PostgreSQL: the log walked in id order through the same seal as the SQLite store's
/// (`AuditSeal`), timestamps read back in +08:00 and before/after as the text that was sealed, so a log copied
/// from a district's file verifies here with the same head. Reads only (a replica serves it).
extension PostgresDatabase {
    public func verifyAuditLog() async throws -> AuditVerification {
        do {
            return try await readOnly { connection in
                var walk = AuditSeal.Walk()
                let rows = try await connection.query("""
                    SELECT id, to_char(at AT TIME ZONE INTERVAL '+08:00', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'), actor,
                           action, table_name, record_id, before, after, reason, hash
                    FROM audit_log ORDER BY id
                    """, logger: Self.logger)
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
}
