import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

// MARK: - Reads

extension AppDatabase {
    /// Leads, best first (score, then amount), as the reader may see them: ID numbers masked unless revealed,
    /// each reveal audited against the lead.
    public func hits(_ filter: HitFilter, disclosure: Disclosure = .masked) throws -> [StoredHit] {
        let hits = try read { db in
            let names = try Self.modelNames(db)
            var sql = "SELECT id FROM model_hit WHERE id > ?"
            var arguments: [any DatabaseValueConvertible] = [filter.afterID]
            if let model = filter.model { sql += " AND model_id = ?"; arguments.append(model) }
            if let status = filter.status { sql += " AND status = ?"; arguments.append(status.rawValue) }
            if let audience = filter.audience { sql += " AND audience = ?"; arguments.append(audience.rawValue) }
            sql += filter.bestFirst ? " ORDER BY status = 'open' DESC, score DESC, amount_fen DESC, id LIMIT ?" : " ORDER BY id LIMIT ?"
            arguments.append(filter.limit)
            return try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map {
                try Self.fetchHit(db, id: $0, names: names)
            }
        }
        return try disclose(hits, disclosure)
    }

    public func hit(id: Int64, disclosure: Disclosure = .masked) throws -> StoredHit {
        let hit = try read { db in try Self.fetchHit(db, id: id, names: Self.modelNames(db)) }
        return try disclose(hit, disclosure)
    }

    /// Leads show ID numbers from partners' files, not only of workers on record: a reveal is audited per lead.
    func disclose<T: Maskable>(_ value: T, _ disclosure: Disclosure, hits ids: [Int64]) throws -> T {
        guard case .revealed(let actor, let reason) = disclosure else { return value.masked() }
        try write(actor: actor) { _, audit in
            for id in ids {
                try audit.record(.reveal, table: "model_hit", id: id, after: ["fields": "id_number,phone"], reason: reason)
            }
        }
        return value
    }

    /// Leads as the reader may see them (a run's leads come back in full for the caller to pass through here).
    public func disclose(_ hits: [StoredHit], _ disclosure: Disclosure) throws -> [StoredHit] {
        try disclose(hits, disclosure, hits: hits.compactMap(\.id))
    }

    private func disclose(_ hit: StoredHit, _ disclosure: Disclosure) throws -> StoredHit {
        try disclose(hit, disclosure, hits: hit.id.map { [$0] } ?? [])
    }

    static func modelNames(_ db: Database) throws -> [String: String] {
        Dictionary(try fetchModels(db).filter(\.current).map { ($0.model.id, $0.model.name.zh) },
                   uniquingKeysWith: { a, _ in a })
    }

    static func fetchHit(_ db: Database, id: Int64, names: [String: String]) throws -> StoredHit {
        guard let row = try Row.fetchOne(db, cached: """
                SELECT model_id, model_version, subject, caution, audience, employer, credit_code, project, amount_fen,
                       score, last_activity, guarantees, existing_clue_id, status, status_reason, clue_id, found_on,
                       (SELECT w.id FROM wage_case w WHERE w.clue_id = model_hit.existing_clue_id ORDER BY w.id LIMIT 1)
                FROM model_hit WHERE id = ?
                """, arguments: [id]) else { throw WagecaseError.notFound(entity: "lead", key: "#\(id)") }
        guard let audience = ModelAudience(rawValue: row[4]), let status = HitStatus(rawValue: row[13]),
              let foundOn = LocalDate.parseISO(row[16]) else {
            throw CorruptValue(column: "model_hit", value: "#\(id)")
        }
        let workers = try Row.fetchAll(db, cached: """
                SELECT id_number, name, claimed_fen FROM model_hit_worker WHERE hit_id = ? ORDER BY position
                """, arguments: [id]).map { HitWorker(idNumber: $0[0], name: $0[1], claimed: Fen($0[2])) }
        let rowIDs = try Int64.fetchAll(db, cached: "SELECT dataset_row_id FROM model_hit_row WHERE hit_id = ? ORDER BY dataset_row_id",
                                        arguments: [id])
        let guaranteesText: String = row[11]
        let model: String = row[0]
        let hit = ModelHit(model: model, version: row[1], subject: row[2], caution: row[3], audience: audience,
                           employer: row[5], creditCode: row[6], project: row[7], workers: workers,
                           amount: Fen(row[8]), evidence: rowIDs, score: row[9],
                           guarantees: guaranteesText.split(separator: ",").compactMap { Int64($0) },
                           lastActivity: (row[10] as String?).flatMap(LocalDate.parseISO))
        return StoredHit(id: id, hit: hit, modelName: names[model] ?? model, evidence: try evidence(db, rowIDs: rowIDs),
                         existingClue: row[12], existingCase: row[17], status: status, statusReason: row[14],
                         clueID: row[15], foundOn: foundOn)
    }

    static func evidence(_ db: Database, rowIDs: [Int64]) throws -> [HitEvidence] {
        try rowIDs.map { rowID in
            guard let row = try Row.fetchOne(db, cached: """
                    SELECT r.kind, r.dataset_id, d.unit, d.file_name, r.row_number, r.number, r.date, r.person_name,
                           r.id_number, r.employer, r.project, r.amount_fen, r.paid_fen, r.status, r.content, r.original
                    FROM dataset_row r JOIN dataset d ON d.id = r.dataset_id WHERE r.id = ?
                    """, arguments: [rowID]), let kind = DatasetKind(rawValue: row[0]) else {
                throw WagecaseError.notFound(entity: "dataset row", key: "#\(rowID)")
            }
            var record = DatasetRecord(kind: kind)
            record.number = row[5]
            record.date = (row[6] as String?).flatMap(LocalDate.parseISO)
            (record.personName, record.idNumber, record.employer, record.project) = (row[7], row[8], row[9], row[10])
            record.amount = (row[11] as Int64?).map(Fen.init)
            record.paid = (row[12] as Int64?).map(Fen.init)
            (record.status, record.content) = (row[13], row[14])
            let originalText: String = row[15]
            let original = (try? JSONDecoder().decode([String: String].self, from: Data(originalText.utf8))) ?? [:]
            return HitEvidence(rowID: rowID, dataset: kind, datasetID: row[1], unit: row[2], fileName: row[3],
                               rowNumber: row[4], record: record, original: original)
        }
    }
}

// MARK: - Review

extension AppDatabase {
    /// Makes the lead a clue (source data-matching) through the clue intake every clue goes through: the
    /// employer, project and workers the lead names are added to the register where they are not yet on it, and
    /// the lead records the clue. A caution lead needs the reviewer's reason.
    public func acceptHit(_ input: AcceptHit, actor: String) throws -> (hit: StoredHit, clue: ClueAddResult) {
        let today = self.today
        let reason = try TextField.optional(input.reason, field: "reason", maxLength: 2000)
        let summary = try TextField.optional(input.summary, field: "summary", maxLength: 2000)
        let projectName = try input.project.map { try TextField.name($0, field: "project") }
        let employerName = try input.employerName.map { try TextField.name($0, field: "employer") }
        return try write(actor: actor) { db, audit in
            let names = try Self.modelNames(db)
            let hit = try Self.fetchHit(db, id: input.hitID, names: names)
            try HitReview.checkAccept(status: hit.status, caution: hit.caution, reason: reason, id: input.hitID)
            guard let code = input.creditCode?.value ?? hit.creditCode else {
                throw WagecaseError.invalidField(field: "credit_code", value: "", reason: "is not in the lead's data",
                                                 allowed: "the employer's 统一社会信用代码 (--credit-code)")
            }
            let employerID: Int64
            if let known = try Int64.fetchOne(db, cached: "SELECT id FROM employer WHERE credit_code = ?", arguments: [code]) {
                employerID = known
            } else {
                guard let name = employerName ?? hit.employer else {
                    throw WagecaseError.invalidField(field: "employer", value: "", reason: "is not on record and the lead has no name for it",
                                                     allowed: "the employer's name (--employer)")
                }
                employerID = try Self.insertEmployer(db, audit: audit, NewEmployer(name: name, creditCode: CreditCode.parse(code)))
            }
            var project: ProjectReference?
            if let name = projectName ?? hit.project {
                let key = MatchKey.name(name)
                if let id = try Row.fetchAll(db, cached: "SELECT id, name FROM project WHERE employer_id = ?", arguments: [employerID])
                    .first(where: { MatchKey.name($0[1]) == key }).map({ $0[0] as Int64 }) {
                    project = .id(id)
                } else {
                    project = .id(try Self.insertProject(db, audit: audit, NewProject(name: name, employer: .id(employerID))))
                }
            }
            var claims: [ClaimInput] = []
            for worker in hit.workers {
                guard let number = worker.idNumber else { continue }
                let id = try ResidentID.parse(number)
                if try Int64.fetchOne(db, cached: "SELECT id FROM worker WHERE id_number = ?", arguments: [number]) == nil {
                    guard let name = worker.name else {
                        throw WagecaseError.invalidField(field: "workers", value: id.masked, reason: "is not on record and the lead has no name for it",
                                                         allowed: "the worker added first (worker add)")
                    }
                    _ = try Self.insertWorker(db, audit: audit, NewWorker(name: name, idNumber: id))
                }
                claims.append(ClaimInput(idNumber: id, claimed: worker.claimed))
            }
            let clueSummary = summary ?? HitReview.summary(model: hit.modelName, version: hit.modelVersion,
                                                             evidence: hit.evidence.count, amount: hit.amount)
            let clue = try Self.intakeClue(db, audit: audit, try NewClue(
                source: .dataMatching, received: input.received ?? today, employer: .id(employerID), project: project,
                claims: claims, summary: clueSummary, amountStands: input.amountStands), today: today)
            try db.execute(cached: """
                    UPDATE model_hit SET status = 'accepted', status_reason = ?, clue_id = ?, reviewed_by = ?,
                                         reviewed_at = ? WHERE id = ?
                    """, arguments: [reason, clue.clue.id, actor, audit.at, input.hitID])
            try audit.record(.update, table: "model_hit", id: input.hitID, before: ["status": "open"],
                             after: ["status": "accepted", "clue_id": clue.clue.id], reason: reason)
            return (try Self.fetchHit(db, id: input.hitID, names: names).masked(), clue)
        }
    }

    /// Sets a lead aside with the reason; it stays, and re-runs leave it dismissed.
    public func dismissHit(id: Int64, reason: String, actor: String) throws -> StoredHit {
        let reason = try TextField.required(reason, field: "reason", maxLength: 2000)
        return try write(actor: actor) { db, audit in
            let names = try Self.modelNames(db)
            let hit = try Self.fetchHit(db, id: id, names: names)
            try HitReview.checkDismiss(status: hit.status, id: id)
            try db.execute(cached: """
                    UPDATE model_hit SET status = 'dismissed', status_reason = ?, reviewed_by = ?, reviewed_at = ?
                    WHERE id = ?
                    """, arguments: [reason, actor, audit.at, id])
            try audit.record(.update, table: "model_hit", id: id, before: ["status": "open"],
                             after: ["status": "dismissed"], reason: reason)
            return try Self.fetchHit(db, id: id, names: names).masked()
        }
    }
}
