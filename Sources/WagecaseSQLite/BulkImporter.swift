import GRDB
import WagecaseCore
import WagecaseStore

/// Writes import records inside the import's transaction. Workers and clues — the big files — go through
/// prepared statements with in-memory lookups; employers and projects through the same inserts as the CLI's
/// use-cases (each audited), guarantees through the use-case itself.
struct BulkImporter {
    enum Outcome { case imported(Int64), merged }

    let db: Database
    let audit: AuditWriter
    let database: AppDatabase
    private var workerIDs: [String: Int64] = [:]
    private var employerIDs: [String: Int64] = [:]
    private var projectIDs: [ProjectKey: Int64] = [:]
    /// Clues this import opened, by employer, project, source and date: a crew's rows become one clue.
    private var newClues: [ClueKey: Int64] = [:]
    /// Workers this import added that are on no clue yet: no arrears on record to match, so no look-up.
    private var workersWithoutClues: Set<Int64> = []

    private struct ProjectKey: Hashable { let employer: Int64; let name: String }
    private struct ClueKey: Hashable {
        let employer: Int64
        let project: Int64?
        let source: ClueSource
        let received: LocalDate
        let follows: Int64?
    }

    /// For a row naming a worker already on a clue with another amount: which amount stands (nil: refuse it).
    let amountStands: ClueIntake.AmountStands?
    let today: LocalDate

    init(db: Database, audit: AuditWriter, database: AppDatabase, amountStands: ClueIntake.AmountStands?) {
        (self.db, self.audit, self.database, self.amountStands) = (db, audit, database, amountStands)
        today = database.today
    }

    mutating func apply(_ record: ImportRecord) throws -> Outcome {
        switch record {
        case .worker(let worker): try addWorker(worker)
        case .employer(let employer): try addEmployer(employer)
        case .project(let project): try addProject(project)
        case .guarantee(let guarantee): try addGuarantee(guarantee)
        case .clue(let clue): try addClue(clue)
        }
    }

    // MARK: Workers

    /// A worker already on record (or earlier in the file) is left as it is and counted as merged. (A workers
    /// file is moved in whole from its staging database; this serves worker records of any other path.)
    private mutating func addWorker(_ worker: NewWorker) throws -> Outcome {
        try db.execute(cached: """
            INSERT INTO worker (name, id_number, id_number_override_reason, phone, bank_card, hometown, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id_number) DO NOTHING
            """, arguments: [worker.name, worker.idNumber.value, worker.storedOverrideReason, worker.phone,
                             worker.bankCard, worker.hometown, audit.at])
        return db.changesCount == 1 ? .imported(db.lastInsertedRowID) : .merged
    }

    // MARK: Employers, projects, guarantees (the use-cases' own inserts)

    private mutating func addEmployer(_ employer: NewEmployer) throws -> Outcome {
        if try employerID(employer.creditCode.value) != nil { return .merged }
        let id = try AppDatabase.insertEmployer(db, audit: audit, employer)
        employerIDs[employer.creditCode.value] = id
        return .imported(id)
    }

    private mutating func addProject(_ row: ProjectImportRow) throws -> Outcome {
        let employer = try employerID(row.creditCode.value, creating: row.employerName)
        if try projectID(employer: employer, name: row.name) != nil { return .merged }
        let id = try AppDatabase.insertProject(db, audit: audit, NewProject(
            name: row.name, employer: .id(employer), location: row.location, details: row.details))
        projectIDs[ProjectKey(employer: employer, name: row.name)] = id
        return .imported(id)
    }

    /// A guarantee is the same one when its project, kind and document number match (or, without a number, its
    /// amount and effective date).
    private mutating func addGuarantee(_ row: GuaranteeImportRow) throws -> Outcome {
        guard let employer = try employerID(row.creditCode.value) else {
            throw WagecaseError.notFound(entity: "employer with credit code", key: row.creditCode.value)
        }
        guard let project = try projectID(employer: employer, name: row.projectName) else {
            throw WagecaseError.notFound(entity: "project of that employer", key: row.projectName)
        }
        var guarantee = row.guarantee
        let existing = try Int64.fetchOne(db, cached: """
            SELECT id FROM guarantee WHERE project_id = ? AND kind = ?
              AND (document_number = ? OR (? IS NULL AND document_number IS NULL AND amount_fen = ? AND effective_on = ?))
            """, arguments: [project, guarantee.kind.rawValue, guarantee.documentNumber, guarantee.documentNumber,
                             guarantee.amount.value, guarantee.effective.iso])
        if existing != nil { return .merged }
        guarantee.project = .id(project)
        let added = try database.addGuarantee(guarantee, actor: audit.actor)
        return .imported(added.guarantee.id)
    }

    // MARK: Clues

    /// A row is one worker's claim, decided as `clue add` decides a claim (`ClueIntake`, merging): about arrears
    /// on record, it is nothing new or adds its channel (and, when the import says which amount stands, its
    /// amount) to the open clue; after a rejected or referred clue it starts a clue of its own that follows it;
    /// otherwise it joins the clue this import opened for the employer, project, source and date (a crew
    /// reported together), or opens it. A claim received in the future is refused like anywhere else.
    private mutating func addClue(_ row: ClueImportRow) throws -> Outcome {
        let worker = try workerID(row)
        let employer = try employerID(row.creditCode.value, creating: row.employerName)
        let project = try row.projectName.map { name in try projectID(employer: employer, name: name, creating: true)! }
        let claim = ClueIntake.Claim(workerID: worker, claimed: row.claimed, label: row.worker.masked)
        let matches = workersWithoutClues.remove(worker) != nil ? (open: nil, closed: nil)
            : try AppDatabase.sameArrears(db, employerID: employer, projectID: project, workerIDs: [worker])
        let decision = try ClueIntake.decide(
            source: row.source, received: row.received, claims: [claim], today: today, policy: .merge,
            amountStands: amountStands, open: matches.open, closed: matches.closed)
        let follows: Int64?
        switch decision {
        case .known:
            return .merged
        case let .merge(clue, addsChannel, newWorkers, changedAmounts):
            try AppDatabase.applyMerge(db, audit: audit, clueID: clue, source: row.source, received: row.received,
                                       claims: [claim], addsChannel: addsChannel, newWorkers: newWorkers,
                                       changedAmounts: changedAmounts, reason: "seen again from another source (import)")
            return .merged
        case .create(let followed):
            follows = followed
        }
        let key = ClueKey(employer: employer, project: project, source: row.source, received: row.received,
                          follows: follows)
        let clue: Int64
        if let open = newClues[key] {
            clue = open
        } else {
            clue = try AppDatabase.insertClue(db, audit: audit, source: row.source, received: row.received,
                                              employerID: employer, projectID: project, summary: row.summary,
                                              follows: follows, workers: nil, reason: "import")
            newClues[key] = clue
        }
        try db.execute(cached: "INSERT INTO clue_worker (clue_id, worker_id, claimed_fen) VALUES (?, ?, ?)",
                       arguments: [clue, worker, row.claimed.value])
        return .imported(clue)
    }

    /// The worker on record, or a new one (which needs a name).
    private mutating func workerID(_ row: ClueImportRow) throws -> Int64 {
        let key = row.worker.value
        if let id = workerIDs[key] { return id }
        if let id = try Int64.fetchOne(db, cached: "SELECT id FROM worker WHERE id_number = ?", arguments: [key]) {
            workerIDs[key] = id
            return id
        }
        guard let name = row.workerName else {
            throw WagecaseError.invalidField(field: "name", value: "", reason: "is empty and the worker \(row.worker.masked) is not on record",
                                             allowed: "the worker's name, so the worker can be added")
        }
        try db.execute(cached: "INSERT INTO worker (name, id_number, phone, created_at) VALUES (?, ?, ?, ?)",
                       arguments: [name, key, row.phone, audit.at])
        let id = db.lastInsertedRowID
        try audit.record(.insert, table: "worker", id: id, after: ["name": name, "id_number": row.worker.masked,
                                                                    "phone": row.phone.map(PhoneNumber.mask)], reason: "import")
        workerIDs[key] = id
        workersWithoutClues.insert(id)
        return id
    }

    private mutating func employerID(_ code: String) throws -> Int64? {
        if let id = employerIDs[code] { return id }
        let id = try Int64.fetchOne(db, cached: "SELECT id FROM employer WHERE credit_code = ?", arguments: [code])
        if let id { employerIDs[code] = id }
        return id
    }

    /// The employer on record, or a new one when the row names it.
    private mutating func employerID(_ code: String, creating name: String?) throws -> Int64 {
        if let id = try employerID(code) { return id }
        guard let name else {
            throw WagecaseError.notFound(entity: "employer with credit code (give its name to add it)", key: code)
        }
        let id = try AppDatabase.insertEmployer(db, audit: audit, NewEmployer(name: name, creditCode: try CreditCode.parse(code)))
        employerIDs[code] = id
        return id
    }

    private mutating func projectID(employer: Int64, name: String, creating: Bool = false) throws -> Int64? {
        let key = ProjectKey(employer: employer, name: name)
        if let id = projectIDs[key] { return id }
        if let id = try Int64.fetchOne(db, cached: "SELECT id FROM project WHERE employer_id = ? AND name = ?",
                                       arguments: [employer, name]) {
            projectIDs[key] = id
            return id
        }
        guard creating else { return nil }
        let id = try AppDatabase.insertProject(db, audit: audit, NewProject(name: name, employer: .id(employer)))
        projectIDs[key] = id
        return id
    }
}
