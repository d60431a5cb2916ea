import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// Clue intake on PostgreSQL: the employer, project and workers found, `ClueIntake`'s decision on arrears already
/// on record, the clue created or merged — the SQLite store's statements, refusals and audit entries, as one
/// record write (`write`: writers take turns, so the same claim posted to two processes at once is decided once).
extension PostgresDatabase {
    public func addClue(_ input: NewClue, actor: String, now: Date = Date()) async throws -> ClueAddResult {
        let today = LocalDate.today(now: now)
        return try await write(actor: actor, now: now) { connection, audit in
            try await Self.intakeClue(input, today: today, on: connection, audit: audit)
        }
    }

    public func clue(_ id: Int64) async throws -> Clue {
        try await autocommit { connection in try await Self.fetchClue(id: id, on: connection) }
    }

    static func intakeClue(_ input: NewClue, today: LocalDate, on connection: PostgresConnection,
                           audit: PostgresAuditWriter) async throws -> ClueAddResult {
        let employer = try await fetchEmployer(input.employer, on: connection)
        var project: ProjectOfClue?
        if let reference = input.project { project = try await projectOfClue(reference, employerID: employer.id, on: connection) }
        try ClueWritten.checkProject(input.project, ofEmployer: project.map { ($0.employerID, $0.employerName) },
                                     employer: (employer.id, employer.name))
        var claims: [ClueIntake.Claim] = []
        var found: [(name: String, idNumber: String)] = []
        for claim in input.claims {
            var worker: (Int64, String, String)?
            for try await row in try await connection.query(
                "SELECT id, name, id_number FROM worker WHERE id_number = \(claim.idNumber.value)", logger: logger
            ).decode((Int64, String, String).self) { worker = row }
            guard let (id, name, idNumber) = worker else {
                throw WagecaseError.notFound(entity: "worker with ID number", key: claim.idNumber.masked)
            }
            claims.append(ClueIntake.Claim(workerID: id, claimed: claim.claimed, label: claim.idNumber.masked))
            found.append((name, idNumber))
        }
        let matches = try await sameArrears(employerID: employer.id, projectID: project?.id,
                                            workerIDs: claims.map(\.workerID), on: connection)
        let decision = try ClueIntake.decide(
            source: input.source, received: input.received, claims: claims, today: today,
            policy: input.onDuplicate, amountStands: input.amountStands, open: matches.open, closed: matches.closed)
        switch decision {
        case .known(let clueID):
            return ClueAddResult(clue: try await fetchClue(id: clueID, on: connection), mergedInto: clueID, addedWorkers: 0)
        case let .merge(clueID, addsChannel, newWorkers, changedAmounts):
            try await applyMerge(clueID: clueID, source: input.source, received: input.received, claims: claims,
                                 addsChannel: addsChannel, newWorkers: newWorkers, changedAmounts: changedAmounts,
                                 reason: "merged a clue on the same arrears", on: connection, audit: audit)
            return ClueAddResult(clue: try await fetchClue(id: clueID, on: connection), mergedInto: clueID,
                                 addedWorkers: newWorkers.count)
        case .create(let follows):
            let clueID = try await insertClue(
                source: input.source, received: input.received, employerID: employer.id, projectID: project?.id,
                summary: input.summary, follows: follows,
                workers: ClueWritten.workersField(claims), reason: nil,
                on: connection, audit: audit)
            for claim in claims {
                try await connection.query("""
                    INSERT INTO clue_worker (clue_id, worker_id, claimed_fen)
                    VALUES (\(clueID), \(claim.workerID), \(claim.claimed.value))
                    """, logger: logger)
            }
            // The clue as written, as the file's store returns it without reading it back.
            let clue = ClueWritten.created(id: clueID, input: input, employer: (employer.id, employer.name),
                                           project: project.map { ($0.id, $0.name) }, claims: claims, found: found,
                                           follows: follows, at: audit.at)
            return ClueAddResult(clue: clue, mergedInto: nil, addedWorkers: 0)
        }
    }

    /// Inserts a clue and its first channel, audited.
    static func insertClue(source: ClueSource, received: LocalDate, employerID: Int64, projectID: Int64?,
                           summary: String?, follows: Int64?, workers: String?, reason: String?,
                           on connection: PostgresConnection, audit: PostgresAuditWriter) async throws -> Int64 {
        var clueID: Int64 = 0
        for try await id in try await connection.query("""
            INSERT INTO clue (source, received_on, employer_id, project_id, summary, status, follows_clue_id, created_at)
            VALUES (\(source.rawValue), \(received.iso)::date, \(employerID), \(projectID), \(summary), 'new', \(follows),
                    \(audit.at)::timestamptz)
            RETURNING id
            """, logger: logger).decode(Int64.self) { clueID = id }
        try await connection.query("""
            INSERT INTO clue_channel (clue_id, source, received_on) VALUES (\(clueID), \(source.rawValue), \(received.iso)::date)
            """, logger: logger)
        try await audit.record(.insert, table: "clue", id: clueID, after: ClueWritten.insertFields(
            source: source, received: received, employerID: employerID, projectID: projectID, summary: summary,
            follows: follows, workers: workers), reason: reason)
        return clueID
    }

    /// Applies a merge decision: the new channel, the workers the clue did not name, the amounts that change
    /// (each audited with what it was).
    static func applyMerge(clueID: Int64, source: ClueSource, received: LocalDate, claims: [ClueIntake.Claim],
                           addsChannel: Bool, newWorkers: [Int], changedAmounts: [Int], reason: String,
                           on connection: PostgresConnection, audit: PostgresAuditWriter) async throws {
        let existing = try await fetchClue(id: clueID, on: connection)
        if addsChannel {
            try await connection.query("""
                INSERT INTO clue_channel (clue_id, source, received_on) VALUES (\(clueID), \(source.rawValue), \(received.iso)::date)
                """, logger: logger)
        }
        for index in newWorkers {
            try await connection.query("""
                INSERT INTO clue_worker (clue_id, worker_id, claimed_fen)
                VALUES (\(clueID), \(claims[index].workerID), \(claims[index].claimed.value))
                """, logger: logger)
        }
        for (claim, before, after) in ClueWritten.amountChanges(existing: existing, claims: claims,
                                                                changedAmounts: changedAmounts) {
            try await connection.query("""
                UPDATE clue_worker SET claimed_fen = \(claim.claimed.value)
                WHERE clue_id = \(clueID) AND worker_id = \(claim.workerID)
                """, logger: logger)
            try await audit.record(.update, table: "clue_worker", id: clueID, before: before, after: after,
                                   reason: ClueWritten.amountStandsReason)
        }
        if addsChannel || !newWorkers.isEmpty {
            let fields = ClueWritten.mergeFields(
                existing: existing, adding: addsChannel ? ClueChannel(source: source, received: received) : nil,
                newWorkers: newWorkers.count)
            try await audit.record(.update, table: "clue", id: clueID, before: fields.before, after: fields.after,
                                   reason: reason)
        }
    }

    /// The clues of these workers with this employer and project: the first open one, and the last decided
    /// (rejected or referred) one, by id.
    static func sameArrears(employerID: Int64, projectID: Int64?, workerIDs: [Int64],
                            on connection: PostgresConnection) async throws -> (open: Clue?, closed: Clue?) {
        var open: Int64?, closed: Int64?
        for try await (id, decided) in try await connection.query("""
            SELECT l.id, l.status IN ('rejected', 'referred') FROM clue_worker cw JOIN clue l ON l.id = cw.clue_id
            WHERE cw.worker_id = ANY(\(workerIDs)) AND l.employer_id = \(employerID)
              AND l.project_id IS NOT DISTINCT FROM \(projectID)
            ORDER BY l.id
            """, logger: logger).decode((Int64, Bool).self) {
            if decided { closed = id } else if open == nil { open = id }
        }
        var openClue: Clue?, closedClue: Clue?
        if let open { openClue = try await fetchClue(id: open, on: connection) }
        if let closed { closedClue = try await fetchClue(id: closed, on: connection) }
        return (openClue, closedClue)
    }

    /// What intake needs of a project: its id, name and employer.
    struct ProjectOfClue {
        var id: Int64, name: String, employerID: Int64, employerName: String
    }

    /// A project by id, or by name (of `employerID` when given; a name several employers' projects share is
    /// refused, asking for the id) — the SQLite store's `fetchProject`.
    static func projectOfClue(_ reference: ProjectReference, employerID: Int64?,
                              on connection: PostgresConnection) async throws -> ProjectOfClue {
        let condition: PostgresQuery = switch reference {
        case .id(let id): "p.id = \(id)"
        case .name(let name): "p.name = \(name) AND (\(employerID)::bigint IS NULL OR p.employer_id = \(employerID)::bigint)"
        }
        var found: [ProjectOfClue] = []
        let sql = """
            SELECT p.id, p.name, p.employer_id, e.name FROM project p JOIN employer e ON e.id = p.employer_id
            WHERE \(condition.sql) ORDER BY p.id LIMIT 2
            """
        for try await (id, name, employer, employerName) in try await connection.query(
            PostgresQuery(unsafeSQL: sql, binds: condition.binds), logger: logger
        ).decode((Int64, String, Int64, String).self) {
            found.append(ProjectOfClue(id: id, name: name, employerID: employer, employerName: employerName))
        }
        if case .name(let name) = reference, found.count > 1 {
            throw WagecaseError.invalidField(field: "project", value: name, reason: "names projects of more than one employer",
                                             allowed: "the project's id")
        }
        guard let project = found.first else { throw WagecaseError.notFound(entity: "project", key: reference.description) }
        return project
    }

    static func fetchClue(id: Int64, on connection: PostgresConnection) async throws -> Clue {
        guard let clue = try await assembleClues(where: "l.id = $1", [id], on: connection).first else {
            throw WagecaseError.notFound(entity: "clue", key: "#\(id)")
        }
        return clue
    }

    /// Clues matching `condition` (values in `values`, $1…), by id, each with its workers (by worker id) and its
    /// channels (by date, then source): three statements in all, as on the file.
    static func assembleClues(where condition: String, _ values: [Int64],
                              on connection: PostgresConnection) async throws -> [Clue] {
        var binds = PostgresBindings()
        for value in values { binds.append(value) }
        struct Row { var id: Int64, source: String, received: String, employerID: Int64, employerName: String
                     var projectID: Int64?, projectName: String?, summary: String?, status: String
                     var statusReason: String?, createdAt: String, follows: Int64? }
        var rows: [Row] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: """
            SELECT l.id, l.source, l.received_on::text, l.employer_id, e.name, l.project_id, p.name, l.summary, l.status,
                   l.status_reason, \(PostgresText.timestamp("l.created_at")), l.follows_clue_id
            FROM clue l JOIN employer e ON e.id = l.employer_id LEFT JOIN project p ON p.id = l.project_id
            WHERE \(condition) ORDER BY l.id
            """, binds: binds), logger: logger) {
            let c = PostgresCells(row)
            rows.append(Row(id: try c.integer(0, "id"), source: try c.text(1, "source"), received: try c.text(2, "received_on"),
                            employerID: try c.integer(3, "employer_id"), employerName: try c.text(4, "employer_name"),
                            projectID: try c.optionalInteger(5), projectName: try c.optionalText(6),
                            summary: try c.optionalText(7), status: try c.text(8, "status"),
                            statusReason: try c.optionalText(9), createdAt: try c.text(10, "created_at"),
                            follows: try c.optionalInteger(11)))
        }
        guard !rows.isEmpty else { return [] }
        let ids = rows.map(\.id)
        var workers: [Int64: [ClueWorker]] = [:]
        for try await row in try await connection.query("""
            SELECT cw.clue_id, cw.worker_id, w.name, w.id_number, cw.claimed_fen
            FROM clue_worker cw JOIN worker w ON w.id = cw.worker_id
            WHERE cw.clue_id = ANY(\(ids)) ORDER BY cw.clue_id, w.id
            """, logger: logger) {
            let c = PostgresCells(row)
            workers[try c.integer(0, "clue_id"), default: []].append(
                ClueWorker(workerID: try c.integer(1, "worker_id"), name: try c.text(2, "name"),
                           idNumber: try c.text(3, "id_number"), claimed: Fen(try c.integer(4, "claimed_fen"))))
        }
        var channels: [Int64: [ClueChannel]] = [:]
        for try await row in try await connection.query("""
            SELECT clue_id, source, received_on::text FROM clue_channel
            WHERE clue_id = ANY(\(ids)) ORDER BY clue_id, received_on, source COLLATE "C"
            """, logger: logger) {
            let c = PostgresCells(row)
            channels[try c.integer(0, "clue_id"), default: []].append(
                ClueChannel(source: try c.vocabulary(1, "source"), received: try c.date(2, "received_on")))
        }
        return try rows.map { row in
            Clue(id: row.id, source: try PostgresStatistics.vocabulary(row.source, "source"),
                 received: try PostgresStatistics.date(row.received, "received_on"), employerID: row.employerID,
                 employerName: row.employerName, projectID: row.projectID, projectName: row.projectName,
                 summary: row.summary, status: try PostgresStatistics.vocabulary(row.status, "status"),
                 statusReason: row.statusReason, createdAt: row.createdAt, workers: workers[row.id] ?? [],
                 channels: channels[row.id] ?? [], followsClueID: row.follows)
        }
    }
}
