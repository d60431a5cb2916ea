import WagecaseCore

/// A partner's file to load as a dataset: where it came from and what it is.
public struct NewDataset: Sendable {
    public var kind: DatasetKind
    /// The unit that sent it (报送单位).
    public var unit: String?
    public var fileName: String
    public var fileSHA256: String
    public var sheet: String?
    public var encoding: String?
    public var dryRun: Bool
    public var skipInvalid: Bool
    public var actor: String

    public init(kind: DatasetKind, unit: String?, fileName: String, fileSHA256: String, sheet: String?,
                encoding: String?, dryRun: Bool, skipInvalid: Bool, actor: String) throws(WagecaseError) {
        self.unit = try TextField.optional(unit, field: "unit", maxLength: 200, multiline: false)
        (self.kind, self.fileName, self.fileSHA256, self.sheet, self.encoding) = (kind, fileName, fileSHA256, sheet, encoding)
        (self.dryRun, self.skipInvalid, self.actor) = (dryRun, skipInvalid, actor)
    }
}

/// A checked row with its place in the file and its cells as the file had them (a JSON object).
public struct DatasetRowInput: Sendable {
    public var record: DatasetRecord
    public var rowNumber: Int
    public var original: String
    public init(record: DatasetRecord, rowNumber: Int, original: String) {
        (self.record, self.rowNumber, self.original) = (record, rowNumber, original)
    }
}

/// What loading a file did.
public struct DatasetLoad: Sendable, Codable, Equatable {
    /// The dataset; for a file loaded before, the earlier one (and nothing was added).
    public var id: Int64?
    public var kind: DatasetKind
    public var fileName: String
    public var sha256: String
    public var rowsRead: Int
    public var imported: Int
    /// Rows of earlier files the new rows replace (same reference).
    public var superseded: Int
    public var rejected: Int
    public var alreadyLoaded: Bool
    public var dryRun: Bool

    enum CodingKeys: String, CodingKey {
        case id, kind, sha256, imported, superseded, rejected
        case fileName = "file_name", rowsRead = "rows_read", alreadyLoaded = "already_loaded", dryRun = "dry_run"
    }

    public init(id: Int64?, kind: DatasetKind, fileName: String, sha256: String, rowsRead: Int, imported: Int,
                superseded: Int, rejected: Int, alreadyLoaded: Bool, dryRun: Bool) {
        (self.id, self.kind, self.fileName, self.sha256, self.rowsRead) = (id, kind, fileName, sha256, rowsRead)
        (self.imported, self.superseded, self.rejected, self.alreadyLoaded, self.dryRun) = (imported, superseded, rejected, alreadyLoaded, dryRun)
    }
}

/// A loaded dataset as `dataset list` shows it.
public struct DatasetInfo: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: DatasetKind
    public var unit: String?
    public var fileName: String
    public var sha256: String
    public var rows: Int
    /// Rows no newer file replaced.
    public var current: Int
    public var rejected: Int
    public var loadedBy: String
    public var loadedAt: String

    enum CodingKeys: String, CodingKey {
        case id, kind, unit, sha256, rows, current, rejected
        case fileName = "file_name", loadedBy = "loaded_by", loadedAt = "loaded_at"
    }

    public init(id: Int64, kind: DatasetKind, unit: String?, fileName: String, sha256: String, rows: Int, current: Int,
                rejected: Int, loadedBy: String, loadedAt: String) {
        (self.id, self.kind, self.unit, self.fileName, self.sha256) = (id, kind, unit, fileName, sha256)
        (self.rows, self.current, self.rejected, self.loadedBy, self.loadedAt) = (rows, current, rejected, loadedBy, loadedAt)
    }
}

/// A model as `model list` shows it: built in, or loaded by an office (and by whom).
public struct ModelInfo: Sendable, Codable, Equatable {
    public var model: SupervisionModel
    public var builtIn: Bool
    /// Whether runs use it (the highest version of its id).
    public var current: Bool
    public var loadedBy: String?
    public var loadedAt: String?
    /// The file as loaded (built-in models: as `ModelFile.yaml` writes them).
    public var source: String

    public init(model: SupervisionModel, builtIn: Bool, current: Bool, loadedBy: String?, loadedAt: String?, source: String) {
        (self.model, self.builtIn, self.current, self.loadedBy, self.loadedAt, self.source) = (model, builtIn, current, loadedBy, loadedAt, source)
    }
}

/// Which models to run, as of when.
public struct ModelRunRequest: Sendable {
    /// Model ids; empty runs every current model.
    public var models: [String]
    public var asOf: LocalDate?
    public var dryRun: Bool
    /// Whether each lead comes back with its evidence rows (their original cells); else with their count only.
    public var withEvidence: Bool
    public var actor: String
    public init(models: [String], asOf: LocalDate?, dryRun: Bool, withEvidence: Bool = false, actor: String) {
        (self.models, self.asOf, self.dryRun, self.withEvidence, self.actor) = (models, asOf, dryRun, withEvidence, actor)
    }
}

/// What a run found.
public struct ModelRunResult: Sendable, Codable {
    public var runID: Int64?
    public var asOf: LocalDate
    public var models: [String]
    public var recordsExamined: Int
    public var hits: [StoredHit]
    /// Leads not found before.
    public var new: Int
    /// Open leads found again (evidence refreshed).
    public var refreshed: Int
    /// Leads found again that a person already accepted or dismissed: left as they are.
    public var reviewed: Int

    enum CodingKeys: String, CodingKey {
        case models, hits, new, refreshed, reviewed
        case runID = "run_id", asOf = "as_of", recordsExamined = "records_examined"
    }

    public init(runID: Int64?, asOf: LocalDate, models: [String], recordsExamined: Int, hits: [StoredHit], new: Int,
                refreshed: Int, reviewed: Int) {
        (self.runID, self.asOf, self.models, self.recordsExamined, self.hits) = (runID, asOf, models, recordsExamined, hits)
        (self.new, self.refreshed, self.reviewed) = (new, refreshed, reviewed)
    }
}

/// One evidence row of a lead: what the partner's file said.
public struct HitEvidence: Sendable, Codable, Equatable {
    public var rowID: Int64
    public var dataset: DatasetKind
    public var datasetID: Int64
    public var unit: String?
    public var fileName: String
    public var rowNumber: Int
    public var number: String?
    public var date: LocalDate?
    public var personName: String?
    public var idNumber: String?
    public var employer: String?
    public var project: String?
    public var amount: Fen?
    public var paid: Fen?
    public var status: String?
    public var content: String?
    /// The cells as the file had them, heading → value (personal numbers masked unless revealed).
    public var original: [String: String]

    enum CodingKeys: String, CodingKey {
        case dataset, unit, number, date, employer, project, status, content, original
        case rowID = "row_id", datasetID = "dataset_id", fileName = "file_name", rowNumber = "row_number"
        case personName = "person_name", idNumber = "id_number", amount = "amount_fen", paid = "paid_fen"
    }

    public init(rowID: Int64, dataset: DatasetKind, datasetID: Int64, unit: String?, fileName: String, rowNumber: Int,
                record: DatasetRecord, original: [String: String]) {
        (self.rowID, self.dataset, self.datasetID, self.unit, self.fileName, self.rowNumber) = (rowID, dataset, datasetID, unit, fileName, rowNumber)
        (number, date, personName, idNumber, employer, project) = (record.number, record.date, record.personName, record.idNumber, record.employer, record.project)
        (amount, paid, status, content, self.original) = (record.amount, record.paid, record.status, record.content, original)
    }
}

/// A lead as stored and reviewed.
public struct StoredHit: Sendable, Codable, Equatable {
    public var id: Int64?
    public var model: String
    public var modelVersion: Int
    public var modelName: String
    public var subject: String
    public var caution: Bool
    public var audience: ModelAudience
    public var employer: String?
    public var creditCode: String?
    public var project: String?
    public var workers: [HitWorker]
    public var amount: Fen
    public var score: Int
    public var evidence: [HitEvidence]
    /// How many dataset rows the lead rests on (also when `evidence` is not loaded).
    public var evidenceRows: Int
    public var guarantees: [Int64]
    public var lastActivity: LocalDate?
    /// A clue already on record for the same employer (and project) and workers.
    public var existingClue: Int64?
    /// The case that clue became, if any.
    public var existingCase: Int64?
    public var status: HitStatus
    public var statusReason: String?
    public var clueID: Int64?
    public var foundOn: LocalDate

    enum CodingKeys: String, CodingKey {
        case id, model, subject, caution, audience, employer, project, workers, score, evidence, guarantees, status
        case evidenceRows = "evidence_rows"
        case modelVersion = "model_version", modelName = "model_name", creditCode = "employer_credit_code"
        case amount = "amount_fen", lastActivity = "last_activity", existingClue = "existing_clue"
        case existingCase = "existing_case", statusReason = "status_reason", clueID = "clue_id", foundOn = "found_on"
    }

    /// As the synthesized encoding, except that who and what a lead is about and any clue already on record are
    /// always present (null when the data has none), so a reader never has to tell "absent" from "none".
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(model, forKey: .model)
        try c.encode(modelVersion, forKey: .modelVersion)
        try c.encode(modelName, forKey: .modelName)
        try c.encode(subject, forKey: .subject)
        try c.encode(caution, forKey: .caution)
        try c.encode(audience, forKey: .audience)
        try c.encode(employer, forKey: .employer)
        try c.encode(creditCode, forKey: .creditCode)
        try c.encode(project, forKey: .project)
        try c.encode(workers, forKey: .workers)
        try c.encode(amount, forKey: .amount)
        try c.encode(score, forKey: .score)
        try c.encode(evidence, forKey: .evidence)
        try c.encode(evidenceRows, forKey: .evidenceRows)
        try c.encode(guarantees, forKey: .guarantees)
        try c.encodeIfPresent(lastActivity, forKey: .lastActivity)
        try c.encode(existingClue, forKey: .existingClue)
        try c.encode(existingCase, forKey: .existingCase)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(statusReason, forKey: .statusReason)
        try c.encodeIfPresent(clueID, forKey: .clueID)
        try c.encode(foundOn, forKey: .foundOn)
    }

    public init(id: Int64?, hit: ModelHit, modelName: String, evidence: [HitEvidence], existingClue: Int64?,
                existingCase: Int64?, status: HitStatus, statusReason: String?, clueID: Int64?, foundOn: LocalDate) {
        (self.id, model, modelVersion, self.modelName, subject) = (id, hit.model, hit.version, modelName, hit.subject)
        (caution, audience, employer, creditCode, project) = (hit.caution, hit.audience, hit.employer, hit.creditCode, hit.project)
        (workers, amount, score, self.evidence, guarantees) = (hit.workers, hit.amount, hit.score, evidence, hit.guarantees)
        evidenceRows = hit.evidence.count
        (lastActivity, self.existingClue, self.existingCase) = (hit.lastActivity, existingClue, existingCase)
        (self.status, self.statusReason, self.clueID, self.foundOn) = (status, statusReason, clueID, foundOn)
    }
}

extension StoredHit: Maskable {
    public func masked() -> StoredHit {
        var copy = self
        copy.workers = workers.map { worker in
            var worker = worker
            worker.idNumber = worker.idNumber.map(ResidentID.mask)
            return worker
        }
        copy.evidence = evidence.map { row in
            var row = row
            row.idNumber = row.idNumber.map(ResidentID.mask)
            row.original = row.original.mapValues(DatasetMasking.cell)
            return row
        }
        return copy
    }
}

/// Masks what looks like a personal number in a partner's cell: an ID number (18 characters, 17 digits first), a
/// mobile number (11 digits from 1) or a landline with its area code (0 first); a date or an amount stays.
public enum DatasetMasking {
    public static func cell(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace && $0 != "-" }
        let digits = compact.filter { $0.isASCII && $0.isNumber }
        if compact.count == 18, digits.count >= 17, compact.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }) {
            return ResidentID.mask(compact)
        }
        guard digits.count == compact.count else { return text }
        if digits.count == 11 && digits.hasPrefix("1") { return PhoneNumber.mask(digits) }
        if (10...12).contains(digits.count) && digits.hasPrefix("0") { return PhoneNumber.mask(digits) }
        return text
    }
}

/// Which leads to list.
public struct HitFilter: Sendable {
    public var model: String?
    public var status: HitStatus?
    /// Only leads for this audience (labor-bureau staff see theirs).
    public var audience: ModelAudience?
    public var limit: Int
    public var afterID: Int64
    /// Best first (score, then amount) for a review queue; else in the order found, for paging on by id.
    public var bestFirst: Bool

    public init(model: String? = nil, status: HitStatus? = nil, audience: ModelAudience? = nil, limit: Int = 100,
                afterID: Int64 = 0, bestFirst: Bool = true) {
        (self.model, self.status, self.audience, self.limit, self.afterID) = (model, status, audience, limit, afterID)
        self.bestFirst = bestFirst
    }
}

/// Accepting a lead: the clue it makes, with what the operator completes.
public struct AcceptHit: Sendable {
    public var hitID: Int64
    /// The clue's received date (default: today).
    public var received: LocalDate?
    /// The employer's name when the lead has only a credit code, or a credit code when it has only a name.
    public var employerName: String?
    public var creditCode: CreditCode?
    public var project: String?
    public var summary: String?
    /// Required for a caution lead: why a person decided it should still be a clue.
    public var reason: String?
    public var amountStands: ClueIntake.AmountStands?

    public init(hitID: Int64, received: LocalDate? = nil, employerName: String? = nil, creditCode: CreditCode? = nil,
                project: String? = nil, summary: String? = nil, reason: String? = nil,
                amountStands: ClueIntake.AmountStands? = nil) {
        (self.hitID, self.received, self.employerName, self.creditCode, self.project) = (hitID, received, employerName, creditCode, project)
        (self.summary, self.reason, self.amountStands) = (summary, reason, amountStands)
    }
}
