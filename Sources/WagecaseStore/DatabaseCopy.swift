import Crypto
import Foundation
import WagecaseCore

/// Moving a whole database from one engine to another (`wagecase copy --to URL`): every table, the audit log and
/// the import history, row for row, ids kept. Each engine reads and writes its own tables (`CopyEngine`); this
/// file holds only the order of the work and the proof: per-table row counts and content checksums, taken from
/// the source's snapshot and from the target inside its loading transaction, which commits only if all agree.
///
/// Values travel in one engine-neutral form (`CopyValue`): whole numbers, text, bytes or nothing. Each engine
/// writes its own types from it and reads them back into it (a PostgreSQL `date` as `YYYY-MM-DD`, `timestamptz`
/// as `YYYY-MM-DDTHH:MM:SS+08:00`, `boolean` as 0 or 1), so equal checksums mean the same content.
public enum CopyValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case bytes([UInt8])
}

/// A table as the copy sees it: its name, its columns in order, and the primary-key columns rows are read in
/// order of (so both sides hash the same sequence).
public struct CopyTable: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public var key: [String]
    /// Rows per round trip: fewer for a table of file bytes, so a page stays a few megabytes however large the
    /// files (the bytes travel as hex).
    public var rowsPerPage: Int

    public init(name: String, columns: [String], key: [String], holdsFiles: Bool = false) {
        self.name = name
        self.columns = columns
        self.key = key
        self.rowsPerPage = holdsFiles ? 4 : DatabaseCopy.pageSize
    }

    public static func == (lhs: CopyTable, rhs: CopyTable) -> Bool {
        lhs.name == rhs.name && lhs.columns == rhs.columns && lhs.key == rhs.key
    }
}

/// Reads one consistent state of a database, a table at a time, in key order, a page at a time.
public protocol CopyReader: Sendable {
    /// Up to `limit` rows of `table` whose key comes after `key` (nil: from the start), in key order.
    func rows(of table: CopyTable, after key: [CopyValue]?, limit: Int) async throws -> [[CopyValue]]
}

/// Loads rows into a database inside the loading transaction.
public protocol CopyWriter: Sendable {
    func write(_ rows: [[CopyValue]], into table: CopyTable) async throws
}

/// One engine's side of a copy.
public protocol CopyEngine: Sendable {
    /// Where the database is, with any password hidden.
    var displayLocation: String { get }
    /// The tables a copy moves, parents before children (the schema's bookkeeping tables left out). The target
    /// (`forWriting`) is brought to this program's schema first; a source is read as it is (a replica, a file
    /// handed over read-only) and refused if its schema is not this program's.
    func copyTables(forWriting: Bool) async throws -> [CopyTable]
    /// Runs `body` over one consistent state of the database.
    func withSnapshot<T: Sendable>(_ body: @Sendable (any CopyReader) async throws -> T) async throws -> T
    /// Tables that hold rows beyond what a new database starts with: a copy goes only into an empty database.
    func tablesWithRecords() async throws -> [String]
    /// Runs `body` in one transaction that first clears what a new database starts with (its default settings
    /// and rules, which the copy brings from the source), keeps the triggers that maintain figures from firing
    /// (the figures come with the copy), checks foreign keys at the end, and makes new ids follow the copied
    /// ones. The reader sees the transaction's own writes. Throwing rolls everything back.
    func withLoad<T: Sendable>(_ body: @Sendable (any CopyWriter, any CopyReader) async throws -> T) async throws -> T
}

/// What a copy did, table by table.
public struct CopyReport: Sendable, Encodable, Equatable {
    public struct Table: Sendable, Encodable, Equatable {
        public var name: String
        public var rows: Int
        /// SHA-256 of the table's rows in key order, the same on both sides.
        public var checksum: String
    }
    public var from: String
    public var to: String
    public var tables: [Table]
}

/// The copy refused or failed its proof; nothing was written.
public struct CopyRefused: Refusal, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case targetNotEmpty(tables: [String])
        case differentTables(onlySource: [String], onlyTarget: [String])
        case differentColumns(table: String, source: [String], target: [String])
        case mismatch(table: String, sourceRows: Int, targetRows: Int)
        case sameDatabase
    }
    public let reason: Reason
    public init(_ reason: Reason) { self.reason = reason }

    public var code: String {
        switch reason {
        case .targetNotEmpty: "copy.target_not_empty"
        case .differentTables, .differentColumns: "copy.schema_differs"
        case .mismatch: "copy.verification_failed"
        case .sameDatabase: "copy.same_database"
        }
    }

    public func message(_ language: Language) -> String {
        // Tables by their names for people (审计日志, not audit_log).
        func names(_ tables: [String]) -> String {
            tables.map { AuditWords.table($0, language) }.joined(separator: language == .zh ? "、" : ", ")
        }
        let phrase: Phrase
        switch reason {
        case .targetNotEmpty(let tables):
            phrase = "the target database already holds records (\(names(tables))); a copy goes only into a new, empty database"
        case .differentTables(let onlySource, let onlyTarget):
            phrase = "the two databases have different tables (only in the source: \(names(onlySource)); only in the target: \(names(onlyTarget))); bring both to the same wagecase version first"
        case .differentColumns(let table, let source, let target):
            phrase = "table \(names([table])) has different columns (source: \(source.joined(separator: ", ")); target: \(target.joined(separator: ", "))); bring both to the same wagecase version first"
        case .mismatch(let table, let sourceRows, let targetRows):
            phrase = "table \(names([table])) did not copy faithfully (source \(String(sourceRows)) rows, target \(String(targetRows)) rows, or different contents); nothing was written"
        case .sameDatabase:
            phrase = "the source and the target are the same database"
        }
        return phrase.text(language)
    }

    public var description: String { message(.en) }
}

public enum DatabaseCopy {
    /// Rows read and written per round trip.
    public static let pageSize = 2_000

    /// Copies everything in `source` into the empty `target` and proves it, in one transaction on the target.
    public static func copy(from source: any CopyEngine, to target: any CopyEngine) async throws -> CopyReport {
        guard source.displayLocation != target.displayLocation else { throw CopyRefused(.sameDatabase) }
        let tables = try await source.copyTables(forWriting: false)
        let targetTables = try await target.copyTables(forWriting: true)
        let sourceNames = Set(tables.map(\.name)), targetNames = Set(targetTables.map(\.name))
        guard sourceNames == targetNames else {
            throw CopyRefused(.differentTables(onlySource: sourceNames.subtracting(targetNames).sorted(),
                                               onlyTarget: targetNames.subtracting(sourceNames).sorted()))
        }
        for table in tables {
            if let other = targetTables.first(where: { $0.name == table.name }), other.columns != table.columns {
                throw CopyRefused(.differentColumns(table: table.name, source: table.columns, target: other.columns))
            }
        }
        let occupied = try await target.tablesWithRecords()
        guard occupied.isEmpty else { throw CopyRefused(.targetNotEmpty(tables: occupied)) }

        return try await source.withSnapshot { reader in
            try await target.withLoad { writer, targetReader in
                var report: [CopyReport.Table] = []
                for table in tables {
                    var written = Digest()
                    var after: [CopyValue]?
                    while true {
                        let rows = try await reader.rows(of: table, after: after, limit: table.rowsPerPage)
                        if rows.isEmpty { break }
                        try await writer.write(rows, into: table)
                        for row in rows { written.add(row) }
                        after = keyValues(of: rows[rows.count - 1], in: table)
                        if rows.count < table.rowsPerPage { break }
                    }
                    let landed = try await digest(of: table, in: targetReader)
                    guard landed == written else {
                        throw CopyRefused(.mismatch(table: table.name, sourceRows: written.rows, targetRows: landed.rows))
                    }
                    report.append(.init(name: table.name, rows: written.rows, checksum: written.hex))
                }
                return CopyReport(from: source.displayLocation, to: target.displayLocation, tables: report)
            }
        }
    }

    /// Row count and checksum of one table as `reader` sees it.
    public static func digest(of table: CopyTable, in reader: any CopyReader) async throws -> Digest {
        var digest = Digest()
        var after: [CopyValue]?
        while true {
            let rows = try await reader.rows(of: table, after: after, limit: table.rowsPerPage)
            for row in rows { digest.add(row) }
            if rows.count < table.rowsPerPage { break }
            after = keyValues(of: rows[rows.count - 1], in: table)
        }
        return digest
    }

    static func keyValues(of row: [CopyValue], in table: CopyTable) -> [CopyValue] {
        table.key.compactMap { column in table.columns.firstIndex(of: column).map { row[$0] } }
    }

    /// A running SHA-256 over rows, each value written with its kind and length so no two different rows hash
    /// the same way, and a row count.
    public struct Digest: Equatable, Sendable, CustomStringConvertible {
        private var hasher = SHA256()
        public private(set) var rows = 0

        public init() {}

        mutating func add(_ row: [CopyValue]) {
            rows += 1
            var bytes: [UInt8] = []
            for value in row {
                switch value {
                case .null: bytes.append(0x4E)
                case .integer(let n): bytes.append(0x49); bytes.append(contentsOf: String(n).utf8); bytes.append(0x3B)
                case .text(let text):
                    bytes.append(0x54); bytes.append(contentsOf: String(text.utf8.count).utf8); bytes.append(0x3A)
                    bytes.append(contentsOf: text.utf8)
                case .bytes(let data):
                    bytes.append(0x42); bytes.append(contentsOf: String(data.count).utf8); bytes.append(0x3A)
                    bytes.append(contentsOf: data)
                }
            }
            bytes.append(0x0A)
            hasher.update(data: bytes)
        }

        public var hex: String { Hex.string(hasher.finalize()) }

        public var description: String { "\(rows) rows, SHA-256 \(hex.prefix(16))…" }

        public static func == (lhs: Digest, rhs: Digest) -> Bool { lhs.rows == rhs.rows && lhs.hex == rhs.hex }
    }
}
