import Foundation
import WagecaseCore

/// What an import is asked to do.
public struct ImportRequest: Sendable {
    public var kind: ImportKind
    public var fileName: String
    public var fileSHA256: String
    public var sheet: String?
    public var encoding: String?
    public var dryRun: Bool
    public var skipInvalid: Bool
    /// For a clue row naming a worker already on a clue with another amount: which amount stands (nil: the row is
    /// refused, as `clue add --merge` refuses it).
    public var amountStands: ClueIntake.AmountStands?
    public var actor: String

    public init(kind: ImportKind, fileName: String, fileSHA256: String, sheet: String? = nil, encoding: String? = nil,
                dryRun: Bool = false, skipInvalid: Bool = false, amountStands: ClueIntake.AmountStands? = nil,
                actor: String) {
        (self.kind, self.fileName, self.fileSHA256, self.sheet, self.encoding) = (kind, fileName, fileSHA256, sheet, encoding)
        (self.dryRun, self.skipInvalid, self.amountStands, self.actor) = (dryRun, skipInvalid, amountStands, actor)
    }
}

/// What came of an import's rows. `committed` is false for a dry run and for a file refused for invalid rows.
public struct ImportSummary: Sendable, Codable, Equatable {
    public var importID: Int64?
    public var kind: ImportKind
    public var rowsRead = 0
    /// New records (for clues: new workers' claims on new or existing clues).
    public var imported = 0
    /// Rows matching a record already there (or earlier in the file); for clues seen from a new source, the
    /// source is added to the existing clue.
    public var merged = 0
    public var rejected = 0
    /// Rows around the table that are not records (合计, 制表人, 填报说明), passed over.
    public var skipped = 0
    public var committed = false
    public var dryRun = false
    public var firstRecordID: Int64?
    public var lastRecordID: Int64?
    /// An earlier committed import of the same file (same SHA-256), if any.
    public var previousImport: ImportRun?

    public init(kind: ImportKind) { self.kind = kind }

    enum CodingKeys: String, CodingKey {
        case kind, imported, merged, rejected, skipped, committed
        case importID = "import_id", rowsRead = "rows_read", dryRun = "dry_run", firstRecordID = "first_record_id",
             lastRecordID = "last_record_id", previousImport = "previous_import"
    }
}

/// A recorded import, as `wagecase import history` lists it.
public struct ImportRun: Sendable, Codable, Equatable {
    public var id: Int64
    public var kind: ImportKind
    public var fileName: String
    public var fileSHA256: String
    public var sheet: String?
    public var encoding: String?
    public var actor: String
    public var startedAt: String
    public var finishedAt: String
    public var rowsRead: Int
    public var imported: Int
    public var merged: Int
    public var rejected: Int
    public var firstRecordID: Int64?
    public var lastRecordID: Int64?

    public init(id: Int64, kind: ImportKind, fileName: String, fileSHA256: String, sheet: String?, encoding: String?,
                actor: String, startedAt: String, finishedAt: String, rowsRead: Int, imported: Int, merged: Int,
                rejected: Int, firstRecordID: Int64?, lastRecordID: Int64?) {
        (self.id, self.kind, self.fileName, self.fileSHA256, self.sheet, self.encoding) =
            (id, kind, fileName, fileSHA256, sheet, encoding)
        (self.actor, self.startedAt, self.finishedAt, self.rowsRead, self.imported, self.merged, self.rejected) =
            (actor, startedAt, finishedAt, rowsRead, imported, merged, rejected)
        (self.firstRecordID, self.lastRecordID) = (firstRecordID, lastRecordID)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, sheet, encoding, actor, imported, merged, rejected
        case fileName = "file_name", fileSHA256 = "file_sha256", startedAt = "started_at", finishedAt = "finished_at",
             rowsRead = "rows_read", firstRecordID = "first_record_id", lastRecordID = "last_record_id"
    }
}

/// A data row: its 1-based number in the file and its cells.
public typealias ImportRowSource = () throws -> (number: Int, cells: [String])?

/// The rows of a prepared file, handed to the store, which reads them on its own thread, one at a time.
public final class ImportRowFeed: @unchecked Sendable {
    // Unchecked: the store calls `next` from the one thread that runs the import, never concurrently.
    public let next: ImportRowSource

    public init(_ next: @escaping ImportRowSource) { self.next = next }
}

/// What an import through the store interface came to: the summary and the first problems found.
public struct ImportReport: Sendable {
    public var summary: ImportSummary
    public var issues: [ImportIssue]
    public var issueCount: Int

    public init(summary: ImportSummary, issues: [ImportIssue], issueCount: Int) {
        (self.summary, self.issues, self.issueCount) = (summary, issues, issueCount)
    }
}
