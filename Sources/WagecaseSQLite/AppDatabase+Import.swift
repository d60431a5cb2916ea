import Foundation
import GRDB
import GRDBSQLite
import WagecaseCore
import WagecaseStore


extension AppDatabase {
    /// Imports the rows `next` hands out, in one transaction: all of them or, when any is invalid and
    /// `skipInvalid` is off, none (a dry run never writes). Each problem goes to `onIssue` as it is found (for
    /// the report); `onProgress` gets the rows read so far now and then.
    ///
    /// Stage, then write: every row is read and checked first, with no lock held, and the rows that pass are kept
    /// in a temporary file; only then does one write transaction apply them (the checks that need the database —
    /// duplicates, unknown employers — run there). So the service's writers wait for the writing alone, never
    /// for the reading of a slow file, and a file refused for invalid rows takes the write lock only to find the
    /// rest of its problems, writing nothing.
    public func importRows(_ request: ImportRequest, parser: ImportRowParser, next: @escaping ImportRowSource,
                           onIssue: (ImportIssue) throws -> Void,
                           onProgress: (Int) -> Void = { _ in }) throws -> ImportSummary {
        var summary = ImportSummary(kind: request.kind)
        summary.dryRun = request.dryRun
        summary.previousImport = try importRuns(sha256: request.fileSHA256).first
        let startedAt = now

        // Workers (the big files) are staged as checked records and moved in with one statement; the other kinds
        // as their cells, replayed through the same rules row by row.
        let stagedWorkers = request.kind == .workers ? try StagedWorkers() : nil
        let staged = try StagedRows()
        do {
            // Workers are sorted a run at a time: the reading runs that far ahead meanwhile (about 3 MB).
            let pipeline = RowPipeline(next: next, parser: parser, stagesWorkers: stagedWorkers != nil,
                                       depth: stagedWorkers == nil ? 8 : StagedWorkers.defaultRunLength / 512 + 2,
                                       sharesChecking: true)
            defer { pipeline.cancel() }
            while let batch = try pipeline.nextBatch() {
                for handed in batch {
                    let item = pipeline.checked(handed)
                    summary.rowsRead += 1
                    if summary.rowsRead % 4096 == 0 { onProgress(summary.rowsRead) }
                    switch item {
                    case .worker(let record):
                        // Made only when workers are staged.
                        guard let stagedWorkers else {
                            throw StagingError(reason: "row \(record.row) was staged as a worker in an import of another kind")
                        }
                        try stagedWorkers.add(record)
                    case .skipped:
                        summary.skipped += 1
                    case .invalid(_, let issues):
                        summary.rejected += 1
                        for issue in issues { try onIssue(issue) }
                    case .record(let number, _, let cells):
                        try staged.append(row: number, cells: cells)
                    case .unchecked(let number, _):
                        throw StagingError(reason: "row \(number) was staged unchecked")  // `checked` rules it out
                    }
                }
                pipeline.recycle(batch)
            }
            onProgress(summary.rowsRead)
        }
        try stagedWorkers?.seal()

        let writesNothing = request.dryRun || (summary.rejected > 0 && !request.skipInvalid)
        if let stagedWorkers, writesNothing {
            // Workers cannot be refused by what is on record (a known ID number merges), so nothing is left to
            // find: the figures come from a read, and the service's writers are not held for a moment.
            summary.imported = try read { db in try stagedWorkers.countNew(db) }
            summary.merged = stagedWorkers.count - summary.imported
            return summary
        }
        do {
            try write(actor: request.actor) { db, audit in
                // Rows applied one by one touch pages all over the tables; a page spilled to the WAL mid-transaction
                // and changed again is written again, so a larger cache (64 MB, memory stays flat) saves writing.
                // Staged workers go in in ID-number order, each page filled once and left: the default cache spills
                // nothing twice, and the import's peak memory halves.
                let appliedRowByRow = stagedWorkers == nil
                if appliedRowByRow { try db.execute(sql: "PRAGMA cache_size = -65536") }
                defer { if appliedRowByRow { try? db.execute(sql: "PRAGMA cache_size = -2000") } }
                if let stagedWorkers {
                    let moved = try stagedWorkers.moveIn(db, createdAt: audit.at)
                    summary.imported = moved.imported
                    summary.merged = stagedWorkers.count - moved.imported
                    (summary.firstRecordID, summary.lastRecordID) = (moved.first, moved.last)
                }
                var importer = BulkImporter(db: db, audit: audit, database: self, amountStands: request.amountStands)
                // The staged rows are parsed again on the second core while this one writes.
                let pipeline = RowPipeline(next: try staged.reader(), parser: parser)
                defer { pipeline.cancel() }
                while let batch = try pipeline.nextBatch() {
                    for handed in batch {
                        let item = pipeline.checked(handed)
                        guard case .record(let number, let record, _) = item else {
                            // A row checked once is checked the same way again; should the clock have crossed
                            // midnight in between, its refusal is still reported, never dropped.
                            if case .invalid(_, let issues) = item {
                                summary.rejected += 1
                                for issue in issues { try onIssue(issue) }
                            }
                            continue
                        }
                        do {
                            switch try importer.apply(record) {
                            case .imported(let id):
                                summary.imported += 1
                                if summary.firstRecordID == nil { summary.firstRecordID = id }
                                summary.lastRecordID = id
                            case .merged:
                                summary.merged += 1
                            }
                        } catch let refusal as WagecaseError {
                            summary.rejected += 1
                            try onIssue(ImportIssue(row: number,
                                                    column: parser.mapping.heading(refusal.importField ?? .name),
                                                    value: refusal.importValue, reason: refusal.reasonForReport))
                        }
                    }
                    pipeline.recycle(batch)
                }
                if writesNothing || (summary.rejected > 0 && !request.skipInvalid) { throw RollBack() }
                try db.execute(cached: """
                    INSERT INTO import_run (kind, file_name, file_sha256, sheet, encoding, actor, started_at,
                                            finished_at, rows_read, imported, merged, rejected, first_record_id,
                                            last_record_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [request.kind.rawValue, request.fileName, request.fileSHA256, request.sheet,
                                     request.encoding, request.actor, startedAt, now, summary.rowsRead,
                                     summary.imported, summary.merged, summary.rejected, summary.firstRecordID,
                                     summary.lastRecordID])
                summary.importID = db.lastInsertedRowID
                try audit.record(.insert, table: "import_run", id: summary.importID, after: [
                    "kind": request.kind.rawValue, "file_name": request.fileName, "file_sha256": request.fileSHA256,
                    "rows_read": summary.rowsRead, "imported": summary.imported, "merged": summary.merged,
                    "rejected": summary.rejected, "table": request.kind.table,
                    "first_record_id": summary.firstRecordID, "last_record_id": summary.lastRecordID,
                ])
                summary.committed = true
            }
        } catch is RollBack {
            summary.committed = false
        }
        return summary
    }

    /// Imports, newest first; one file's when `sha256` is given.
    public func importRuns(sha256: String? = nil, limit: Int = 100) throws -> [ImportRun] {
        try read { db in
            try Row.fetchAll(db, cached: """
                SELECT * FROM import_run WHERE (?1 IS NULL OR file_sha256 = ?1) ORDER BY id DESC LIMIT ?2
                """, arguments: [sha256, limit]).map { row in
                ImportRun(id: (try row.decode(forColumn: "id")), kind: try row.vocabulary("kind"), fileName: (try row.decode(forColumn: "file_name")),
                          fileSHA256: row["file_sha256"], sheet: (try row.decode(forColumn: "sheet")), encoding: (try row.decode(forColumn: "encoding")),
                          actor: (try row.decode(forColumn: "actor")), startedAt: (try row.decode(forColumn: "started_at")), finishedAt: (try row.decode(forColumn: "finished_at")),
                          rowsRead: (try row.decode(forColumn: "rows_read")), imported: (try row.decode(forColumn: "imported")), merged: (try row.decode(forColumn: "merged")),
                          rejected: (try row.decode(forColumn: "rejected")), firstRecordID: (try row.decode(forColumn: "first_record_id")),
                          lastRecordID: (try row.decode(forColumn: "last_record_id")))
            }
        }
    }
}

/// Thrown inside the import's transaction to undo it (dry run, or invalid rows without --skip-invalid).
private struct RollBack: Error {}

extension ImportKind {
    /// The table whose id range an import records.
    var table: String {
        switch self {
        case .workers: "worker"
        case .employers: "employer"
        case .projects: "project"
        case .guarantees: "guarantee"
        case .clues: "clue_worker"
        }
    }
}
