import GRDB
import WagecaseCore
import WagecaseStore

/// Writes audit_log rows inside the caller's transaction, so a change and its record commit or fail together.
struct AuditWriter {
    let db: Database
    let actor: String
    let at: String

    typealias Action = AuditAction

    /// Appends an entry chained to the one before it (see `AuditChain`); writes are serialised, so the entry read
    /// as the head is the one this entry follows.
    func record(_ action: Action, table: String, id: Int64?, before: AuditFields? = nil,
                after: AuditFields? = nil, reason: String? = nil) throws {
        let head = try AuditChain.head(db)
        let entry = AuditChain.Entry(id: (head?.id ?? 0) + 1, at: at, actor: actor, action: action.rawValue, table: table,
                                     recordID: id, before: before?.json, after: after?.json, reason: reason)
        try db.execute(cached: """
                INSERT INTO audit_log (id, at, actor, action, table_name, record_id, before, after, reason, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [entry.id, entry.at, entry.actor, entry.action, entry.table, entry.recordID, entry.before,
                        entry.after, entry.reason,
                        AuditChain.hash(previous: head?.hash ?? AuditChain.origin, entry)])
    }
}
