import Foundation
import GRDB
import WagecaseCore
import WagecaseStore

/// The SQLite side of `wagecase copy`: reads a database file as it stands, or builds a new one. A new file is
/// loaded under a temporary name beside the target and renamed into place only when every table has been proved,
/// so a failed copy leaves nothing at the target path.
public struct SQLiteCopyEngine: CopyEngine {
    public let path: String
    public var displayLocation: String { URL(fileURLWithPath: path).standardizedFileURL.path }

    public init(path: String) { self.path = path }

    /// Tables the schema keeps for itself.
    static let bookkeeping: Set<String> = ["grdb_migrations", "sqlite_sequence", "sqlite_stat1"]
    /// What a new database starts with; a copy replaces it with the source's.
    static let seeded: Set<String> = ["setting", "guarantee_rule"]

    public func copyTables(forWriting: Bool) async throws -> [CopyTable] {
        guard FileManager.default.fileExists(atPath: path) || !forWriting else {
            // A target that does not exist yet will have the schema this program creates.
            let database = try AppDatabase.inMemory()
            return try database.read(Self.tables)
        }
        // A target file is loaded under a temporary name with this program's schema: it only has to hold no
        // records. A source must have this program's schema (an outdated file is refused, not upgraded).
        let database = try AppDatabase.open(path: path, mode: .readOnly)
        return try database.read(Self.tables)
    }

    public func tablesWithRecords() async throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let database = try AppDatabase.open(path: path, mode: .readOnly)
        // The seeded tables change only by audited commands, so the audit log speaks for them.
        return try database.read { db in
            try Self.tables(db).filter { !Self.seeded.contains($0.name) }.compactMap { table in
                try Self.rows(db, table, after: nil, limit: 1).isEmpty ? nil : table.name
            }
        }
    }

    public func withSnapshot<T: Sendable>(_ body: @Sendable (any CopyReader) async throws -> T) async throws -> T {
        _ = try AppDatabase.open(path: path, mode: .readOnly)  // says plainly what is wrong with a bad file
        // One read transaction held open for the whole copy (the file is in WAL mode, as the program keeps it):
        // every page comes from the same state of the file while a service goes on writing.
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(DatabaseBusy.busyTimeout)
        let pool = try DatabasePool(path: path, configuration: configuration)
        let snapshot = try pool.makeSnapshot()
        return try await body(Reader(database: snapshot))
    }

    public func withLoad<T: Sendable>(_ body: @Sendable (any CopyWriter, any CopyReader) async throws -> T) async throws -> T {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let temporary = URL(fileURLWithPath: directory)
            .appendingPathComponent(".\(URL(fileURLWithPath: path).lastPathComponent).copying-\(getpid())").path
        func removeTemporary() {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        }
        removeTemporary()
        do {
            let result: T
            do {
                let database = try AppDatabase.open(path: temporary, mode: .createIfMissing)
                let pool = database.writer
                // The figures and the monitor's kept findings come with the copy: the triggers that keep them stay
                // quiet while rows land, and come back exactly as the schema made them.
                let triggers = try await pool.write { db -> [String] in
                    let triggers = try String.fetchAll(db, sql: """
                        SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid
                        """)
                    for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                        try db.execute(sql: "DROP TRIGGER \(name.quotedDatabaseIdentifier)")
                    }
                    for table in Self.seeded { try db.execute(sql: "DELETE FROM \(table.quotedDatabaseIdentifier)") }
                    return triggers
                }
                // Rows arrive parent before child, but a row may point at a later row of its own table
                // (a superseded dataset row): keys are checked once, at the end.
                try await pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA foreign_keys = OFF") }
                result = try await body(Writer(database: pool), Reader(database: pool))
                try await pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA foreign_keys = ON")
                    let broken = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
                    if let first = broken.first {
                        throw CopyRefused(.mismatch(table: first[0] as String? ?? "?", sourceRows: 0, targetRows: broken.count))
                    }
                }
                try await pool.write { db in for trigger in triggers { try db.execute(sql: trigger) } }
                // Everything into the main file before it is renamed: the write-ahead log goes by the old name.
                _ = try await pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
                try (pool as? DatabasePool)?.close()
            }
            if FileManager.default.fileExists(atPath: path) {
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            guard rename(temporary, path) == 0 else {
                throw AppDatabase.NotADatabase(path: path, reason: "it cannot be written (permissions?)")
            }
            removeTemporary()
            return result
        } catch {
            removeTemporary()
            throw error
        }
    }

    static func tables(_ db: Database) throws -> [CopyTable] {
        let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .filter { !bookkeeping.contains($0) }
        var tables: [String: CopyTable] = [:]
        var parents: [String: Set<String>] = [:]
        for name in names {
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(name.quotedDatabaseIdentifier))")
            let key = columns.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }
                .map { $0["name"] as String }
            let names = columns.map { $0["name"] as String }
            tables[name] = CopyTable(name: name, columns: names, key: key.isEmpty ? names : key,
                                     holdsFiles: columns.contains { ($0["type"] as String).uppercased() == "BLOB" })
            parents[name] = Set(try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(name.quotedDatabaseIdentifier))")
                .map { $0["table"] as String }).subtracting([name])
        }
        var ordered: [CopyTable] = []
        var placed: Set<String> = []
        func place(_ name: String) {
            guard !placed.contains(name), let table = tables[name] else { return }
            placed.insert(name)
            for parent in (parents[name] ?? []).sorted() { place(parent) }
            ordered.append(table)
        }
        for name in names { place(name) }
        return ordered
    }

    static func rows(_ db: Database, _ table: CopyTable, after key: [CopyValue]?, limit: Int) throws -> [[CopyValue]] {
        let columns = table.columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        let keyList = table.key.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
        var sql = "SELECT \(columns) FROM \(table.name.quotedDatabaseIdentifier)"
        var arguments = StatementArguments()
        if let key {
            sql += " WHERE (\(keyList)) > (\(Array(repeating: "?", count: key.count).joined(separator: ", ")))"
            arguments = StatementArguments(key.map(databaseValue))
        }
        sql += " ORDER BY \(keyList)"
        if limit != Int.max { sql += " LIMIT \(limit)" }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            (0..<row.count).map { index in copyValue(row[index] as DatabaseValue) }
        }
    }

    static func copyValue(_ value: DatabaseValue) -> CopyValue {
        switch value.storage {
        case .null: .null
        case .int64(let n): .integer(n)
        case .double(let d): .text(String(d))
        case .string(let s): .text(s)
        case .blob(let data): .bytes([UInt8](data))
        }
    }

    static func databaseValue(_ value: CopyValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let n): n.databaseValue
        case .text(let s): s.databaseValue
        case .bytes(let b): Data(b).databaseValue
        }
    }

    struct Reader: CopyReader {
        let database: any DatabaseReader
        func rows(of table: CopyTable, after key: [CopyValue]?, limit: Int) async throws -> [[CopyValue]] {
            try await database.read { db in try SQLiteCopyEngine.rows(db, table, after: key, limit: limit) }
        }
    }

    struct Writer: CopyWriter {
        let database: any DatabaseWriter
        func write(_ rows: [[CopyValue]], into table: CopyTable) async throws {
            try await database.write { db in
                let statement = try db.makeStatement(sql: """
                    INSERT INTO \(table.name.quotedDatabaseIdentifier) (\(table.columns.map(\.quotedDatabaseIdentifier)
                        .joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: table.columns.count)
                        .joined(separator: ", ")))
                    """)
                for row in rows {
                    try statement.execute(arguments: StatementArguments(row.map(SQLiteCopyEngine.databaseValue)))
                }
            }
        }
    }
}
