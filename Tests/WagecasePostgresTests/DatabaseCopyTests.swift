import Foundation
import GRDB
import PostgresNIO
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// `wagecase copy` between engines: the district's SQLite file into the city's PostgreSQL and back, byte for
/// byte; a target with records refused; a copy that fails writes nothing; and the figures' triggers doing the
/// same on both engines.
@Suite("Copying between engines", .serialized)
struct DatabaseCopyTests {
    static let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

    static func sampleFile() throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("district.sqlite").path
        let database = try AppDatabase.open(path: path, mode: .createIfMissing, clock: { fixedNow })
        _ = try database.loadSample(actor: "test")
        return (directory, path)
    }

    /// Every table's rows and checksum as one engine reads them.
    static func contents(_ engine: any CopyEngine) async throws -> [String: DatabaseCopy.Digest] {
        let tables = try await engine.copyTables()
        return try await engine.withSnapshot { reader in
            var digests: [String: DatabaseCopy.Digest] = [:]
            for table in tables { digests[table.name] = try await DatabaseCopy.digest(of: table, in: reader) }
            return digests
        }
    }

    @Test("SQLite → PostgreSQL → SQLite keeps every table's content, the audit chain and the figures")
    func roundTrip() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try Self.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let back = directory.appendingPathComponent("back.sqlite").path
        try await TestServer.withDatabase { location, _ in
            let source = SQLiteCopyEngine(path: path)
            let city = PostgresCopyEngine(location: location)
            let there = try await DatabaseCopy.copy(from: source, to: city)
            #expect(there.tables.count > 40)
            #expect(there.tables.first { $0.name == "audit_log" }.map { $0.rows > 300 } == true)
            #expect(there.tables.first { $0.name == "wage_case" }?.rows == 24)
            let home = try await DatabaseCopy.copy(from: city, to: SQLiteCopyEngine(path: back))
            #expect(home.tables == there.tables)
            let original = try await Self.contents(source)
            #expect(try await Self.contents(SQLiteCopyEngine(path: back)) == original)
            #expect(try await Self.contents(city) == original)
        }
        // The copy is a working database: its audit chain verifies and its figures are the original's.
        let copy = try AppDatabase.open(path: back, mode: .mustExist, clock: { Self.fixedNow })
        let original = try AppDatabase.open(path: path, mode: .mustExist, clock: { Self.fixedNow })
        let verified = try copy.verifyAuditLog()
        #expect(verified.firstBroken == nil && verified.problem == nil && verified.entries > 300)
        #expect(verified.headHash == (try original.verifyAuditLog()).headHash)
        let range = try DateRange()
        let copied = try copy.statistics(range), kept = try original.statistics(range)
        #expect(copied == kept)
    }

    @Test("a target that holds records is refused, and a copy that fails leaves the target as it was")
    func refusesAndRollsBack() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try Self.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.withDatabase { location, _ in
            let city = PostgresCopyEngine(location: location)
            // A timestamp PostgreSQL cannot read, written into the file behind the program's back.
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: "UPDATE worker SET created_at = 'yesterday evening' WHERE id = (SELECT max(id) FROM worker)")
            }
            try queue.close()
            await #expect(throws: PostgresFailure.self) {
                _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            }
            #expect(try await city.tablesWithRecords().isEmpty)
            // Put right, it copies; a second copy into the same database is refused.
            let fixed = try DatabaseQueue(path: path)
            try await fixed.write { db in
                try db.execute(sql: "UPDATE worker SET created_at = '2026-11-25T09:00:00+08:00' WHERE created_at = 'yesterday evening'")
            }
            try fixed.close()
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            await #expect {
                _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            } throws: { error in
                (error as? CopyRefused)?.code == "copy.target_not_empty"
                    && (error as? CopyRefused)?.message(.zh).contains("目标数据库已有记录") == true
            }
            // A file that exists with records is refused the same way, and is left alone.
            await #expect(throws: CopyRefused.self) {
                _ = try await DatabaseCopy.copy(from: city, to: SQLiteCopyEngine(path: path))
            }
        }
    }

    @Test("the triggers that keep the figures do the same on both engines")
    func triggersAgree() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try Self.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let statements = [
            "UPDATE wage_case SET stage = 'closed', stage_on = '2026-11-20' WHERE id = 1",
            "UPDATE wage_case SET stage = 'accepted' WHERE id = 2",
            """
            INSERT INTO recovery (case_id, paid_on, amount_fen, route, actor, created_at)
            VALUES (3, '2026-11-21', 1500, 'employer-paid', 'test', '2026-11-21T10:00:00+08:00')
            """,
            "UPDATE recovery SET paid_on = '2026-10-02', route = 'court-enforcement' WHERE id = 1",
            "DELETE FROM case_event WHERE id = (SELECT max(id) FROM case_event)",
            "UPDATE case_event SET on_date = '2026-01-05', stage = 'settled' WHERE id = 3",
            "UPDATE clue SET project_id = NULL WHERE id IN (SELECT clue_id FROM wage_case WHERE id = 4)",
            "UPDATE clue SET received_on = '2026-02-01', source = 'walk-in' WHERE id = 5",
            """
            INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
            VALUES (1, 'drawn', '2026-11-22', 500, 'test', '2026-11-22T09:00:00+08:00')
            """,
            "UPDATE suggestion SET secured_fen = secured_fen + 100, replied_on = issued_on WHERE id = 1",
            "UPDATE guarantee_rule SET name = name || '（修订）'",
            "UPDATE project SET location = '兰州' WHERE id = 1",
        ]
        let figures = ["figure_day", "worker_helped_day", "project_open_cases", "monitor_input",
                       "monitor_project_change", "monitor_everything_change"]
        try await TestServer.withDatabase { location, _ in
            let city = PostgresCopyEngine(location: location)
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in for statement in statements { try db.execute(sql: statement) } }
            try queue.close()
            let database = try await PostgresDatabase.open(location, migrate: false)
            try await database.transaction { connection in
                for statement in statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresDatabase.logger)
                }
            }
            database.close()
            let sqlite = try await Self.contents(SQLiteCopyEngine(path: path))
            let postgres = try await Self.contents(city)
            for table in figures {
                #expect(sqlite[table] != nil)
                #expect(sqlite[table] == postgres[table], "\(table) after the same writes")
            }
            #expect(sqlite == postgres)
        }
    }
}
