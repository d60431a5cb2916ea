import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// A record write on PostgreSQL: one transaction whose audit entries extend the log's hash chain.
///
/// Record writes take turns, across every process on the database, on one transaction-scoped advisory lock taken
/// first: the chain needs each entry to follow the head the one before it committed, and under the lock every
/// statement of the write (READ COMMITTED) sees what the writes before it committed, so a "does it exist yet"
/// check cannot race another process's insert. The unique constraints stay as the last word. Readers never wait
/// for it. It is the SQLite file's one writer at a time, held by the database rather than by one process.
///
/// Within a process the writes queue before they take a connection (`WriteQueue`), so a burst of writes waiting
/// for their turn never holds the pool's connections from the reads of the same service; a write that waits for
/// the database's turn longer than the file's writers wait (`DatabaseBusy.busyTimeout`) is refused as busy, nothing
/// written.
extension PostgresDatabase {
    /// The advisory lock key of record writes: not the migrations' (a write never waits for a migration's lock).
    static let writeLockKey: Int64 = PostgresMigrations.lockKey + 2

    /// Runs `body` as one record write by `actor` at `now` (Asia/Shanghai): committed with its audit entries when
    /// it returns, rolled back whole when it throws.
    public func write<T: Sendable>(actor: String, now: Date = Date(),
                                   _ body: (PostgresConnection, PostgresAuditWriter) async throws -> T) async throws -> T {
        await writeQueue.enter()
        do {
            // READ COMMITTED whatever the server's default: each statement after the lock sees the writes before.
            let result = try await inTransaction("BEGIN ISOLATION LEVEL READ COMMITTED") { connection in
                try await connection.query("SET LOCAL lock_timeout = '\(unescaped: String(Int(DatabaseBusy.busyTimeout)))s'",
                                           logger: Self.logger)
                // Read through: a query's rows (and a lock wait's timeout) come after it returns.
                for try await _ in try await connection.query("SELECT pg_advisory_xact_lock(\(Self.writeLockKey))",
                                                              logger: Self.logger) {}
                return try await body(connection, PostgresAuditWriter(connection: connection, actor: actor,
                                                                      at: Timestamp.shanghai(now)))
            }
            await writeQueue.leave()
            return result
        } catch {
            await writeQueue.leave()
            if let error = error as? PSQLError, error.serverInfo?[.sqlState] == "55P03" { throw DatabaseBusy() }
            throw PostgresFailure.describe(error, location: location)
        }
    }
}

/// Appends audit_log entries inside a write's transaction (`PostgresDatabase.write`), each sealed to the entry
/// before it as on SQLite (`AuditSeal`), with the same before/after text.
public struct PostgresAuditWriter: Sendable {
    let connection: PostgresConnection
    public let actor: String
    /// The write's time as the log keeps it: `YYYY-MM-DDTHH:MM:SS+08:00`.
    public let at: String

    public func record(_ action: AuditAction, table: String, id: Int64?, before: AuditFields? = nil,
                       after: AuditFields? = nil, reason: String? = nil) async throws {
        var head: (id: Int64, hash: String)?
        for try await (id, hash) in try await connection.query(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", logger: PostgresDatabase.logger
        ).decode((Int64, String?).self) {
            head = (id, hash ?? AuditSeal.origin)
        }
        let entry = AuditSeal.Entry(id: (head?.id ?? 0) + 1, at: at, actor: actor, action: action.rawValue,
                                    table: table, recordID: id, before: before?.json, after: after?.json, reason: reason)
        let hash = AuditSeal.hash(previous: head?.hash ?? AuditSeal.origin, entry)
        try await connection.query("""
            INSERT INTO audit_log (id, at, actor, action, table_name, record_id, before, after, reason, hash)
            VALUES (\(entry.id), \(entry.at)::timestamptz, \(entry.actor), \(entry.action), \(entry.table),
                    \(entry.recordID), \(entry.before), \(entry.after), \(entry.reason), \(hash))
            """, logger: PostgresDatabase.logger)
    }
}

/// This process's record writes, one at a time, before each takes a connection (`PostgresDatabase.write`).
actor WriteQueue {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        guard busy else { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
