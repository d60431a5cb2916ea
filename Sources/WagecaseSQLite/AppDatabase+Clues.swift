import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Writes

extension AppDatabase {
    /// Records a clue. What a claim about arrears already on record becomes — refused, merged into the open clue,
    /// a second clue, or a new clue following a rejected or referred one — is `ClueIntake`'s decision, the same as
    /// for an imported row.
    public func addClue(_ input: NewClue, actor: String) throws -> ClueAddResult {
        let today = self.today
        return try write(actor: actor) { db, audit in try Self.intakeClue(db, audit: audit, input, today: today) }
    }

    /// The clue intake every entry point shares (the CLI, the API, the pages, an accepted data-matching lead):
    /// the employer, project and workers found, the duplicate rules decided, the clue created or merged.
    static func intakeClue(_ db: Database, audit: AuditWriter, _ input: NewClue, today: LocalDate) throws -> ClueAddResult {
        let employer = try Self.fetchEmployer(db, input.employer)
        let project = try input.project.map { try Self.fetchProject(db, $0, employerID: employer.id) }
        try ClueWritten.checkProject(input.project, ofEmployer: project.map { ($0.employerID, $0.employerName) },
                                     employer: (employer.id, employer.name))
        var claims: [ClueIntake.Claim] = []
        var found: [(name: String, idNumber: String)] = []
        claims.reserveCapacity(input.claims.count)
        let findWorker = try db.cachedStatement(sql: "SELECT id, name, id_number FROM worker WHERE id_number = ?")
        for claim in input.claims {
            // The row is read where it lies, while its cursor lives (no copy, columns by position).
            let cursor = try Row.fetchCursor(findWorker, arguments: [claim.idNumber.value])
            try withExtendedLifetime(cursor) {
                guard let row = try cursor.next() else {
                    throw WagecaseError.notFound(entity: "worker with ID number", key: claim.idNumber.masked)
                }
                claims.append(ClueIntake.Claim(workerID: try row.decode(atIndex: 0), claimed: claim.claimed,
                                               label: claim.idNumber.masked))
                found.append((try row.decode(atIndex: 1), try row.decode(atIndex: 2)))
            }
        }
        let workerIDs = claims.map(\.workerID)
        let matches = try Self.sameArrears(db, employerID: employer.id, projectID: project?.id, workerIDs: workerIDs)
        let decision = try ClueIntake.decide(
            source: input.source, received: input.received, claims: claims, today: today,
            policy: input.onDuplicate, amountStands: input.amountStands, open: matches.open, closed: matches.closed)
        switch decision {
        case .known(let clueID):
            return ClueAddResult(clue: try Self.fetchClue(db, id: clueID), mergedInto: clueID, addedWorkers: 0)
        case let .merge(clueID, addsChannel, newWorkers, changedAmounts):
            try Self.applyMerge(db, audit: audit, clueID: clueID, source: input.source, received: input.received,
                                claims: claims, addsChannel: addsChannel, newWorkers: newWorkers,
                                changedAmounts: changedAmounts, reason: "merged a clue on the same arrears")
            return ClueAddResult(clue: try Self.fetchClue(db, id: clueID), mergedInto: clueID,
                                 addedWorkers: newWorkers.count)
        case .create(let follows):
            let clueID = try Self.insertClue(
                db, audit: audit, source: input.source, received: input.received, employerID: employer.id,
                projectID: project?.id, summary: input.summary, follows: follows,
                workers: ClueWritten.workersField(claims), reason: nil)
            let insertWorker = try db.cachedStatement(
                sql: "INSERT INTO clue_worker (clue_id, worker_id, claimed_fen) VALUES (?, ?, ?)")
            for claim in claims {
                try insertWorker.execute(arguments: [clueID, claim.workerID, claim.claimed.value])
            }
            // The clue as written, without reading it back (what `fetchClue` would assemble: a test holds the two
            // equal).
            let clue = ClueWritten.created(id: clueID, input: input, employer: (employer.id, employer.name),
                                           project: project.map { ($0.id, $0.name) }, claims: claims, found: found,
                                           follows: follows, at: audit.at)
            return ClueAddResult(clue: clue, mergedInto: nil, addedWorkers: 0)
        }
    }

    /// Inserts a clue and its first channel, audited.
    static func insertClue(_ db: Database, audit: AuditWriter, source: ClueSource, received: LocalDate,
                           employerID: Int64, projectID: Int64?, summary: String?, follows: Int64?,
                           workers: String?, reason: String?) throws -> Int64 {
        try db.execute(cached: """
                INSERT INTO clue (source, received_on, employer_id, project_id, summary, status, follows_clue_id,
                                  created_at)
                VALUES (?, ?, ?, ?, ?, 'new', ?, ?)
                """,
            arguments: [source.rawValue, received.iso, employerID, projectID, summary, follows, audit.at])
        let clueID = db.lastInsertedRowID
        try db.execute(cached: "INSERT INTO clue_channel (clue_id, source, received_on) VALUES (?, ?, ?)",
                       arguments: [clueID, source.rawValue, received.iso])
        try audit.record(.insert, table: "clue", id: clueID, after: ClueWritten.insertFields(
            source: source, received: received, employerID: employerID, projectID: projectID, summary: summary,
            follows: follows, workers: workers), reason: reason)
        return clueID
    }

    /// Applies a merge decision: the new channel, the workers the clue did not name, the amounts that change
    /// (each audited with what it was).
    static func applyMerge(_ db: Database, audit: AuditWriter, clueID: Int64, source: ClueSource, received: LocalDate,
                           claims: [ClueIntake.Claim], addsChannel: Bool, newWorkers: [Int], changedAmounts: [Int],
                           reason: String) throws {
        let existing = try fetchClue(db, id: clueID)
        if addsChannel {
            try db.execute(cached: "INSERT INTO clue_channel (clue_id, source, received_on) VALUES (?, ?, ?)",
                           arguments: [clueID, source.rawValue, received.iso])
        }
        for index in newWorkers {
            try db.execute(cached: "INSERT INTO clue_worker (clue_id, worker_id, claimed_fen) VALUES (?, ?, ?)",
                           arguments: [clueID, claims[index].workerID, claims[index].claimed.value])
        }
        for (claim, before, after) in ClueWritten.amountChanges(existing: existing, claims: claims,
                                                                changedAmounts: changedAmounts) {
            try db.execute(cached: "UPDATE clue_worker SET claimed_fen = ? WHERE clue_id = ? AND worker_id = ?",
                           arguments: [claim.claimed.value, clueID, claim.workerID])
            try audit.record(.update, table: "clue_worker", id: clueID, before: before, after: after,
                             reason: ClueWritten.amountStandsReason)
        }
        if addsChannel || !newWorkers.isEmpty {
            let fields = ClueWritten.mergeFields(
                existing: existing, adding: addsChannel ? ClueChannel(source: source, received: received) : nil,
                newWorkers: newWorkers.count)
            try audit.record(.update, table: "clue", id: clueID, before: fields.before, after: fields.after, reason: reason)
        }
    }

    /// `expect` runs inside the transaction on the current record (the HTTP service checks If-Match there).
    public func screenClue(_ id: Int64, actor: String, expect: (Clue) throws -> Void = { _ in }) throws -> Clue {
        try changeClueStatus(id, to: .screening, reason: nil, actor: actor, expect: expect)
    }

    public func rejectClue(_ id: Int64, reason: String, actor: String,
                           expect: (Clue) throws -> Void = { _ in }) throws -> Clue {
        let reason = try TextField.required(reason, field: "reason", maxLength: 2000)
        return try changeClueStatus(id, to: .rejected, reason: reason, actor: actor, expect: expect)
    }

    public func referClue(_ id: Int64, to agency: String, actor: String,
                          expect: (Clue) throws -> Void = { _ in }) throws -> Clue {
        let agency = try TextField.required(agency, field: "to", maxLength: 200)
        return try changeClueStatus(id, to: .referred, reason: agency, actor: actor, expect: expect)
    }

    private func changeClueStatus(_ id: Int64, to status: ClueStatus, reason: String?, actor: String,
                                  expect: (Clue) throws -> Void) throws -> Clue {
        try write(actor: actor) { db, audit in
            let clue = try Self.fetchClue(db, id: id)
            try expect(clue)
            try ClueStatusRules.check(clue, to: status)
            try db.execute(cached: "UPDATE clue SET status = ?, status_reason = ? WHERE id = ?",
                           arguments: [status.rawValue, reason, id])
            try audit.record(.update, table: "clue", id: id,
                             before: ["status": clue.status.rawValue, "status_reason": clue.statusReason],
                             after: ["status": status.rawValue, "status_reason": reason])
            return try Self.fetchClue(db, id: id)
        }
    }

    /// The clues about the same arrears (the same employer and project naming one of the workers): the oldest
    /// not rejected or referred, and the newest that is.
    static func sameArrears(_ db: Database, employerID: Int64, projectID: Int64?,
                            workerIDs: [Int64]) throws -> (open: Clue?, closed: Clue?) {
        var arguments = StatementArguments(workerIDs)
        arguments += [employerID, projectID]
        // One worker (every imported row): the same SQL each time, so the statement cache finds it at once.
        let workers = workerIDs.count == 1 ? "= ?"
            : "IN (" + Array(repeating: "?", count: workerIDs.count).joined(separator: ",") + ")"
        // CROSS JOIN keeps SQLite starting from the worker index: a worker has few clues, an employer many.
        let statement = try db.cachedStatement(sql: """
                SELECT l.id, l.status IN ('rejected', 'referred') FROM clue_worker cw
                CROSS JOIN clue l ON l.id = cw.clue_id
                WHERE cw.worker_id \(workers) AND l.employer_id = ? AND l.project_id IS ?
                ORDER BY l.id
                """)
        try statement.setArguments(arguments)
        var open: Int64?, closed: Int64?
        let cursor = try Row.fetchCursor(statement)
        while let row = try cursor.next() {
            let id: Int64 = try row.decode(atIndex: 0)
            let decided: Bool = try row.decode(atIndex: 1)
            if decided { closed = id } else if open == nil { open = id }
        }
        return (try open.map { try fetchClue(db, id: $0) }, try closed.map { try fetchClue(db, id: $0) })
    }
}

// MARK: - Reads

extension AppDatabase {
    public func clue(_ id: Int64) throws -> Clue {
        try read { db in try Self.fetchClue(db, id: id) }
    }

    public func clues(_ filter: ClueFilter = ClueFilter()) throws -> [Clue] {
        try read { db in
            let employerID = try filter.employer.map { try Self.fetchEmployer(db, $0).id }
            // A worker's few clues come from the worker index; the other filters then apply to those.
            let rows = try Row.fetchAll(db, cached: """
                    \(Self.clueSelection)
                    WHERE \(filter.workerID == nil ? "" : "l.id IN (SELECT clue_id FROM clue_worker WHERE worker_id = ?) AND ")l.id > ? AND (? IS NULL OR l.status = ?) AND (? IS NULL OR l.source = ?)
                      AND (? IS NULL OR l.employer_id = ?) AND l.received_on BETWEEN ? AND ?
                    ORDER BY l.id LIMIT ?
                    """,
                arguments: StatementArguments(filter.workerID.map { [$0] } ?? []) + [filter.afterID, filter.status?.rawValue, filter.status?.rawValue,
                            filter.source?.rawValue, filter.source?.rawValue, employerID, employerID,
                            filter.range?.lowerBound ?? "0000", filter.range?.upperBound ?? "9999", filter.limit])
            return try Self.assembleClues(db, rows: rows)
        }
    }

    static func fetchClue(_ db: Database, id: Int64) throws -> Clue {
        let rows = try Row.fetchAll(db, cached: "\(clueSelection) WHERE l.id = ?", arguments: [id])
        guard let clue = try assembleClues(db, rows: rows).first else {
            throw WagecaseError.notFound(entity: "clue", key: "#\(id)")
        }
        return clue
    }

    static let clueSelection = """
        SELECT l.*, e.name AS employer_name, p.name AS project_name
        FROM clue l JOIN employer e ON e.id = l.employer_id LEFT JOIN project p ON p.id = l.project_id
        """

    /// Builds clues from their rows with two more queries in all (workers, channels), not two per clue.
    static func assembleClues(_ db: Database, rows: [Row]) throws -> [Clue] {
        guard !rows.isEmpty else { return [] }
        let ids: [Int64] = rows.map { $0["id"] }
        // One JSON array argument keeps a single cached statement for any page size.
        let idList = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var workers: [Int64: [ClueWorker]] = [:]
        for row in try Row.fetchAll(
            db,
            cached: """
                SELECT cw.clue_id, cw.worker_id, w.name, w.id_number, cw.claimed_fen
                FROM clue_worker cw JOIN worker w ON w.id = cw.worker_id
                WHERE cw.clue_id IN (SELECT value FROM json_each(?)) ORDER BY cw.clue_id, w.id
                """,
            arguments: [idList]) {
            workers[(try row.decode(forColumn: "clue_id")), default: []].append(
                ClueWorker(workerID: (try row.decode(forColumn: "worker_id")), name: (try row.decode(forColumn: "name")), idNumber: (try row.decode(forColumn: "id_number")),
                           claimed: try row.fen("claimed_fen")))
        }
        var channels: [Int64: [ClueChannel]] = [:]
        for row in try Row.fetchAll(
            db,
            cached: """
                SELECT clue_id, source, received_on FROM clue_channel
                WHERE clue_id IN (SELECT value FROM json_each(?)) ORDER BY clue_id, received_on, source
                """,
            arguments: [idList]) {
            channels[(try row.decode(forColumn: "clue_id")), default: []].append(
                ClueChannel(source: try row.vocabulary("source"), received: try row.date("received_on")))
        }
        return try rows.map { row in
            let id: Int64 = (try row.decode(forColumn: "id"))
            return Clue(id: id, source: try row.vocabulary("source"), received: try row.date("received_on"),
                        employerID: (try row.decode(forColumn: "employer_id")), employerName: (try row.decode(forColumn: "employer_name")),
                        projectID: (try row.decode(forColumn: "project_id")), projectName: (try row.decode(forColumn: "project_name")), summary: (try row.decode(forColumn: "summary")),
                        status: try row.vocabulary("status"), statusReason: (try row.decode(forColumn: "status_reason")),
                        createdAt: (try row.decode(forColumn: "created_at")), workers: workers[id] ?? [], channels: channels[id] ?? [],
                        followsClueID: (try row.decode(forColumn: "follows_clue_id")))
        }
    }
}

// MARK: - Arrears on record

extension AppDatabase {
    /// The clues already about arrears of these workers with this employer and project — the open one a new claim
    /// would merge into, the decided (rejected or referred) one it would follow — for a warning before intake.
    /// Unknown employers, projects and workers match nothing.
    public func arrearsOnRecord(employer: EmployerReference, project: ProjectReference?, idNumbers: [ResidentID]) throws
        -> (open: Clue?, closed: Clue?) {
        try read { db in
            guard let employer = try? Self.fetchEmployer(db, employer) else { return (nil, nil) }
            var projectID: Int64?
            if let project {
                guard let found = try? Self.fetchProject(db, project, employerID: employer.id),
                      found.employerID == employer.id else { return (nil, nil) }
                projectID = found.id
            }
            let workers = try idNumbers.compactMap {
                try Int64.fetchOne(db, cached: "SELECT id FROM worker WHERE id_number = ?", arguments: [$0.value])
            }
            guard !workers.isEmpty else { return (nil, nil) }
            return try Self.sameArrears(db, employerID: employer.id, projectID: projectID, workerIDs: workers)
        }
    }
}
