import GRDB
import WagecaseCore

/// What adding a clue did: created a new one, or recorded the new channel on an existing one.
public struct ClueAddResult: Sendable {
    public var clue: Clue
    /// Nil when a new clue was created; otherwise the existing clue it was merged into.
    public var mergedInto: Int64?
    /// Workers the merge added to the existing clue.
    public var addedWorkers: Int

    public var isNew: Bool { mergedInto == nil }
}

// MARK: - Writes

extension AppDatabase {
    /// Records a clue. A clue that names the same employer, project and at least one worker as an open or
    /// converted clue is the same arrears seen again: refused, merged (the new channel is kept on the existing
    /// clue) or kept as a second clue, as `input.onDuplicate` says.
    public func addClue(_ input: NewClue, actor: String) throws -> ClueAddResult {
        let today = self.today
        return try write(actor: actor) { db, audit in
            if input.received > today {
                throw WagecaseError.dateOutOfOrder(field: "received", value: input.received,
                                                   reason: "is in the future (today is \(today))")
            }
            let employer = try Self.fetchEmployer(db, input.employer)
            let project = try input.project.map { try Self.fetchProject(db, $0, employerID: employer.id) }
            if let project, project.employerID != employer.id {
                throw WagecaseError.invalidField(
                    field: "project", value: input.project!.description,
                    reason: "belongs to \(project.employerName) (#\(project.employerID)), not \(employer.name)",
                    allowed: "a project of employer #\(employer.id)")
            }
            var workerIDs: [Int64] = []
            workerIDs.reserveCapacity(input.claims.count)
            for claim in input.claims {
                guard let id = try Int64.fetchOne(db, cached: "SELECT id FROM worker WHERE id_number = ?",
                                                  arguments: [claim.idNumber.value])
                else {
                    throw WagecaseError.notFound(entity: "worker with ID number",
                                                 key: claim.idNumber.masked + " (add the worker first: wagecase worker add)")
                }
                workerIDs.append(id)
            }

            if input.onDuplicate != .keepBoth,
               let existing = try Self.findSameArrears(db, employerID: employer.id, projectID: project?.id,
                                                       workerIDs: workerIDs) {
                if input.onDuplicate == .refuse {
                    throw WagecaseError.duplicate(
                        entity: "clue for the same employer, project and worker(s)", key: "",
                        existingID: existing,
                        hint: "use --merge to record this channel on it, or --keep-both for separate arrears")
                }
                return try merge(input, workerIDs: workerIDs, into: existing, db: db, audit: audit)
            }

            try db.execute(cached: """
                    INSERT INTO clue (source, received_on, employer_id, project_id, summary, status, created_at)
                    VALUES (?, ?, ?, ?, ?, 'new', ?)
                    """,
                arguments: [input.source.rawValue, input.received.iso, employer.id, project?.id, input.summary,
                            audit.at])
            let clueID = db.lastInsertedRowID
            try db.execute(cached: "INSERT INTO clue_channel (clue_id, source, received_on) VALUES (?, ?, ?)",
                           arguments: [clueID, input.source.rawValue, input.received.iso])
            let insertWorker = try db.cachedStatement(
                sql: "INSERT INTO clue_worker (clue_id, worker_id, claimed_fen) VALUES (?, ?, ?)")
            for (claim, workerID) in zip(input.claims, workerIDs) {
                try insertWorker.execute(arguments: [clueID, workerID, claim.claimed.value])
            }
            try audit.record(.insert, table: "clue", id: clueID, after: [
                "source": input.source.rawValue, "received_on": input.received.iso, "employer_id": employer.id,
                "project_id": project?.id, "summary": input.summary, "status": "new",
                "workers": input.claims.map { "\($0.idNumber.masked)=\($0.claimed.value)" }.joined(separator: ","),
            ])
            return ClueAddResult(clue: try Self.fetchClue(db, id: clueID), mergedInto: nil, addedWorkers: 0)
        }
    }

    /// `expect` runs inside the transaction on the current record (the HTTP service checks If-Match there).
    public func screenClue(_ id: Int64, actor: String, expect: (Clue) throws -> Void = { _ in }) throws -> Clue {
        try changeClueStatus(id, to: .screening, reason: nil, action: "screen", allowedFrom: [.new], actor: actor,
                             expect: expect)
    }

    public func rejectClue(_ id: Int64, reason: String, actor: String,
                           expect: (Clue) throws -> Void = { _ in }) throws -> Clue {
        let reason = try TextField.required(reason, field: "reason", maxLength: 2000)
        return try changeClueStatus(id, to: .rejected, reason: reason, action: "reject",
                                    allowedFrom: [.new, .screening], actor: actor, expect: expect)
    }

    public func referClue(_ id: Int64, to agency: String, actor: String,
                          expect: (Clue) throws -> Void = { _ in }) throws -> Clue {
        let agency = try TextField.required(agency, field: "to", maxLength: 200)
        return try changeClueStatus(id, to: .referred, reason: agency, action: "refer",
                                    allowedFrom: [.new, .screening], actor: actor, expect: expect)
    }

    private func changeClueStatus(_ id: Int64, to status: ClueStatus, reason: String?, action: String,
                                  allowedFrom: [ClueStatus], actor: String,
                                  expect: (Clue) throws -> Void) throws -> Clue {
        try write(actor: actor) { db, audit in
            let clue = try Self.fetchClue(db, id: id)
            try expect(clue)
            guard allowedFrom.contains(clue.status) else {
                throw WagecaseError.invalidState(entity: "clue", key: "#\(id)", state: clue.status.rawValue,
                                                 action: action,
                                                 allowed: allowedFrom.map(\.rawValue).joined(separator: " or "))
            }
            try db.execute(cached: "UPDATE clue SET status = ?, status_reason = ? WHERE id = ?",
                           arguments: [status.rawValue, reason, id])
            try audit.record(.update, table: "clue", id: id,
                             before: ["status": clue.status.rawValue, "status_reason": clue.statusReason],
                             after: ["status": status.rawValue, "status_reason": reason])
            return try Self.fetchClue(db, id: id)
        }
    }

    /// The oldest clue, not rejected or referred, of the same employer and project naming one of the workers.
    private static func findSameArrears(_ db: Database, employerID: Int64, projectID: Int64?,
                                        workerIDs: [Int64]) throws -> Int64? {
        let placeholders = Array(repeating: "?", count: workerIDs.count).joined(separator: ",")
        // CROSS JOIN keeps SQLite starting from the worker index: a worker has few clues, an employer many.
        var arguments = StatementArguments(workerIDs)
        arguments += [employerID, projectID]
        return try Int64.fetchOne(db, cached: """
                SELECT l.id FROM clue_worker cw CROSS JOIN clue l ON l.id = cw.clue_id
                WHERE cw.worker_id IN (\(placeholders)) AND l.employer_id = ? AND l.project_id IS ?
                  AND l.status NOT IN ('rejected', 'referred')
                ORDER BY l.id LIMIT 1
                """,
            arguments: arguments)
    }

    private func merge(_ input: NewClue, workerIDs: [Int64], into clueID: Int64, db: Database,
                       audit: AuditWriter) throws -> ClueAddResult {
        let existing = try Self.fetchClue(db, id: clueID)
        let known = Set(existing.workers.map(\.workerID))
        let newWorkers = zip(input.claims, workerIDs).filter { !known.contains($0.1) }
        if !newWorkers.isEmpty && !existing.status.isOpen {
            throw WagecaseError.invalidState(
                entity: "clue", key: "#\(clueID)", state: existing.status.rawValue,
                action: "add \(newWorkers.count) more worker(s) by merging",
                allowed: "new or screening; record the other workers as a separate clue with --keep-both")
        }
        let channelIsNew = !existing.channels.contains(ClueChannel(source: input.source, received: input.received))
        if channelIsNew {
            try db.execute(cached: "INSERT INTO clue_channel (clue_id, source, received_on) VALUES (?, ?, ?)",
                           arguments: [clueID, input.source.rawValue, input.received.iso])
        }
        for (claim, workerID) in newWorkers {
            try db.execute(cached: "INSERT INTO clue_worker (clue_id, worker_id, claimed_fen) VALUES (?, ?, ?)",
                           arguments: [clueID, workerID, claim.claimed.value])
        }
        if channelIsNew || !newWorkers.isEmpty {
            try audit.record(
                .update, table: "clue", id: clueID,
                before: ["channels": existing.channels.map { "\($0.source.rawValue)@\($0.received)" }
                    .joined(separator: ","), "workers": existing.workers.count],
                after: ["channels": (existing.channels + (channelIsNew ? [ClueChannel(
                    source: input.source, received: input.received)] : []))
                    .map { "\($0.source.rawValue)@\($0.received)" }.joined(separator: ","),
                        "workers": existing.workers.count + newWorkers.count],
                reason: "merged a clue on the same arrears")
        }
        return ClueAddResult(clue: try Self.fetchClue(db, id: clueID), mergedInto: clueID,
                             addedWorkers: newWorkers.count)
    }
}

// MARK: - Reads

/// Filters users apply to the clue list.
public struct ClueFilter: Sendable {
    public var status: ClueStatus?
    public var source: ClueSource?
    public var employer: EmployerReference?
    public var range: DateRange?
    public var limit: Int
    public var afterID: Int64

    public init(status: ClueStatus? = nil, source: ClueSource? = nil, employer: EmployerReference? = nil,
                range: DateRange? = nil, limit: Int = 100, afterID: Int64 = 0) {
        (self.status, self.source, self.employer, self.range) = (status, source, employer, range)
        (self.limit, self.afterID) = (limit, afterID)
    }
}

extension AppDatabase {
    public func clue(_ id: Int64) throws -> Clue {
        try read { db in try Self.fetchClue(db, id: id) }
    }

    public func clues(_ filter: ClueFilter = ClueFilter()) throws -> [Clue] {
        try read { db in
            let employerID = try filter.employer.map { try Self.fetchEmployer(db, $0).id }
            let rows = try Row.fetchAll(db, cached: """
                    \(Self.clueSelection)
                    WHERE l.id > ? AND (? IS NULL OR l.status = ?) AND (? IS NULL OR l.source = ?)
                      AND (? IS NULL OR l.employer_id = ?) AND l.received_on BETWEEN ? AND ?
                    ORDER BY l.id LIMIT ?
                    """,
                arguments: [filter.afterID, filter.status?.rawValue, filter.status?.rawValue,
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

    private static let clueSelection = """
        SELECT l.*, e.name AS employer_name, p.name AS project_name
        FROM clue l JOIN employer e ON e.id = l.employer_id LEFT JOIN project p ON p.id = l.project_id
        """

    /// Builds clues from their rows with two more queries in all (workers, channels), not two per clue.
    private static func assembleClues(_ db: Database, rows: [Row]) throws -> [Clue] {
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
            workers[row["clue_id"], default: []].append(
                ClueWorker(workerID: row["worker_id"], name: row["name"], idNumber: row["id_number"],
                           claimed: row.fen("claimed_fen")))
        }
        var channels: [Int64: [ClueChannel]] = [:]
        for row in try Row.fetchAll(
            db,
            cached: """
                SELECT clue_id, source, received_on FROM clue_channel
                WHERE clue_id IN (SELECT value FROM json_each(?)) ORDER BY clue_id, received_on, source
                """,
            arguments: [idList]) {
            channels[row["clue_id"], default: []].append(
                ClueChannel(source: try row.vocabulary("source"), received: try row.date("received_on")))
        }
        return try rows.map { row in
            let id: Int64 = row["id"]
            return Clue(id: id, source: try row.vocabulary("source"), received: try row.date("received_on"),
                        employerID: row["employer_id"], employerName: row["employer_name"],
                        projectID: row["project_id"], projectName: row["project_name"], summary: row["summary"],
                        status: try row.vocabulary("status"), statusReason: row["status_reason"],
                        createdAt: row["created_at"], workers: workers[id] ?? [], channels: channels[id] ?? [])
        }
    }
}
