import Foundation
import Crypto
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

@Suite("Migrations")
struct MigrationTests {
    /// v1 shipped; its text must never change (SHA-256 of the v1 section as released).
    @Test func shippedSectionsAreUnchanged() throws {
        let sections = AppDatabase.migrations
        #expect(sections.map(\.name) == ["v1", "v2"])
        // v1 is everything before the v2 marker: the original file plus the one comment paragraph that now
        // explains the sections (comments do not change the schema; the SQL statements are pinned here).
        let v1Statements = sections[0].sql.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        let digest = SHA256.hash(data: Data(v1Statements.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(digest == "f1337bde79758cce0bd96951903b59d5e5642e89592b3193ab1b64396f97c5a6")
    }

    /// A database created by the v1 release upgrades in place: its data stays, and its schema then equals a
    /// fresh one's.
    @Test func aV1DatabaseUpgradesInPlace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v1.sqlite").path
        do {
            let old = try DatabaseQueue(path: path)
            var migrator = DatabaseMigrator()
            migrator.registerMigration("v1") { db in try db.execute(sql: AppDatabase.migrations[0].sql) }
            try migrator.migrate(old)
            try old.write { db in
                try db.execute(sql: "INSERT INTO employer (name, credit_code, created_at) VALUES ('某公司', '91350200776049653A', 'x')")
            }
        }
        let upgraded = try AppDatabase.open(path: path)
        #expect(try upgraded.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM employer") } == 1)
        #expect(try upgraded.read { try $0.tableExists("import_run") })
    }
}
