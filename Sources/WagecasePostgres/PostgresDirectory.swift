import PostgresNIO
import WagecaseCore

/// The workers and employers on record, read as the SQLite store reads them: by id, or listed in id order after a
/// cursor with an optional part of the name. Values come back as stored (masking is the caller's, by role).
extension PostgresDatabase {
    /// A worker by record id only (never by ID number: a reader who may not see the number must not test it).
    public func worker(id: Int64) async throws -> Worker {
        try await autocommit { connection in
            var binds = PostgresBindings()
            binds.append(id)
            let workers = try await Self.fetchWorkers(where: "id = $1", binds: binds, on: connection)
            guard let worker = workers.first else { throw WagecaseError.notFound(entity: "worker", key: "#\(id)") }
            return worker
        }
    }

    /// Workers in id order after `afterID`, those whose name contains `nameContains` if given; a negative limit
    /// lists them all (as SQLite's `LIMIT -1`).
    public func workers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Worker] {
        try await autocommit { connection in
            try await Self.fetchWorkers(where: "id > $1 AND ($2::text IS NULL OR strpos(name, $2) > 0) ORDER BY id LIMIT $3",
                                        binds: Self.listBinds(afterID: afterID, nameContains: nameContains, limit: limit),
                                        on: connection)
        }
    }

    /// Employers in id order after `afterID`, those whose name contains `nameContains` if given.
    public func employers(nameContains: String?, limit: Int, afterID: Int64) async throws -> [Employer] {
        try await autocommit { connection in
            let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT id, name, credit_code, credit_code_override_reason, kind, \(PostgresText.timestamp("created_at"))
                FROM employer WHERE id > $1 AND ($2::text IS NULL OR strpos(name, $2) > 0) ORDER BY id LIMIT $3
                """, binds: Self.listBinds(afterID: afterID, nameContains: nameContains, limit: limit)), logger: Self.logger)
            var employers: [Employer] = []
            for try await row in rows {
                let cells = PostgresCells(row)
                employers.append(Employer(
                    id: try cells.integer(0, "id"), name: try cells.text(1, "name"), creditCode: try cells.text(2, "credit_code"),
                    creditCodeOverrideReason: try cells.optionalText(3), kind: try cells.vocabulary(4, "kind"),
                    createdAt: try cells.text(5, "created_at")))
            }
            return employers
        }
    }

    /// A list's cursor, name filter and limit as $1…$3. PostgreSQL refuses a negative LIMIT where SQLite reads it
    /// as none; NULL is PostgreSQL's none.
    private static func listBinds(afterID: Int64, nameContains: String?, limit: Int) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(afterID)
        binds.append(nameContains)
        binds.append(limit < 0 ? nil : Int64(limit))
        return binds
    }

    private static func fetchWorkers(where condition: String, binds: PostgresBindings,
                                     on connection: PostgresConnection) async throws -> [Worker] {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT id, name, id_number, id_number_override_reason, phone, bank_card, hometown,
                   \(PostgresText.timestamp("created_at"))
            FROM worker WHERE \(condition)
            """, binds: binds), logger: Self.logger)
        var workers: [Worker] = []
        for try await row in rows {
            let cells = PostgresCells(row)
            workers.append(Worker(
                id: try cells.integer(0, "id"), name: try cells.text(1, "name"), idNumber: try cells.text(2, "id_number"),
                idNumberOverrideReason: try cells.optionalText(3), phone: try cells.optionalText(4),
                bankCard: try cells.optionalText(5), hometown: try cells.optionalText(6),
                createdAt: try cells.text(7, "created_at")))
        }
        return workers
    }
}
