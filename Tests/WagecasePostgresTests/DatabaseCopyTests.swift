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
        let tables = try await engine.copyTables(forWriting: false)
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
            // The chain verifies on PostgreSQL with the district's head; an entry changed there is named.
            let database = try await PostgresDatabase.open(location, migrate: false)
            defer { database.close() }
            let district = try AppDatabase.open(path: path, mode: .mustExist, clock: { Self.fixedNow })
            #expect(try await database.verifyAuditLog() == (try district.verifyAuditLog()))
            #expect(try await database.verifyAuditLog().firstBroken == nil)
            // Changes made outside the program, each found at the earliest entry touched so far: half a second
            // added to a time, an after text rewritten, an entry removed, an actor renamed.
            let entries = there.tables.first { $0.name == "audit_log" }?.rows ?? 0
            for (change, firstBroken, remaining) in [
                ("UPDATE audit_log SET at = at + interval '0.5 second' WHERE id = 40", Int64(40), entries),
                (#"UPDATE audit_log SET after = '{"x":1}' WHERE id = 30"#, Int64(30), entries),
                ("DELETE FROM audit_log WHERE id = 20", Int64(21), entries - 1),
                ("UPDATE audit_log SET actor = 'someone else' WHERE id = 5", Int64(5), entries - 1),
            ] {
                _ = try await database.transaction { connection in
                    try await connection.query(PostgresQuery(unsafeSQL: change), logger: PostgresDatabase.logger)
                }
                let tampered = try await database.verifyAuditLog()
                #expect(tampered.firstBroken == firstBroken && tampered.entries == remaining, "\(change)")
            }
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

    @Test("an SQLite source is read as one state while a service goes on writing")
    func snapshotOfAFile() async throws {
        let (directory, path) = try Self.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let engine = SQLiteCopyEngine(path: path)
        let tables = try await engine.copyTables(forWriting: false)
        let workers = try #require(tables.first { $0.name == "worker" })
        let (before, during, writerSaw) = try await engine.withSnapshot { reader in
            let before = try await DatabaseCopy.digest(of: workers, in: reader)
            let pool = try DatabasePool(path: path)
            let count = try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO worker (name, id_number, created_at)
                    VALUES ('测试丙', '110101199001019999', '2026-11-25T09:00:00+08:00')
                    """)
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM worker") ?? 0
            }
            try pool.close()
            return (before, try await DatabaseCopy.digest(of: workers, in: reader), count)
        }
        #expect(writerSaw == before.rows + 1, "the write landed")
        #expect(during == before, "the copy's reads did not see it")
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
            // A clue moved to another project takes its open cases along.
            "UPDATE clue SET project_id = (SELECT max(id) FROM project) WHERE id IN (SELECT clue_id FROM wage_case WHERE id = 7)",
            """
            INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
            VALUES (1, 'drawn', '2026-11-22', 500, 'test', '2026-11-22T09:00:00+08:00')
            """,
            "UPDATE suggestion SET secured_fen = secured_fen + 100, replied_on = issued_on WHERE id = 1",
            "UPDATE guarantee_rule SET name = name || '（修订）'",
            "UPDATE project SET location = '兰州' WHERE id = 1",
            // A case given to another worker moves the days that worker was helped on.
            "INSERT INTO worker (name, id_number, created_at) VALUES ('测试甲', '110101199001011234', '2026-11-25T09:00:00+08:00')",
            "UPDATE wage_case SET worker_id = (SELECT max(id) FROM worker) WHERE id = 5",
            "UPDATE wage_case SET claimed_fen = claimed_fen + 100, opened_on = '2025-03-03' WHERE id = 6",
            // A case, a clue and a suggestion made and removed again; a draw made, tied to a case, changed, removed.
            "INSERT INTO worker (name, id_number, created_at) VALUES ('测试乙', '110101199001015678', '2026-11-25T09:00:00+08:00')",
            """
            INSERT INTO wage_case (clue_id, worker_id, claimed_fen, opened_on, stage, stage_on, created_at)
            VALUES (1, (SELECT max(id) FROM worker), 5000, '2026-11-01', 'accepted', '2026-11-01', '2026-11-01T09:00:00+08:00')
            """,
            "DELETE FROM wage_case WHERE id = (SELECT max(id) FROM wage_case)",
            "INSERT INTO clue (source, received_on, employer_id, created_at) VALUES ('petition', '2026-11-03', 1, '2026-11-03T09:00:00+08:00')",
            "DELETE FROM clue WHERE id = (SELECT max(id) FROM clue)",
            """
            INSERT INTO suggestion (number, issued_on, agency, reply_due_on, replied_on, secured_fen, letters_renewed, created_at)
            VALUES ('测检建〔2026〕9号', '2026-10-01', '某区人社局', '2026-12-01', '2026-10-20', 300, 2, '2026-10-01T09:00:00+08:00')
            """,
            "DELETE FROM suggestion WHERE id = (SELECT max(id) FROM suggestion)",
            "INSERT INTO guarantee_draw_case (event_id, case_id) VALUES ((SELECT max(id) FROM guarantee_event), 1)",
            "DELETE FROM guarantee_draw_case WHERE event_id = (SELECT max(id) FROM guarantee_event)",
            "UPDATE guarantee_event SET amount_fen = 700, on_date = '2026-11-23' WHERE id = (SELECT max(id) FROM guarantee_event)",
            "DELETE FROM guarantee_event WHERE id = (SELECT max(id) FROM guarantee_event)",
            "DELETE FROM recovery WHERE id = (SELECT max(id) FROM recovery)",
            "INSERT INTO holiday_schedule (year, document, loaded_at) VALUES (2031, '{\"year\":2031,\"days\":[]}', '2026-11-25T09:00:00+08:00')",
        ]
        // The tables the triggers keep; every other table holds exactly what the statements wrote.
        let figures = ["figure_day", "worker_helped_day", "worker_helped_gap", "project_open_cases", "project_open_case", "open_case_unpaid", "series_figure",
                       "case_stage_count", "guarantee_standing_stale", "monitor_finding", "monitor_alert_day",
                       "monitor_finding_stale"]
        try await TestServer.withDatabase { location, _ in
            let city = PostgresCopyEngine(location: location)
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            let database = try await PostgresDatabase.open(location, migrate: false)
            try await SampleDistrict.writeBoth(statements, path: path, database: database)
            database.close()
            let sqlite = try await Self.contents(SQLiteCopyEngine(path: path))
            let postgres = try await Self.contents(city)
            for table in figures { #expect(sqlite[table] != nil, "\(table) is read") }
            #expect(sqlite.keys.sorted() == postgres.keys.sorted())
            for table in sqlite.keys.sorted() {
                #expect(sqlite[table] == postgres[table], "\(table) after the same writes")
            }
        }
    }
}
