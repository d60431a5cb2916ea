import PostgresNIO

extension PostgresDatabase {
    /// Runs `body` in a REPEATABLE READ, READ ONLY transaction (`readOnly`) with, when the pool can spare one, a
    /// second connection whose transaction reads the same state of the database (the first's exported snapshot,
    /// as pg_dump's parallel jobs share one), so a report reads two independent parts at once: the server works
    /// on one while this process decodes the other's rows. `other` is nil when no second connection is taken.
    ///
    /// A transaction holding one connection and waiting for another could, many at once, hold the whole pool and
    /// wait for ever; so at most `poolSize - 1` transactions here take a second connection, and the rest read on
    /// their one (the same figures, one after the other).
    public func readOnlySharingSnapshot<T: Sendable>(
        _ body: (_ connection: PostgresConnection, _ other: PostgresConnection?) async throws -> T) async throws -> T {
        try await readOnly { connection in
            guard await secondConnections.enter() else { return try await body(connection, nil) }
            do {
                let result = try await withSecondConnection(sharing: connection) { other in try await body(connection, other) }
                await secondConnections.leave()
                return result
            } catch {
                await secondConnections.leave()
                throw error
            }
        }
    }

    private func withSecondConnection<T: Sendable>(
        sharing connection: PostgresConnection, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        var exported: String?
        for try await (name) in try await connection.query("SELECT pg_export_snapshot()", logger: Self.logger)
            .decode(String.self) { exported = name }
        // The snapshot's name is the server's (hex digits and dashes); anything else is not written into SQL.
        guard let snapshot = exported, !snapshot.isEmpty,
              snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw UnexpectedSnapshotName() }
        return try await inTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { other in
            // Taking the snapshot must be the transaction's first statement.
            try await other.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"), logger: Self.logger)
            try await other.query("SET LOCAL work_mem = '64MB'", logger: Self.logger)
            return try await body(other)
        }
    }

    struct UnexpectedSnapshotName: Error, CustomStringConvertible {
        var description: String { "the server exported a snapshot under a name that is not hex digits and dashes" }
    }
}

/// How many read transactions of one process hold a second connection (`readOnlySharingSnapshot`).
actor SecondConnections {
    private let limit: Int
    private var taken = 0

    init(poolSize: Int) { limit = max(0, poolSize - 1) }

    /// Whether a second connection may be taken now (never waits).
    func enter() -> Bool {
        guard taken < limit else { return false }
        taken += 1
        return true
    }

    func leave() { taken -= 1 }
}
