import Foundation
import WagecaseCore

/// What `loadSample` did.
public enum SampleLoadResult: Sendable, Equatable {
    case loaded
    case alreadyLoaded
}

/// What `wagecase backup` produced.
public struct BackupResult: Sendable, Codable, Equatable {
    public var path: String
    public var bytes: Int64
    /// SQLite's `integrity_check` on the copy: "ok".
    public var integrity: String
    public var auditEntries: Int

    public init(path: String, bytes: Int64, integrity: String, auditEntries: Int) {
        (self.path, self.bytes, self.integrity, self.auditEntries) = (path, bytes, integrity, auditEntries)
    }
}

/// What `wagecase audit verify` found.
public struct AuditVerification: Sendable, Codable, Equatable {
    public var entries: Int
    /// The first entry that does not match the chain (changed, or an entry before it removed), if any.
    public var firstBroken: Int64?
    public var problem: String?
    /// The newest entry's id and hash: note them elsewhere to detect entries cut off the end later.
    public var headID: Int64?
    public var headHash: String?

    public init(entries: Int, firstBroken: Int64? = nil, problem: String? = nil, headID: Int64? = nil,
                headHash: String? = nil) {
        (self.entries, self.firstBroken, self.problem, self.headID, self.headHash) =
            (entries, firstBroken, problem, headID, headHash)
    }

    public var isIntact: Bool { firstBroken == nil }

    enum CodingKeys: String, CodingKey {
        case entries, problem, firstBroken = "first_broken", headID = "head_id", headHash = "head_hash"
    }
}

/// What `wagecase stats --verify` found: the figures kept by day against the same figures counted from the records.
public struct FigureVerification: Sendable, Codable, Equatable {
    public struct Difference: Sendable, Codable, Equatable {
        public var table: String
        /// "kept": a row kept that the records do not give; "records": a row the records give that is not kept.
        public var side: String
        public var row: String

        public init(table: String, side: String, row: String) { (self.table, self.side, self.row) = (table, side, row) }
    }

    public var rows: Int
    public var differences: [Difference]

    public init(rows: Int, differences: [Difference]) { (self.rows, self.differences) = (rows, differences) }

    public var agrees: Bool { differences.isEmpty }
}
