import Foundation
import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The PostgreSQL side of `wagecase copy`. It reads in a REPEATABLE READ, READ ONLY transaction (one state of
/// the database however long the copy takes) and loads in one transaction with `COPY … FROM STDIN`: foreign keys
/// checked at commit (they are DEFERRABLE), the figure triggers quiet while rows land (the figures come with the
/// copy), identities moved past the copied ids. Values are read back in the engine-neutral form: a `date` as
/// `YYYY-MM-DD`, a `timestamptz` as `YYYY-MM-DDTHH:MM:SS+08:00`, a `boolean` as 0 or 1, text keys in byte order.
public struct PostgresCopyEngine: CopyEngine {
    public let location: PostgresLocation
    public var displayLocation: String { location.redacted }

    public init(location: PostgresLocation) { self.location = location }

    /// Tables the schema keeps for itself.
    static let bookkeeping: Set<String> = ["schema_migration"]
    /// What a new database starts with; a copy replaces it with the source's.
    static let seeded: [String] = ["setting", "guarantee_rule"]

    /// A column and how to read and compare it.
    struct Column: Sendable {
        var name: String
        var type: String

        var selectExpression: String {
            let quoted = "\"\(name)\""
            switch type {
            case "boolean": return "\(quoted)::int::bigint"
            case "smallint", "integer", "bigint": return "\(quoted)::bigint"
            case "date": return "to_char(\(quoted), 'YYYY-MM-DD')"
            case "timestamp with time zone":
                // +08:00 itself, not Asia/Shanghai: China kept summer time in 1986–1991.
                return PostgresText.timestamp(quoted)
            case "bytea": return "encode(\(quoted), 'hex')"
            default: return "\(quoted)::text"
            }
        }
        var isInteger: Bool { ["boolean", "smallint", "integer", "bigint"].contains(type) }
        var keyExpression: String { type == "text" ? "\"\(name)\" COLLATE \"C\"" : "\"\(name)\"" }
        var parameterCast: String {
            switch type {
            case "smallint", "integer", "bigint": "::bigint"
            case "date": "::date"
            default: "::text"
            }
        }
    }

    struct TableShape: Sendable {
        var table: CopyTable
        var columns: [Column]
    }

    func open(migrate: Bool) async throws -> PostgresDatabase {
        try await PostgresDatabase.open(location, migrate: migrate)
    }

    public func copyTables(forWriting: Bool) async throws -> [CopyTable] {
        try await guarded { try await copyTablesUnguarded(forWriting: forWriting) }
    }

    func copyTablesUnguarded(forWriting: Bool) async throws -> [CopyTable] {
        let database = try await open(migrate: forWriting)
        defer { database.close() }
        return try await database.withConnection { try await Self.shapes($0) }.map(\.table)
    }

    public func tablesWithRecords() async throws -> [String] {
        try await guarded { try await tablesWithRecordsUnguarded() }
    }

    func tablesWithRecordsUnguarded() async throws -> [String] {
        let database = try await open(migrate: true)
        defer { database.close() }
        return try await database.withConnection { connection in
            var occupied: [String] = []
            // The seeded tables change only by audited commands, so the audit log speaks for them.
            for shape in try await Self.shapes(connection) where !Self.seeded.contains(shape.table.name) {
                if try await !Self.rows(connection, shape, after: nil, limit: 1).isEmpty {
                    occupied.append(shape.table.name)
                }
            }
            return occupied
        }
    }

    public func withSnapshot<T: Sendable>(_ body: @Sendable (any CopyReader) async throws -> T) async throws -> T {
        try await guarded { try await snapshot(body) }
    }

    func snapshot<T: Sendable>(_ body: @Sendable (any CopyReader) async throws -> T) async throws -> T {
        let database = try await open(migrate: false)
        defer { database.close() }
        return try await database.readOnly { connection in
            try await body(Reader(connection: connection, shapes: try await Self.shapes(connection)))
        }
    }

    public func withLoad<T: Sendable>(_ body: @Sendable (any CopyWriter, any CopyReader) async throws -> T) async throws -> T {
        try await guarded { try await load(body) }
    }

    /// Server errors described for people (a refusal passes as it is).
    func guarded<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch { throw PostgresFailure.describe(error, location: location) }
    }

    func load<T: Sendable>(_ body: @Sendable (any CopyWriter, any CopyReader) async throws -> T) async throws -> T {
        let database = try await open(migrate: true)
        defer { database.close() }
        return try await database.transaction { connection in
            let shapes = try await Self.shapes(connection)
            try await connection.query("SET CONSTRAINTS ALL DEFERRED", logger: PostgresDatabase.logger)
            for shape in shapes {
                try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \"\(shape.table.name)\" DISABLE TRIGGER USER"),
                                           logger: PostgresDatabase.logger)
            }
            for table in Self.seeded {
                try await connection.query(PostgresQuery(unsafeSQL: "DELETE FROM \"\(table)\""), logger: PostgresDatabase.logger)
            }
            let result = try await body(Writer(connection: connection, shapes: shapes),
                                        Reader(connection: connection, shapes: shapes))
            // Keys are checked now, inside the transaction (a broken one fails the copy, not the commit), and
            // before the triggers come back, which PostgreSQL allows only with no key checks pending.
            try await connection.query("SET CONSTRAINTS ALL IMMEDIATE", logger: PostgresDatabase.logger)
            for shape in shapes {
                try await connection.query(PostgresQuery(unsafeSQL: "ALTER TABLE \"\(shape.table.name)\" ENABLE TRIGGER USER"),
                                           logger: PostgresDatabase.logger)
                if shape.table.key == ["id"], shape.columns.first(where: { $0.name == "id" })?.isInteger == true {
                    // New ids continue after the copied ones.
                    try await connection.query(PostgresQuery(unsafeSQL: """
                        SELECT setval(pg_get_serial_sequence('"\(shape.table.name)"', 'id'),
                                      coalesce(max(id), 0) + 1, false) FROM "\(shape.table.name)"
                        WHERE pg_get_serial_sequence('"\(shape.table.name)"', 'id') IS NOT NULL
                        """), logger: PostgresDatabase.logger)
                }
            }
            return result
        }
    }

    /// The copy's tables with their columns and keys, parents before children.
    static func shapes(_ connection: PostgresConnection) async throws -> [TableShape] {
        var columns: [String: [Column]] = [:]
        for try await (table, name, type) in try await connection.query("""
            SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """, logger: PostgresDatabase.logger).decode((String, String, String).self) {
            guard !bookkeeping.contains(table) else { continue }
            columns[table, default: []].append(Column(name: name, type: type))
        }
        var keys: [String: [String]] = [:]
        for try await (table, column) in try await connection.query("""
            SELECT c.conrelid::regclass::text, a.attname::text
            FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
            WHERE c.contype = 'p' AND c.connamespace = current_schema()::regnamespace
            ORDER BY 1, k.position
            """, logger: PostgresDatabase.logger).decode((String, String).self) {
            keys[table, default: []].append(column)
        }
        var parents: [String: Set<String>] = [:]
        for try await (child, parent) in try await connection.query("""
            SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint
            WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
            """, logger: PostgresDatabase.logger).decode((String, String).self) where child != parent {
            parents[child, default: []].insert(parent)
        }
        var ordered: [TableShape] = []
        var placed: Set<String> = []
        func place(_ name: String) {
            guard !placed.contains(name), let tableColumns = columns[name] else { return }
            placed.insert(name)
            for parent in (parents[name] ?? []).sorted() { place(parent) }
            ordered.append(TableShape(table: CopyTable(name: name, columns: tableColumns.map(\.name),
                                                       key: keys[name] ?? tableColumns.map(\.name),
                                                       holdsFiles: tableColumns.contains { $0.type == "bytea" }),
                                      columns: tableColumns))
        }
        for name in columns.keys.sorted() { place(name) }
        return ordered
    }

    static func rows(_ connection: PostgresConnection, _ shape: TableShape, after key: [CopyValue]?,
                     limit: Int) async throws -> [[CopyValue]] {
        let keyColumns = shape.table.key.compactMap { name in shape.columns.first { $0.name == name } }
        var sql = "SELECT \(shape.columns.map(\.selectExpression).joined(separator: ", ")) FROM \"\(shape.table.name)\""
        var binds = PostgresBindings()
        if let key {
            let parameters = keyColumns.enumerated().map { index, column in "$\(index + 1)\(column.parameterCast)" }
            sql += " WHERE (\(keyColumns.map(\.keyExpression).joined(separator: ", "))) > (\(parameters.joined(separator: ", ")))"
            for value in key {
                switch value {
                case .null: binds.appendNull()
                case .integer(let n): binds.append(n)
                case .text(let text): binds.append(text)
                case .bytes(let bytes): binds.append(Hex.string(bytes))
                }
            }
        }
        sql += " ORDER BY \(keyColumns.map(\.keyExpression).joined(separator: ", "))"
        if limit != Int.max { sql += " LIMIT \(limit)" }
        var result: [[CopyValue]] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds),
                                                        logger: PostgresDatabase.logger) {
            var values: [CopyValue] = []
            values.reserveCapacity(shape.columns.count)
            for (cell, column) in zip(row, shape.columns) {
                if column.isInteger {
                    values.append(try cell.decode(Int64?.self).map(CopyValue.integer) ?? .null)
                } else if column.type == "bytea" {
                    values.append(try cell.decode(String?.self).map { CopyValue.bytes(Hex.bytes($0) ?? []) } ?? .null)
                } else {
                    values.append(try cell.decode(String?.self).map(CopyValue.text) ?? .null)
                }
            }
            result.append(values)
        }
        return result
    }

    struct Reader: CopyReader {
        let connection: PostgresConnection
        let shapes: [TableShape]
        func rows(of table: CopyTable, after key: [CopyValue]?, limit: Int) async throws -> [[CopyValue]] {
            guard let shape = shapes.first(where: { $0.table.name == table.name }) else { return [] }
            return try await PostgresCopyEngine.rows(connection, shape, after: key, limit: limit)
        }
    }

    struct Writer: CopyWriter {
        let connection: PostgresConnection
        let shapes: [TableShape]
        func write(_ rows: [[CopyValue]], into table: CopyTable) async throws {
            try await CopyText.copy(rows, into: table.name, columns: table.columns, on: connection)
        }
    }
}

/// COPY's text format: tab between values, a newline after each row, `\N` for no value, backslash escapes.
enum CopyText {
    /// `rows` into `table` with `COPY … FROM STDIN`, a few thousand rows a round trip.
    static func copy(_ rows: [[CopyValue]], into table: String, columns: [String],
                     on connection: PostgresConnection) async throws {
        for start in stride(from: 0, to: rows.count, by: 5_000) {
            var text = ""
            text.reserveCapacity(min(5_000, rows.count - start) * 64)
            for row in rows[start..<min(start + 5_000, rows.count)] {
                for (index, value) in row.enumerated() {
                    if index > 0 { text.append("\t") }
                    append(value, to: &text)
                }
                text.append("\n")
            }
            try await connection.copyFrom(table: table, columns: columns, logger: PostgresDatabase.logger) { writer in
                try await writer.write(ByteBuffer(string: text))
            }
        }
    }

    static func append(_ value: CopyValue, to text: inout String) {
        switch value {
        case .null: text.append("\\N")
        case .integer(let n): text.append(String(n))
        case .bytes(let bytes): text.append("\\\\x"); text.append(Hex.string(bytes))
        case .text(let value):
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\\": text.append("\\\\")
                case "\t": text.append("\\t")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
