import Foundation
import GRDB
import Testing
@testable import WagecaseStore

@Suite("schema.sql is the schema")
struct SchemaTests {
    static let schemaFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("schema.sql")

    @Test func embeddedSchemaIsTheRootFile() throws {
        let file = try String(contentsOf: Self.schemaFile, encoding: .utf8)
        #expect(AppDatabase.schemaSQL == file)
    }

    @Test func freshDatabaseHasExactlyTheFilesSchema() throws {
        let reference = try DatabaseQueue()
        try reference.write { db in try db.execute(sql: String(contentsOf: Self.schemaFile, encoding: .utf8)) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try AppDatabase.open(path: directory.appendingPathComponent("fresh.sqlite").path, mode: .createIfMissing)
        let fresh = try DatabaseQueue(path: directory.appendingPathComponent("fresh.sqlite").path)

        let query = """
            SELECT type, name, tbl_name, sql FROM sqlite_master
            WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY type, name
            """
        let expected = try reference.read { try Row.fetchAll($0, sql: query) }
        let actual = try fresh.read { try Row.fetchAll($0, sql: query) }
        #expect(!expected.isEmpty)
        #expect(actual == expected)
        #expect(try fresh.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func foreignKeysAreEnforced() throws {
        let database = try makeDatabase()
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: "INSERT INTO project (name, employer_id, created_at) VALUES ('x', 999, 'now')")
            }
        }
    }

    @Test func moneyCannotBeNegativeAndEnumsAreChecked() throws {
        let world = try World()
        _ = try world.clue()
        #expect(throws: DatabaseError.self) {
            try world.database.writer.write { db in try db.execute(sql: "UPDATE clue_worker SET claimed_fen = -1") }
        }
        #expect(throws: DatabaseError.self) {
            try world.database.writer.write { db in
                try db.execute(sql: "INSERT INTO clue (source, received_on, employer_id, created_at) VALUES ('fax', '2024-01-01', 1, 'n')")
            }
        }
    }
}
