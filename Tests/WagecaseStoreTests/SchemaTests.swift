import Foundation
import Crypto
import GRDB
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

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

    /// Each of v23's rewrites tests the same column against the same values, in the same sense (IN or NOT IN).
    @Test func v23RewritesEachListAsTheSameRule() throws {
        let v23 = try #require(AppDatabase.migrations.first { $0.name == "v23" }).sql
        let pair = #/replace\(sql, '((?:[^']|'')*)',\s*'((?:[^']|'')*)'\)/#
        let inList = #/^([\w.]+)( NOT)? IN \(((?:'[^']*',\s*)*'[^']*')\)$/#
        let orChain = #/^(NOT )?\(([\w.]+ = '[^']*'(?: OR [\w.]+ = '[^']*')*)\)$/#
        var rewrites = 0
        for match in v23.matches(of: pair) {
            let old = String(match.1).replacingOccurrences(of: "''", with: "'")
            let new = String(match.2).replacingOccurrences(of: "''", with: "'")
            let before = try #require(old.wholeMatch(of: inList), "\(old)")
            let after = try #require(new.wholeMatch(of: orChain), "\(new)")
            let values = before.3.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            let tests = after.2.components(separatedBy: " OR ").map { $0.components(separatedBy: " = ") }
            #expect(values.count >= 3)
            #expect(tests.map { $0[1] } == values, "\(old)")
            #expect(tests.allSatisfy { $0[0] == String(before.1) }, "\(old)")
            #expect((before.2 != nil) == (after.1 != nil), "\(old)")
            rewrites += 1
        }
        #expect(rewrites == 37)
    }

    /// The tables and triggers test no list of three or more values with IN (v23: SQLite 3.40 builds a temporary
    /// b-tree for such a list at every row it checks), on a fresh file and on one upgraded from v1; and the rules
    /// written with OR still refuse what they refused.
    @Test func noTableOrTriggerTestsALongInList() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = try DatabaseQueue(path: directory.appendingPathComponent("v1.sqlite").path)
        var v1 = DatabaseMigrator()
        v1.registerMigration("v1") { db in try db.execute(sql: AppDatabase.migrations[0].sql) }
        try v1.migrate(old)
        try old.close()
        for path in ["v1.sqlite", "fresh.sqlite"].map({ directory.appendingPathComponent($0).path }) {
            let database = try AppDatabase.open(path: path, mode: .createIfMissing)
            let objects = try database.read { db in
                try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type IN ('table', 'trigger')")
            }
            #expect(objects.count > 40)
            let withLists = try database.read { try LongInLists.holders($0) }
            #expect(withLists.isEmpty, "\(path): \(withLists)")
            #expect(try database.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        }
        let world = try World()
        let clue = try world.clue().clue
        let refusals = [
            "UPDATE clue SET status = 'lost' WHERE id = \(clue.id)",
            "UPDATE clue SET source = 'fax' WHERE id = \(clue.id)",
            "INSERT INTO clue_channel (clue_id, source, received_on) VALUES (\(clue.id), 'fax', '2024-01-02')",
            "INSERT INTO audit_log (at, actor, action, table_name) VALUES ('x', 'tester', 'erase', 'clue')",
            "UPDATE employer SET kind = 'owner' WHERE id = \(world.employer.id)",
            "INSERT INTO figure_day (figure, day, key) VALUES ('mood', '2024-01-01', '')",
        ]
        for sql in refusals {
            #expect(throws: DatabaseError.self, "\(sql)") { try world.database.writer.write { db in try db.execute(sql: sql) } }
        }
        // And still take every value they took (each channel the program knows).
        try world.database.writer.write { db in
            for source in ClueSource.allCases {
                try db.execute(sql: "INSERT INTO clue_channel (clue_id, source, received_on) VALUES (?, ?, '2024-02-01')",
                               arguments: [clue.id, source.rawValue])
            }
        }
    }
}

@Suite("Migrations")
struct MigrationTests {
    /// Opening asks whether every section is applied without registering them; the answer is GRDB's.
    @Test func completedMigrationsAreTheMigratorsAnswer() throws {
        let queue = try DatabaseQueue()
        func both() throws -> (Bool, Bool) {
            try queue.read { db in
                (try AppDatabase.hasCompletedMigrations(db), try AppDatabase.migrator.hasCompletedMigrations(db))
            }
        }
        #expect(try both() == (false, false))
        _ = try AppDatabase(queue)
        #expect(try both() == (true, true))
        try queue.write { db in try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v12'") }
        #expect(try both() == (false, false))
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v12'), ('v99')") }
        #expect(try both() == (true, true))
        let unknown = try queue.read { db in try AppDatabase.appliedMigrationNames(db).subtracting(AppDatabase.migrationNames) }
        #expect(unknown == ["v99"])
    }

    /// v1 and v2 shipped; their statements must never change (SHA-256 of each section's SQL as released).
    @Test func shippedSectionsAreUnchanged() throws {
        let sections = AppDatabase.migrations
        #expect(sections.map(\.name) == ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v27"])
        // Opening reads the names by their markers alone; they are the sections' names.
        #expect(AppDatabase.migrationNames == sections.map(\.name))
        // v1 is everything before the v2 marker: the original file plus the one comment paragraph that now
        // explains the sections (comments do not change the schema; the SQL statements are pinned here).
        let v1Statements = sections[0].sql.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        let digest = SHA256.hash(data: Data(v1Statements.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(digest == "f1337bde79758cce0bd96951903b59d5e5642e89592b3193ab1b64396f97c5a6")
        let v2Statements = sections[1].sql.split(separator: "\n").filter { !$0.hasPrefix("--") }.joined(separator: "\n")
        #expect(SHA256.hash(data: Data(v2Statements.utf8)).map { String(format: "%02x", $0) }.joined()
            == "bbd771668b2fb6fc1a3fbbb1da326454520b11d8af834e74a095344622a6d8d4")
    }

    /// A database file as an older release left it: its first `sections` migrations applied, then `data`.
    private static func olderDatabase(sections: Int, in directory: URL, data: String) throws -> String {
        let path = directory.appendingPathComponent("v\(sections).sqlite").path
        let old = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for section in AppDatabase.migrations.prefix(sections) {
            migrator.registerMigration(section.name) { db in try db.execute(sql: section.sql) }
        }
        try migrator.migrate(old)
        try old.write { db in try db.execute(sql: data) }
        try old.close()
        return path
    }

    /// The schema as SQLite holds it, normalised so that only meaning counts: every table, index, view and trigger
    /// with its statement (quotes, letter case and layout aside), and for each table its columns (name, type,
    /// NOT NULL, default, key), foreign keys and indexes as SQLite reports them.
    static func schema(_ reader: some DatabaseReader) throws -> [String] {
        try reader.read { db in
            func normalised(_ sql: String?) -> String {
                var text = (sql ?? "").replacingOccurrences(of: "\"", with: "").lowercased()
                    .replacingOccurrences(of: "if not exists ", with: "")
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
                for mark in ["(", ")", ","] {
                    text = text.replacingOccurrences(of: " \(mark)", with: mark).replacingOccurrences(of: "\(mark) ", with: mark)
                }
                return text.hasSuffix(";") ? String(text.dropLast()) : text
            }
            var lines: [String] = []
            let objects = try Row.fetchAll(db, sql: """
                SELECT type, name, tbl_name, sql FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY type, name
                """)
            for object in objects {
                let type: String = object["type"], name: String = object["name"], table: String = object["tbl_name"]
                lines.append("\(type) \(name) on \(table): \(normalised(object["sql"]))")
                guard type == "table" else { continue }
                for pragma in ["table_xinfo", "foreign_key_list", "index_list"] {
                    for row in try Row.fetchAll(db, sql: "SELECT * FROM pragma_\(pragma)(?)", arguments: [name]) {
                        lines.append("  \(pragma) \(name): \(row)")
                    }
                }
            }
            return lines
        }
    }

    /// A database created by an earlier release (v1, v2 or v3) upgrades in place: its data stays, every later
    /// migration is applied, and its schema is then exactly a fresh database's and the file's.
    @Test(arguments: [1, 2, 3])
    func anOlderDatabaseUpgradesToTheFreshSchema(sections: Int) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.olderDatabase(sections: sections, in: directory, data: """
            INSERT INTO employer (name, credit_code, created_at) VALUES ('某公司', '91350200776049653A', 'x')
            """)
        let before = try Self.schema(DatabaseQueue(path: path))
        let upgraded = try AppDatabase.open(path: path)
        #expect(try upgraded.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM employer") } == 1)
        #expect(try upgraded.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
            == AppDatabase.migrations.map(\.name))

        _ = try AppDatabase.open(path: directory.appendingPathComponent("fresh.sqlite").path, mode: .createIfMissing)
        let fresh = try Self.schema(DatabaseQueue(path: directory.appendingPathComponent("fresh.sqlite").path))
        let file = try DatabaseQueue()
        try file.write { db in try db.execute(sql: String(contentsOf: SchemaTests.schemaFile, encoding: .utf8)) }
        let after = try Self.schema(upgraded.writer)
        // What the later migrations add is there, so the comparison is not of two empty or two old schemas.
        #expect(after != before)
        #expect(after.contains { $0.contains("table_xinfo clue") && $0.contains("follows_clue_id") })
        #expect(after.contains { $0.contains("table_xinfo audit_log") && $0.contains("\"hash\"") })
        #expect(after.contains { $0.hasPrefix("table import_run") })
        let upgradedIsFresh = after == fresh, freshIsFile = try fresh == Self.schema(file)
        #expect(upgradedIsFresh, "differs from a fresh database: \(Set(after).symmetricDifference(fresh).sorted())")
        #expect(freshIsFile)
    }

    /// v13 rebuilt the recovery table (a balancing entry's amount is negative): a v12 database's payments come
    /// through it as they were, the kept figures still agree with them, and the new checks hold.
    @Test func aV12DatabaseKeepsItsPaymentsThroughTheRecoveryRebuild() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.olderDatabase(sections: 12, in: directory, data: """
            INSERT INTO employer (id, name, credit_code, created_at) VALUES (1, '某公司', '91350200776049653A', 'x');
            INSERT INTO worker (id, name, id_number, created_at) VALUES (1, '张三', '11010519491231002X', 'x');
            INSERT INTO clue (id, source, received_on, employer_id, created_at) VALUES (1, 'petition', '2025-01-02', 1, 'x');
            INSERT INTO wage_case (id, clue_id, worker_id, claimed_fen, opened_on, stage, stage_on, created_at)
                VALUES (1, 1, 1, 500000, '2025-01-03', 'accepted', '2025-01-03', 'x');
            INSERT INTO case_event (case_id, stage, on_date, actor, created_at) VALUES (1, 'accepted', '2025-01-03', 't', 'x');
            INSERT INTO recovery (id, case_id, paid_on, amount_fen, route, payer, forced, actor, created_at)
                VALUES (1, 1, '2025-02-01', 120000, 'employer-paid', '某公司', 0, 't', 'x'),
                       (2, 1, '2025-03-01', 30000, 'court-enforcement', NULL, 0, 't', 'x');
            """)
        let upgraded = try AppDatabase.open(path: path)
        let detail = try upgraded.caseDetail(CaseReference("#1"))
        #expect(detail.recoveries.map(\.id) == [1, 2] && detail.recoveries.map(\.amount) == [Fen(120_000), Fen(30_000)])
        #expect(detail.recoveries.allSatisfy { $0.reverses == nil && $0.reversedBy == nil })
        #expect(detail.wageCase.recovered == Fen(150_000))
        #expect(try upgraded.verifyFigures().agrees)
        // The kept figures' triggers are back on the rebuilt table.
        _ = try upgraded.reverseRecovery(id: 1, reason: "录入错误", actor: "t")
        #expect(try upgraded.caseDetail(CaseReference("#1")).wageCase.recovered == Fen(30_000))
        #expect(try upgraded.verifyFigures().agrees)
        // A negative amount is only ever a balancing entry; zero is never an amount.
        for values in ["(1, '2025-02-01', -5, 'employer-paid', 't', 'x', NULL)", "(1, '2025-02-01', 0, 'employer-paid', 't', 'x', NULL)",
                       "(1, '2025-02-01', 5, 'employer-paid', 't', 'x', 2)"] {
            #expect(throws: DatabaseError.self) {
                try upgraded.writer.write { db in
                    try db.execute(sql: "INSERT INTO recovery (case_id, paid_on, amount_fen, route, actor, created_at, reverses_id) VALUES \(values)")
                }
            }
        }
    }

    /// v15 rebuilt guarantee_event (a draw's own clocks, the return in the law's order) and gave "open case" one
    /// meaning: a v14 database's draws come through as paid when recorded (so no bank is suddenly late), the
    /// events keep their ids, and a declined or withdrawn case no longer counts as open against its project.
    @Test func aV14DatabaseKeepsItsDrawsPaidAndRecountsItsOpenCases() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.olderDatabase(sections: 14, in: directory, data: """
            INSERT INTO employer (id, name, credit_code, created_at) VALUES (1, '某公司', '91350200776049653A', 'x');
            INSERT INTO project (id, name, employer_id, contract_price_fen, start_on, created_at)
                VALUES (1, '某项目', 1, 1000000000, '2024-01-02', 'x');
            INSERT INTO worker (id, name, id_number, created_at) VALUES (1, '张三', '11010519491231002X', 'x'),
                (2, '李四', '620403199309288995', 'x');
            INSERT INTO clue (id, source, received_on, employer_id, project_id, created_at)
                VALUES (1, 'petition', '2025-01-02', 1, 1, 'x');
            INSERT INTO wage_case (id, clue_id, worker_id, claimed_fen, opened_on, stage, stage_on, created_at)
                VALUES (1, 1, 1, 500000, '2025-01-03', 'accepted', '2025-01-03', 'x'),
                       (2, 1, 2, 500000, '2025-01-03', 'declined', '2025-01-20', 'x');
            INSERT INTO guarantee (id, project_id, kind, amount_fen, effective_on, created_at)
                VALUES (1, 1, 'cash-deposit', 20000000, '2024-01-10', 'x');
            INSERT INTO guarantee_event (id, guarantee_id, kind, on_date, amount_fen, notice_number, actor, created_at)
                VALUES (1, 1, 'lodged', '2024-01-10', 20000000, NULL, 't', 'x'),
                       (2, 1, 'drawn', '2024-06-03', 100000, '支-1', 't', 'x'),
                       (3, 1, 'replenished', '2024-06-05', 100000, NULL, 't', 'x');
            INSERT INTO guarantee_draw_case (event_id, case_id) VALUES (2, 1);
            INSERT INTO guarantee (id, project_id, kind, amount_fen, effective_on, created_at)
                VALUES (2, 1, 'cash-deposit', 10000000, '2024-01-10', 'x');
            INSERT INTO guarantee_event (id, guarantee_id, kind, on_date, amount_fen, actor, created_at)
                VALUES (4, 2, 'lodged', '2024-01-10', 10000000, 't', 'x'),
                       (5, 2, 'return-requested', '2025-01-06', NULL, 't', 'x');
            """)
        let before = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT cases FROM project_open_cases WHERE project_id = 1")
        }
        #expect(before == 2)
        let upgraded = try AppDatabase.open(path: path)
        let detail = try upgraded.guaranteeDetail(1, asOf: date("2025-02-01"))
        #expect(detail.events.map(\.id) == [1, 2, 3] && detail.events[1].paidOn == date("2024-06-03"))
        #expect(detail.events[1].caseIDs == [1])
        // A return begun in the old order (request first) now reads as the notice it had to start with: nothing is
        // overdue against the bureau, and the written application can follow the notice.
        let old = try upgraded.guaranteeDetail(2, asOf: date("2025-02-01"))
        #expect(old.events.map(\.kind) == [.lodged, .noticeStarted] && old.state.status == .inNotice)
        #expect(old.events[1].note?.contains("升级前记为申请返还") == true)
        #expect(try upgraded.alerts(asOf: date("2025-03-01"), code: .returnOverdue).isEmpty)
        #expect(detail.state.draws.isEmpty && detail.state.balance == Fen(20_000_000))
        #expect(try upgraded.alerts(asOf: date("2025-02-01"), code: .bankPaymentLate).isEmpty)
        let after = try upgraded.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT cases FROM project_open_cases WHERE project_id = 1")
        }
        #expect(after == 1)
        #expect(try upgraded.verifyFigures().agrees)
        // The rebuilt table's triggers are back: a new draw counts in the kept figures and in the kept findings.
        let payments = {
            try upgraded.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_finding WHERE guarantee_id = 1 AND code = 'bank-payment'")
            }
        }
        let paymentsBefore = try payments()
        _ = try upgraded.recordGuaranteeEvent(
            NewGuaranteeEvent(guaranteeID: 1, kind: .drawn, date: date("2025-02-03"), amount: Fen(50_000), noticeNumber: "支-2"),
            actor: "t")
        #expect(try upgraded.verifyFigures().agrees)
        #expect(try payments() != paymentsBefore)
        #expect(try upgraded.guaranteeDetail(1, asOf: date("2025-02-04")).state.unpaidDraws.map(\.noticeNumber) == ["支-2"])
        // The triggers' "open" is CaseStage's: the stages they leave out are exactly the finished ones.
        let v15 = try #require(AppDatabase.migrations.first { $0.name == "v15" }?.sql)
        #expect(v15.components(separatedBy: "NOT IN \(OpenCaseSQL.finishedSQL)").count - 1 >= 6)
        #expect(!v15.contains("<> 'closed'"))
        // A bank payment names a notice; other kinds carry no order or payment date.
        #expect(throws: DatabaseError.self) {
            try upgraded.writer.write { db in
                try db.execute(sql: "INSERT INTO guarantee_event (guarantee_id, kind, on_date, actor, created_at) VALUES (1, 'bank-paid', '2025-02-05', 't', 'x')")
            }
        }
        #expect(throws: DatabaseError.self) {
            try upgraded.writer.write { db in
                try db.execute(sql: "INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, paid_on, actor, created_at) VALUES (1, 'replenished', '2025-02-05', 1, '2025-02-05', 't', 'x')")
            }
        }
    }

    /// A v2 database with an audit log gets the hash chain: its entries sealed in order, the chain intact, and
    /// entries written afterwards chained on.
    @Test func aV2AuditLogIsSealedOnUpgrade() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.olderDatabase(sections: 2, in: directory, data: (1...3).map { index in
            """
            INSERT INTO audit_log (at, actor, action, table_name, record_id, after)
            VALUES ('2025-01-0\(index)T09:00:00+08:00', '检察官甲', 'insert', 'worker', \(index),
                    '{"name":"工人","phone":"1390943123\(index)"}');
            """
        }.joined(separator: "\n"))
        let upgraded = try AppDatabase.open(path: path)
        let sealed = try upgraded.verifyAuditLog()
        #expect(sealed.isIntact && sealed.entries == 3 && sealed.headID == 3)
        // Phones written in full before phones were masked are masked before the chain seals them.
        let after = try upgraded.read { try String.fetchAll($0, sql: "SELECT after FROM audit_log ORDER BY id") }
        #expect(after.allSatisfy { $0.contains("139****123") && !$0.contains("1390943") })
        _ = try upgraded.addWorker(NewWorker.parse(name: "张三", idNumber: "11010519491231002X"), actor: "t")
        #expect(try upgraded.verifyAuditLog().isIntact && upgraded.verifyAuditLog().entries == 4)
    }
}
