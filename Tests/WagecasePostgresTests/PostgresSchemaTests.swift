import Foundation
import GRDB
import PostgresNIO
import Testing
import WagecaseCore
import WagecaseSQLite
@testable import WagecasePostgres

/// schema.postgres.sql against schema.sql: the same tables, columns (in order), nullability, primary keys, unique
/// constraints, foreign keys and named indexes, read from what each engine made of its file.
@Suite("PostgreSQL schema", .serialized)
struct PostgresSchemaTests {
    struct Shape: Equatable, CustomStringConvertible {
        var columns: [String: [String]] = [:]          // table → "name nullable|not null", in order
        var primaryKeys: [String: [String]] = [:]
        var uniques: Set<String> = []                  // "table(a,b)"
        var foreignKeys: Set<String> = []              // "table.column → parent.column"
        var indexes: Set<String> = []                  // "table.name"

        var description: String {
            "columns \(columns.count) tables, \(uniques.count) uniques, \(foreignKeys.count) keys, \(indexes.count) indexes"
        }
    }

    static func sqliteShape() throws -> Shape {
        let queue = try DatabaseQueue()
        _ = try AppDatabase(queue)
        return try queue.read { db in
            var shape = Shape()
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('grdb_migrations', 'sqlite_sequence')
                """)
            for table in tables {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))")
                shape.columns[table] = columns.map { column in
                    let notNull = (column["notnull"] as Int) == 1 || (column["pk"] as Int) > 0
                    return "\(column["name"] as String) \(notNull ? "not null" : "nullable")"
                }
                shape.primaryKeys[table] = columns.filter { ($0["pk"] as Int) > 0 }
                    .sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
                for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(table.quotedDatabaseIdentifier))") {
                    let name: String = index["name"]
                    let origin: String = index["origin"]
                    if origin == "u" {
                        let columns = try Row.fetchAll(db, sql: "PRAGMA index_info(\(name.quotedDatabaseIdentifier))")
                            .sorted { ($0["seqno"] as Int) < ($1["seqno"] as Int) }.map { $0["name"] as String }
                        shape.uniques.insert("\(table)(\(columns.joined(separator: ",")))")
                    } else if origin == "c" {
                        shape.indexes.insert("\(table).\(name)")
                    }
                }
                for key in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table.quotedDatabaseIdentifier))") {
                    shape.foreignKeys.insert("\(table).\(key["from"] as String) → \(key["table"] as String).\((key["to"] as String?) ?? "id")")
                }
            }
            return shape
        }
    }

    static func postgresShape(_ location: PostgresLocation) async throws -> Shape {
        let database = try await PostgresDatabase.open(location, migrate: true)
        defer { database.close() }
        var shape = Shape()
        let client = database.client
        for try await (table, column, nullable) in try await client.query("""
            SELECT table_name::text, column_name::text, is_nullable::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_migration'
            ORDER BY table_name, ordinal_position
            """).decode((String, String, String).self) {
            shape.columns[table, default: []].append("\(column) \(nullable == "YES" ? "nullable" : "not null")")
        }
        for try await (table, kind, columns, parent, parentColumns) in try await client.query("""
            SELECT c.conrelid::regclass::text, c.contype::text,
                   (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                   coalesce(c.confrelid::regclass::text, ''),
                   coalesce((SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), '')
            FROM pg_constraint c
            WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')
              AND c.conrelid::regclass::text <> 'schema_migration'
            """).decode((String, String, String, String, String).self) {
            switch kind {
            case "p": shape.primaryKeys[table] = columns.split(separator: ",").map(String.init)
            case "u": shape.uniques.insert("\(table)(\(columns))")
            default: shape.foreignKeys.insert("\(table).\(columns) → \(parent).\(parentColumns)")
            }
        }
        for try await (table, name) in try await client.query("""
            SELECT i.tablename::text, i.indexname::text FROM pg_indexes i
            WHERE i.schemaname = current_schema()
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """).decode((String, String).self) {
            shape.indexes.insert("\(table).\(name)")
        }
        return shape
    }

    @Test("the two schemas have the same tables, columns, nullability, keys and indexes")
    func schemasAgree() async throws {
        guard TestServer.available else { return }
        let sqlite = try Self.sqliteShape()
        let postgres = try await TestServer.withDatabase { location, _ in try await Self.postgresShape(location) }
        #expect(sqlite.columns.keys.sorted() == postgres.columns.keys.sorted())
        for table in sqlite.columns.keys.sorted() {
            #expect(sqlite.columns[table] == postgres.columns[table], "columns of \(table)")
            #expect(sqlite.primaryKeys[table] == postgres.primaryKeys[table], "primary key of \(table)")
        }
        #expect(sqlite.uniques == postgres.uniques)
        #expect(sqlite.foreignKeys == postgres.foreignKeys)
        #expect(sqlite.indexes == postgres.indexes)
        #expect(sqlite.columns.count > 40 && sqlite.foreignKeys.count > 40)
    }

    @Test("migrations run once however many processes start together, and a reader refuses an unmigrated database")
    func migrationsOnce() async throws {
        guard TestServer.available else { return }
        try await TestServer.withDatabase { location, _ in
            await #expect(throws: PostgresDatabase.OutdatedPostgres.self) {
                _ = try await PostgresDatabase.open(location, migrate: false)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { try await PostgresDatabase.open(location, migrate: true).close() }
                }
                try await group.waitForAll()
            }
            let database = try await PostgresDatabase.open(location, migrate: false)
            defer { database.close() }
            var names: [String] = []
            for try await name in try await database.client.query("SELECT name FROM schema_migration ORDER BY name")
                .decode(String.self) { names.append(name) }
            #expect(names == PostgresMigrations.all.map(\.name).sorted())
            #expect(!names.isEmpty)
            // A migration this program does not know: a newer version wrote the database, which is left alone
            // for writing and still read.
            try await database.client.query("INSERT INTO schema_migration (name) VALUES ('v99')")
            await #expect(throws: NewerPostgres.self) { _ = try await PostgresDatabase.open(location, migrate: true) }
            let reader = try await PostgresDatabase.open(location, migrate: false)
            #expect(try await reader.statistics(try DateRange()).clues.total == 0)
            reader.close()
        }
    }
}
