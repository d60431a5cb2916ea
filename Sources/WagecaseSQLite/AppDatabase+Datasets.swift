import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

/// A row of a dataset file as the loader reads it: checked, or refused with its problems.
public typealias DatasetRowFeed = () throws -> Result<DatasetRowInput, ImportIssues>?

extension AppDatabase {
    /// Loads a partner's file as a dataset in one transaction: a file loaded before (same kind and SHA-256) adds
    /// nothing; an invalid row refuses the whole file unless `skipInvalid`; each new row supersedes the current
    /// row of its kind with the same reference. `onIssue` hears every refused row's problems.
    public func loadDataset(_ request: NewDataset, rows: DatasetRowFeed,
                            onIssue: (ImportIssue) throws -> Void) throws -> DatasetLoad {
        do {
            return try writeDataset(request, rows: rows, onIssue: onIssue)
        } catch let finished as DryRunFinished {
            return finished.load
        }
    }

    private func writeDataset(_ request: NewDataset, rows next: DatasetRowFeed,
                              onIssue: (ImportIssue) throws -> Void) throws -> DatasetLoad {
        return try write(actor: request.actor) { db, audit in
            // Checked in the transaction that would add it: two loads of one file cannot both pass.
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE kind = ? AND file_sha256 = ?",
                                                 arguments: [request.kind.rawValue, request.fileSHA256]) {
                return DatasetLoad(id: existing, kind: request.kind, fileName: request.fileName, sha256: request.fileSHA256,
                                   rowsRead: 0, imported: 0, superseded: 0, rejected: 0, alreadyLoaded: true,
                                   dryRun: request.dryRun)
            }
            try db.execute(cached: """
                    INSERT INTO dataset (kind, unit, file_name, file_sha256, sheet, encoding, rows, rejected, loaded_by,
                                         loaded_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)
                    """, arguments: [request.kind.rawValue, request.unit, request.fileName, request.fileSHA256,
                                     request.sheet, request.encoding, request.actor, audit.at])
            let datasetID = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: """
                    INSERT INTO dataset_row (dataset_id, kind, row_number, reference, number, person_name, id_number,
                        phone, employer, credit_code, project, amount_fen, paid_fen, date, planned_completion, status,
                        channel, content, headcount, region_code, original)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let supersede = try db.cachedStatement(sql: """
                    UPDATE dataset_row SET superseded_by = ?
                    WHERE kind = ? AND reference = ? AND superseded_by IS NULL AND id <> ?
                    """)
            var (read, imported, superseded, rejected) = (0, 0, 0, 0)
            while let row = try next() {
                read += 1
                switch row {
                case .failure(let problems):
                    rejected += 1
                    for issue in problems.issues { try onIssue(issue) }
                case .success(let input):
                    let r = input.record
                    let reference = r.reference
                    try insert.execute(arguments: [
                        datasetID, request.kind.rawValue, input.rowNumber, reference, r.number, r.personName,
                        r.idNumber, r.phone, r.employer, r.creditCode, r.project, r.amount?.value, r.paid?.value,
                        r.date?.iso, r.plannedCompletion?.iso, r.status, r.channel, r.content, r.headcount,
                        r.regionCode, input.original,
                    ])
                    imported += 1
                    if let reference {
                        let id = db.lastInsertedRowID
                        try supersede.execute(arguments: [id, request.kind.rawValue, reference, id])
                        superseded += db.changesCount
                    }
                }
            }
            if rejected > 0 && !request.skipInvalid {
                throw WagecaseError.invalidField(
                    field: "file", value: request.fileName, reason: "has \(rejected) invalid row(s); nothing was loaded",
                    allowed: "the rows corrected (--report lists every problem), or --skip-invalid to load the valid rows")
            }
            try db.execute(cached: "UPDATE dataset SET rows = ?, rejected = ? WHERE id = ?",
                           arguments: [imported, rejected, datasetID])
            try audit.record(.insert, table: "dataset", id: datasetID, after: [
                "kind": request.kind.rawValue, "unit": request.unit, "file_name": request.fileName,
                "file_sha256": request.fileSHA256, "rows": imported, "superseded": superseded, "rejected": rejected,
            ])
            let load = DatasetLoad(id: datasetID, kind: request.kind, fileName: request.fileName,
                                   sha256: request.fileSHA256, rowsRead: read, imported: imported,
                                   superseded: superseded, rejected: rejected, alreadyLoaded: false,
                                   dryRun: request.dryRun)
            // A dry run does all of the work and keeps none of it.
            if request.dryRun { throw DryRunFinished(load: load) }
            return load
        }
    }

    /// The datasets loaded, newest first.
    public func datasets(limit: Int = 200) throws -> [DatasetInfo] {
        try read { db in
            try Row.fetchAll(db, sql: """
                    SELECT d.id, d.kind, d.unit, d.file_name, d.file_sha256, d.rows, d.rejected, d.loaded_by, d.loaded_at,
                           (SELECT COUNT(*) FROM dataset_row r WHERE r.dataset_id = d.id AND r.superseded_by IS NULL)
                    FROM dataset d ORDER BY d.id DESC LIMIT ?
                    """, arguments: [limit]).map { row in
                guard let kind = DatasetKind(rawValue: row[1]) else { throw CorruptValue(column: "dataset.kind", value: row[1]) }
                return DatasetInfo(id: row[0], kind: kind, unit: row[2], fileName: row[3], sha256: row[4], rows: row[5],
                                   current: row[9], rejected: row[6], loadedBy: row[7], loadedAt: row[8])
            }
        }
    }
}

/// Carries a dry run's outcome out of the transaction it rolls back.
struct DryRunFinished: Error {
    let load: DatasetLoad
}
