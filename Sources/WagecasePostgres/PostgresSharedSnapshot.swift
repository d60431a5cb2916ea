import PostgresNIO

extension PostgresDatabase {
    /// Runs `body` in a REPEATABLE READ, READ ONLY transaction (`readOnly`), with, when `sharing` and the process
    /// may, the transaction's snapshot exported (`pg_export_snapshot`, which a hot standby allows too) for a part
    /// of the report to read on a second connection at the same time (`SharedSnapshot.read`), as pg_dump's parallel
    /// jobs share one: the server works on one part while this process decodes the other's rows.
    ///
    /// A transaction holding one connection and waiting for another could, many at once, hold every connection of
    /// the pool and wait for ever; so at most `poolSize - 1` transactions of a process may share their snapshot
    /// at once (the others get nil and read everything on their one). Size the server's `max_connections` for
    /// every process's `pool_size`, or a second connection waits for one the server will not open.
    public func readOnly<T: Sendable>(sharing: Bool,
                                      _ body: (PostgresConnection, SharedSnapshot?) async throws -> T) async throws -> T {
        try await readOnly { connection in
            guard sharing, await secondConnections.enter() else { return try await body(connection, nil) }
            do {
                let result = try await body(connection, try await SharedSnapshot.export(connection, database: self))
                await secondConnections.leave()
                return result
            } catch {
                await secondConnections.leave()
                throw error
            }
        }
    }
}

/// A read transaction's snapshot, exported for a second connection of the pool to read the same state of the
/// database while the transaction lasts.
public struct SharedSnapshot: Sendable {
    let name: String
    let database: PostgresDatabase

    static func export(_ connection: PostgresConnection, database: PostgresDatabase) async throws -> SharedSnapshot {
        var exported: String?
        for try await name in try await connection.query("SELECT pg_export_snapshot()", logger: PostgresDatabase.logger)
            .decode(String.self) { exported = name }
        // The name is the server's (hex digits and dashes); anything else is not written into SQL.
        guard let name = exported, !name.isEmpty, name.allSatisfy({ $0.isHexDigit || $0 == "-" })
        else { throw UnexpectedSnapshotName() }
        return SharedSnapshot(name: name, database: database)
    }

    /// Runs `body` on a second connection in a READ ONLY transaction of this snapshot, for as long as `body` runs.
    /// It waits at most a second for a table's lock: a lock it would wait for longer is one a schema change
    /// (or `VACUUM FULL`) asks for, queued behind the first transaction, which waits for this one — a wait the
    /// server cannot see. It is then refused (`Busy`), and the caller reads on its first connection.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await database.inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { other in
                // Taking the snapshot must be the transaction's first statement.
                try await other.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(name)'"),
                                      logger: PostgresDatabase.logger)
                try await other.query("SET LOCAL lock_timeout = '1s'", logger: PostgresDatabase.logger)
                try await other.query("SET LOCAL work_mem = '64MB'", logger: PostgresDatabase.logger)
                return try await body(other)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55P03" {
            throw Busy()
        }
    }

    /// The second connection waited too long for a table's lock.
    struct Busy: Error {}

    struct UnexpectedSnapshotName: Error, CustomStringConvertible {
        var description: String { "the server exported a snapshot under a name that is not hex digits and dashes" }
    }
}

/// How many read transactions of one process may share their snapshot with a second connection now.
actor SecondConnections {
    private let limit: Int
    private var taken = 0

    init(poolSize: Int) { limit = max(0, poolSize - 1) }

    /// Whether one more may (never waits).
    func enter() -> Bool {
        guard taken < limit else { return false }
        taken += 1
        return true
    }

    func leave() { taken -= 1 }
}
