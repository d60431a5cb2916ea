import Foundation
import Synchronization
import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - The models

extension AppDatabase {
    /// Every model: the built-in ones and those loaded, each marked current when runs use it (the highest
    /// version of its id).
    public func models() throws -> [ModelInfo] {
        try read { db in try Self.fetchModels(db) }
    }

    /// The model runs use under `id`.
    public func model(id: String) throws -> ModelInfo {
        guard let info = try models().first(where: { $0.model.id == id && $0.current }) else {
            throw WagecaseError.notFound(entity: "model", key: id)
        }
        return info
    }

    /// Loads a model an office wrote. A version is never changed: loading the same id and version again adds
    /// nothing when the model is the same and is refused when it differs; a new version must be higher than
    /// the current one (a built-in model is version 1).
    public func loadModel(_ model: SupervisionModel, source: String, actor: String) throws -> ModelInfo {
        let definition = try Self.modelJSON(model)
        return try write(actor: actor) { db, audit in
            let all = try Self.fetchModels(db)
            if let same = all.first(where: { $0.model.id == model.id && $0.model.version == model.version }) {
                if same.model == model, !same.builtIn { return same }
                throw WagecaseError.invalidField(
                    field: "version", value: "\(model.version)",
                    reason: same.builtIn ? "is built in for \(model.id) with other content"
                        : "is already loaded for \(model.id) with other content",
                    allowed: "a version above \(all.filter { $0.model.id == model.id }.map(\.model.version).max() ?? model.version)")
            }
            if let current = all.first(where: { $0.model.id == model.id && $0.current }),
               current.model.version > model.version {
                throw WagecaseError.invalidField(
                    field: "version", value: "\(model.version)", reason: "is lower than the current version \(current.model.version) of \(model.id)",
                    allowed: "a version above \(current.model.version)")
            }
            try db.execute(cached: """
                    INSERT INTO supervision_model (id, version, definition, source, loaded_by, loaded_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [model.id, model.version, definition, source, actor, audit.at])
            try audit.record(.insert, table: "supervision_model", id: nil, after: [
                "id": model.id, "version": model.version, "name": model.name.zh,
                "reads": model.reads.map(\.rawValue).joined(separator: ","),
            ])
            guard let info = try Self.fetchModels(db).first(where: { $0.model.id == model.id && $0.current }) else {
                throw WagecaseError.notFound(entity: "model", key: model.id)
            }
            return info
        }
    }

    static func modelJSON(_ model: SupervisionModel) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(model), as: UTF8.self)
    }

    /// The built-in models with their files, written once.
    static let builtInInfos = BuiltInModels.all.map {
        ModelInfo(model: $0, builtIn: true, current: true, loadedBy: nil, loadedAt: nil, source: ModelFile.yaml($0))
    }

    static func fetchModels(_ db: Database) throws -> [ModelInfo] {
        var infos = builtInInfos
        for row in try Row.fetchAll(db, sql: """
                SELECT definition, source, loaded_by, loaded_at FROM supervision_model ORDER BY id, version
                """) {
            let text: String = row[0]
            guard let model = try? JSONDecoder().decode(SupervisionModel.self, from: Data(text.utf8)) else {
                throw CorruptValue(column: "supervision_model.definition", value: String(text.prefix(80)))
            }
            infos.append(ModelInfo(model: model, builtIn: false, current: true, loadedBy: row[2], loadedAt: row[3],
                                   source: row[1]))
        }
        var highest: [String: Int] = [:]
        for info in infos { highest[info.model.id] = max(highest[info.model.id] ?? 0, info.model.version) }
        for index in infos.indices { infos[index].current = highest[infos[index].model.id] == infos[index].model.version }
        return infos
    }
}

// MARK: - Runs

extension AppDatabase {
    /// Runs the current models (or those named) over the current dataset rows as of a date, and records each
    /// lead: a lead found before is found again, not added (an open one is refreshed; a reviewed one is left as
    /// the reviewer left it). A dry run records nothing.
    public func runModels(_ request: ModelRunRequest) throws -> ModelRunResult {
        let asOf = request.asOf ?? today
        let (models, names) = try read { db -> ([SupervisionModel], [String: String]) in
            let current = try Self.fetchModels(db).filter(\.current).map(\.model)
            let names = Dictionary(current.map { ($0.id, $0.name.zh) }, uniquingKeysWith: { a, _ in a })
            if request.models.isEmpty { return (current, names) }
            return (try request.models.map { id in
                guard let model = current.first(where: { $0.id == id }) else {
                    throw WagecaseError.notFound(entity: "model", key: id)
                }
                return model
            }, names)
        }
        let (hits, examined) = try evaluateInParallel(models, asOf: asOf)
        let labels = models.map { "\($0.id)@\($0.version)" }
        let kinds = DatasetKind.allCases.filter { kind in models.contains { $0.reads.contains(kind) } }
        let keep = { (db: Database, runID: Int64?, audit: AuditWriter?) throws -> ModelRunResult in
            var counts = (new: 0, refreshed: 0, reviewed: 0)
            var stored: [StoredHit] = []
            stored.reserveCapacity(hits.count)
            var clues = ClueLookup()
            for hit in hits {
                let clue = try clues.existingClue(db, hit)
                let existing = try Self.existingHit(db, hit)
                var id = existing?.id
                switch existing?.status {
                case nil:
                    counts.new += 1
                    if let runID { id = try Self.insertHit(db, hit, runID: runID, foundOn: asOf, clue: clue?.clue) }
                case .open?:
                    counts.refreshed += 1
                    if let runID, let audit, let id {
                        try Self.refreshHit(db, audit: audit, id: id, hit, runID: runID, clue: clue?.clue)
                    }
                case _?:
                    counts.reviewed += 1
                }
                stored.append(StoredHit(
                    id: id, hit: hit, modelName: names[hit.model] ?? hit.model,
                    evidence: request.withEvidence ? try Self.evidence(db, rowIDs: hit.evidence) : [],
                    existingClue: clue?.clue, existingCase: clue?.case, status: existing?.status ?? .open,
                    statusReason: existing?.reason, clueID: existing?.clueID, foundOn: existing?.foundOn ?? asOf))
            }
            return ModelRunResult(runID: runID, asOf: asOf, models: labels, recordsExamined: examined, hits: stored,
                                  new: counts.new, refreshed: counts.refreshed, reviewed: counts.reviewed)
        }
        if request.dryRun { return try read { db in try keep(db, nil, nil) } }
        return try write(actor: request.actor) { db, audit in
            try db.execute(cached: """
                    INSERT INTO model_run (as_of, models, datasets, models_applied, records_examined, hits_found,
                                           hits_new, ran_by, ran_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
                    """, arguments: [asOf.iso, labels.joined(separator: ","), kinds.map(\.rawValue).joined(separator: ","),
                                     models.count, examined, hits.count, request.actor, audit.at])
            let runID = db.lastInsertedRowID
            let result = try keep(db, runID, audit)
            try db.execute(cached: "UPDATE model_run SET hits_new = ? WHERE id = ?", arguments: [result.new, runID])
            try audit.record(.insert, table: "model_run", id: runID, after: [
                "as_of": asOf.iso, "models": labels.joined(separator: ","), "records_examined": examined,
                "hits_found": hits.count, "hits_new": result.new, "hits_refreshed": result.refreshed,
            ])
            return result
        }
    }

    /// Streams each dataset kind's current rows through the models.
    /// The models in two groups, each read on its own connection on its own thread (the pool's readers run side by
    /// side): the models of repeats, which read their rows twice, apart from the others. Leads are ranked as one
    /// evaluator ranks them; rows examined are each kind's rows, counted once.
    func evaluateInParallel(_ models: [SupervisionModel], asOf: LocalDate) throws -> ([ModelHit], Int) {
        let repeats = models.filter { if case .repeats = $0.finding { true } else { false } }
        let others = models.filter { model in !repeats.contains { $0.id == model.id } }
        let groups = [repeats, others].filter { !$0.isEmpty }
        if groups.count < 2 {
            let (hits, counts) = try read { db in try Self.evaluate(db, models: models, asOf: asOf) }
            return (hits, counts.values.reduce(0, +))
        }
        let results = Mutex<[Int: Result<([ModelHit], [DatasetKind: Int]), any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: groups.count) { index in
            let outcome = Result { try self.read { db in try Self.evaluate(db, models: groups[index], asOf: asOf) } }
            results.withLock { $0[index] = outcome }
        }
        var hits: [ModelHit] = []
        var counts: [DatasetKind: Int] = [:]
        for index in groups.indices {
            guard let outcome = results.withLock({ $0[index] }) else { continue }
            let (found, read) = try outcome.get()
            hits += found
            counts.merge(read) { max($0, $1) }
        }
        return (ModelEvaluator.ranked(hits), counts.values.reduce(0, +))
    }

    static func evaluate(_ db: Database, models: [SupervisionModel], asOf: LocalDate) throws -> ([ModelHit], [DatasetKind: Int]) {
        let registry = GuaranteeRegistry(try Row.fetchAll(db, sql: """
                SELECT g.id, e.credit_code, p.name,
                       EXISTS (SELECT 1 FROM guarantee_event v WHERE v.guarantee_id = g.id AND v.kind = 'drawn')
                FROM guarantee g JOIN project p ON p.id = g.project_id JOIN employer e ON e.id = p.employer_id
                """).map { RegistryGuarantee(id: $0[0], creditCode: $0[1], projectName: $0[2], drawn: $0[3]) })
        let evaluator = ModelEvaluator(models: models, asOf: asOf, registry: registry)
        var examined: [DatasetKind: Int] = [:]
        func stream(_ kind: DatasetKind) throws {
            // Only the columns the models read: a ticket's text is not decoded for a model that never looks at it.
            let fields = DatasetColumns.all.filter { evaluator.fields(of: kind).contains($0.field) }
            let statement = try db.cachedStatement(sql: """
                    SELECT id\(fields.map { ", " + $0.column }.joined())
                    FROM dataset_row INDEXED BY dataset_row_current WHERE kind = ? AND superseded_by IS NULL ORDER BY id
                    """)
            statement.setUncheckedArguments([kind.rawValue])
            let cursor = try Row.fetchCursor(statement)
            let c = ColumnReader(statement)
            while try cursor.next() != nil {
                var record = DatasetRecord(kind: kind)
                record.id = try c.integer(0, "dataset_row.id")
                for (offset, column) in fields.enumerated() {
                    let index = Int32(offset + 1)
                    switch column.field {
                    case .personName: record.personName = c.text(index)
                    case .idNumber: record.idNumber = c.text(index)
                    case .employer: record.employer = c.text(index)
                    case .creditCode: record.creditCode = c.text(index)
                    case .project: record.project = c.text(index)
                    case .amount: record.amount = c.integer(index).map(Fen.init)
                    case .paid: record.paid = c.integer(index).map(Fen.init)
                    case .effective, .received, .issued, .month: record.date = try c.isoDate(index, "dataset_row.date")
                    case .plannedCompletion: record.plannedCompletion = try c.isoDate(index, "dataset_row.planned_completion")
                    case .status: record.status = c.text(index)
                    case .channel: record.channel = c.text(index)
                    case .content: record.content = c.text(index)
                    case .headcount: record.headcount = c.integer(index)
                    case .regionCode: record.regionCode = c.text(index)
                    case .number: record.number = c.text(index)
                    case .phone: record.phone = c.text(index)
                    case .unpaid: break
                    }
                }
                evaluator.add(record)
                if evaluator.pass == 1 { examined[kind, default: 0] += 1 }
            }
        }
        for kind in evaluator.kinds { try stream(kind) }
        let again = evaluator.secondPassKinds
        if !again.isEmpty {
            evaluator.pass = 2
            for kind in again { try stream(kind) }
        }
        return (evaluator.hits(), examined)
    }

    static func existingHit(_ db: Database, _ hit: ModelHit) throws
        -> (id: Int64, status: HitStatus, reason: String?, clueID: Int64?, foundOn: LocalDate)? {
        guard let row = try Row.fetchOne(db, cached: """
                SELECT id, status, status_reason, clue_id, found_on FROM model_hit WHERE model_id = ? AND subject = ?
                """, arguments: [hit.model, hit.subject]) else { return nil }
        guard let status = HitStatus(rawValue: row[1]), let foundOn = LocalDate.parseISO(row[4]) else {
            throw CorruptValue(column: "model_hit", value: "#\(row[0] as Int64)")
        }
        return (row[0], status, row[2], row[3], foundOn)
    }

    static func insertHit(_ db: Database, _ hit: ModelHit, runID: Int64, foundOn: LocalDate, clue: Int64?) throws -> Int64 {
        try db.execute(cached: """
                INSERT INTO model_hit (model_id, model_version, subject, caution, audience, employer, credit_code,
                    project, amount_fen, score, last_activity, guarantees, existing_clue_id, first_run_id, last_run_id,
                    found_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [hit.model, hit.version, hit.subject, hit.caution, hit.audience.rawValue, hit.employer,
                                 hit.creditCode, hit.project, hit.amount.value, hit.score, hit.lastActivity?.iso,
                                 hit.guarantees.map(String.init).joined(separator: ","), clue, runID, runID, foundOn.iso])
        let id = db.lastInsertedRowID
        try insertHitParts(db, id: id, hit)
        return id
    }

    static func insertHitParts(_ db: Database, id: Int64, _ hit: ModelHit) throws {
        for (position, worker) in hit.workers.enumerated() {
            try db.execute(cached: """
                    INSERT INTO model_hit_worker (hit_id, position, id_number, name, claimed_fen) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [id, position, worker.idNumber, worker.name, worker.claimed.value])
        }
        for row in hit.evidence {
            try db.execute(cached: "INSERT INTO model_hit_row (hit_id, dataset_row_id) VALUES (?, ?)", arguments: [id, row])
        }
    }

    /// An open lead found again: what it rests on now, audited when that changed.
    static func refreshHit(_ db: Database, audit: AuditWriter, id: Int64, _ hit: ModelHit, runID: Int64,
                           clue: Int64?) throws {
        let before = try Row.fetchOne(db, cached: """
                SELECT model_version, amount_fen, score, (SELECT COUNT(*) FROM model_hit_row WHERE hit_id = ?),
                       (SELECT group_concat(dataset_row_id) FROM (SELECT dataset_row_id FROM model_hit_row
                                                                  WHERE hit_id = ? ORDER BY dataset_row_id))
                FROM model_hit WHERE id = ?
                """, arguments: [id, id, id])
        let evidence = hit.evidence.sorted().map(String.init).joined(separator: ",")
        let changed = before.map { row in
            (row[0] as Int) != hit.version || (row[1] as Int64) != hit.amount.value || (row[2] as Int) != hit.score
                || ((row[4] as String?) ?? "") != evidence
        } ?? true
        try db.execute(cached: """
                UPDATE model_hit SET model_version = ?, employer = ?, credit_code = ?, project = ?, amount_fen = ?,
                    score = ?, last_activity = ?, guarantees = ?, existing_clue_id = ?, last_run_id = ? WHERE id = ?
                """, arguments: [hit.version, hit.employer, hit.creditCode, hit.project, hit.amount.value, hit.score,
                                 hit.lastActivity?.iso, hit.guarantees.map(String.init).joined(separator: ","), clue,
                                 runID, id])
        guard changed else { return }
        try db.execute(cached: "DELETE FROM model_hit_worker WHERE hit_id = ?", arguments: [id])
        try db.execute(cached: "DELETE FROM model_hit_row WHERE hit_id = ?", arguments: [id])
        try insertHitParts(db, id: id, hit)
        try audit.record(.update, table: "model_hit", id: id,
                         before: ["model_version": before?[0] as Int?, "amount_fen": before?[1] as Int64?,
                                  "score": before?[2] as Int?, "evidence_rows": before?[3] as Int?],
                         after: ["model_version": hit.version, "amount_fen": hit.amount.value, "score": hit.score,
                                 "evidence_rows": hit.evidence.count],
                         reason: "model run #\(runID) found the lead again")
    }
}

/// The columns a run may read, by the field they hold.
enum DatasetColumns {
    static let all: [(field: DatasetField, column: String)] = [
        (.personName, "person_name"), (.idNumber, "id_number"), (.employer, "employer"), (.creditCode, "credit_code"),
        (.project, "project"), (.amount, "amount_fen"), (.paid, "paid_fen"), (.effective, "date"),
        (.plannedCompletion, "planned_completion"), (.status, "status"), (.channel, "channel"), (.content, "content"),
        (.headcount, "headcount"), (.regionCode, "region_code"), (.number, "number"), (.phone, "phone"),
        (.received, "date"), (.issued, "date"), (.month, "date"),
    ]
}

/// Finds the clue already on record for a lead, remembering each employer's id and projects for the run (leads
/// of one employer come in numbers).
struct ClueLookup {
    private var employers: [String: Int64?] = [:]
    private var projects: [Int64: [(id: Int64, key: String)]] = [:]

    /// The latest clue on record for the lead's employer (and project, where it names one) naming one of its
    /// workers, or — for a lead naming no worker — any clue of that employer and project; and that clue's case.
    mutating func existingClue(_ db: Database, _ hit: ModelHit) throws -> (clue: Int64, case: Int64?)? {
        guard let creditCode = hit.creditCode else { return nil }
        let employerID: Int64?
        if let known = employers[creditCode] { employerID = known } else {
            employerID = try Int64.fetchOne(db, cached: "SELECT id FROM employer WHERE credit_code = ?", arguments: [creditCode])
            employers[creditCode] = .some(employerID)
        }
        guard let employerID else { return nil }
        var projectIDs: [Int64]?
        if let project = hit.project {
            if projects[employerID] == nil {
                projects[employerID] = try Row.fetchAll(db, cached: "SELECT id, name FROM project WHERE employer_id = ?",
                                                        arguments: [employerID]).map { ($0[0], MatchKey.name($0[1])) }
            }
            let key = MatchKey.name(project)
            let matching = (projects[employerID] ?? []).filter { $0.key == key }.map(\.id)
            projectIDs = matching.isEmpty ? nil : matching
        }
        let ids = hit.workers.compactMap(\.idNumber)
        var sql = "SELECT c.id FROM clue c WHERE c.employer_id = ?"
        var arguments: [any DatabaseValueConvertible] = [employerID]
        if let projectIDs {
            sql += " AND c.project_id IN (\(projectIDs.map { _ in "?" }.joined(separator: ",")))"
            arguments += projectIDs
        }
        if !ids.isEmpty {
            sql += """
                 AND EXISTS (SELECT 1 FROM clue_worker cw JOIN worker w ON w.id = cw.worker_id
                             WHERE cw.clue_id = c.id AND w.id_number IN (\(ids.map { _ in "?" }.joined(separator: ","))))
                """
            arguments += ids
        }
        sql += " ORDER BY c.id DESC LIMIT 1"
        guard let clue = try Int64.fetchOne(db, sql: sql, arguments: StatementArguments(arguments)) else { return nil }
        let caseID = try Int64.fetchOne(db, cached: "SELECT id FROM wage_case WHERE clue_id = ? ORDER BY id LIMIT 1",
                                        arguments: [clue])
        return (clue, caseID)
    }
}
