import Foundation
import GRDB
import PostgresNIO
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport
@testable import WagecasePostgres

/// `stats --verify` and `--rebuild` on PostgreSQL: the kept figures counted again from the records as the SQLite
/// store counts them, a figure changed by hand named, and a rebuild that leaves every table as the SQLite store's
/// rebuild leaves the same records.
@Suite("Kept figures on PostgreSQL", .serialized)
struct PostgresFiguresTests {
    /// Figures changed outside the program, one in each kept table; the projects and guarantees touched are not
    /// marked stale (a stale one is found afresh when read, so its kept rows are not compared).
    static let changedByHand = [
        ("figure_day", "UPDATE figure_day SET count = count + 1 WHERE (figure, day, key) = (SELECT figure, day, key FROM figure_day ORDER BY day DESC, figure, key LIMIT 1)"),
        ("figure_month", "UPDATE figure_month SET amount_fen = amount_fen + 1 WHERE (figure, month, key) = (SELECT figure, month, key FROM figure_month ORDER BY month, figure, key LIMIT 1)"),
        ("worker_helped_day", "DELETE FROM worker_helped_day WHERE (day, worker_id) = (SELECT day, worker_id FROM worker_helped_day ORDER BY day LIMIT 1)"),
        ("worker_helped_gap", "UPDATE worker_helped_gap SET workers = workers + 1 WHERE (day, since) = (SELECT day, since FROM worker_helped_gap ORDER BY day, since LIMIT 1)"),
        ("project_open_cases", "UPDATE project_open_cases SET cases = cases + 2 WHERE project_id = (SELECT MIN(project_id) FROM project_open_cases)"),
        ("open_case_unpaid", "UPDATE open_case_unpaid SET unpaid_fen = unpaid_fen - 1 WHERE case_id = (SELECT MIN(case_id) FROM open_case_unpaid)"),
        ("case_stage_count", "UPDATE case_stage_count SET cases = cases + 1 WHERE stage = (SELECT MIN(stage) FROM case_stage_count)"),
        ("project_open_case", "DELETE FROM project_open_case WHERE case_id = (SELECT MAX(case_id) FROM project_open_case)"),
        ("series_figure", "UPDATE series_figure SET open_cases = open_cases + 1 WHERE series_id = (SELECT MIN(series_id) FROM series_figure)"),
        ("guarantee_standing_span", """
            UPDATE guarantee_standing_span SET held_fen = held_fen + 100
            WHERE (guarantee_id, from_day) = (SELECT guarantee_id, from_day FROM guarantee_standing_span
                                              WHERE guarantee_id NOT IN (SELECT guarantee_id FROM guarantee_standing_stale)
                                              ORDER BY guarantee_id, from_day LIMIT 1)
            """),
        ("guarantee_standing_day", "UPDATE guarantee_standing_day SET count = count + 5 WHERE day = (SELECT MIN(day) FROM guarantee_standing_day)"),
        ("monitor_finding", """
            DELETE FROM monitor_finding WHERE id = (SELECT MIN(id) FROM monitor_finding
                                                    WHERE finding <> 'alert'
                                                      AND project_id NOT IN (SELECT project_id FROM monitor_finding_stale))
            """),
        ("monitor_alert_day", "UPDATE monitor_alert_day SET count = count + 1 WHERE (code, region_code, day) = (SELECT code, region_code, day FROM monitor_alert_day ORDER BY day DESC LIMIT 1)"),
    ]

    @Test("the sample district's kept figures agree with its records, as many rows as the file counts")
    func agreesWithTheFile() async throws {
        guard TestServer.available else { return }
        let (directory, path, district) = try await SampleDistrict.prepared()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try district.verifyFigures()
        #expect(file.agrees)
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let database = try await PostgresDatabase.open(location, migrate: false)
            defer { database.close() }
            let server = try await database.verifyFigures()
            #expect(server.differences == [])
            #expect(server.rows == file.rows)
            #expect(server.rows > 100)
        }
    }

    @Test("each kept table changed by hand is named, and a rebuild leaves every table as the file's rebuild does")
    func namesAndRebuilds() async throws {
        guard TestServer.available else { return }
        let (directory, path, district) = try await SampleDistrict.prepared()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.withDatabase { location, _ in
            let city = PostgresCopyEngine(location: location)
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            let database = try await PostgresDatabase.open(location, migrate: false)
            defer { database.close() }
            for (table, statement) in Self.changedByHand {
                try await database.transaction { connection in
                    let changed = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresDatabase.logger)
                    for try await _ in changed {}
                }
                let found = try await database.verifyFigures()
                #expect(Set(found.differences.map(\.table)).contains(table), "\(table) changed by hand is named")
            }
            // Every change at once, each still named.
            let found = Set(try await database.verifyFigures().differences.map(\.table))
            for (table, _) in Self.changedByHand {
                #expect(found.contains(table), "\(table) among the others")
            }

            let rows = try await database.rebuildFigures()
            let fileRows = try district.rebuildFigures()
            #expect(rows == fileRows)
            let after = try await database.verifyFigures()
            #expect(after.differences == [])
            // Nothing is left marked stale on either side, and every table (the kept ones numbered alike) holds
            // the same rows on both engines.
            let sqlite = try await DatabaseCopyTests.contents(SQLiteCopyEngine(path: path))
            let postgres = try await DatabaseCopyTests.contents(city)
            #expect(sqlite.keys.sorted() == postgres.keys.sorted())
            for table in sqlite.keys.sorted() {
                #expect(sqlite[table] == postgres[table], "\(table) after both rebuilds")
            }
            #expect(sqlite["monitor_finding_stale"]?.rows == 0)
            #expect(sqlite["guarantee_standing_stale"]?.rows == 0)
            #expect((sqlite["monitor_finding"]?.rows ?? 0) > 0)
        }
    }

    @Test("a case with helped days on two dates given to a new worker and back keeps the gaps on both engines")
    func workerWithSeveralDaysMoved() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        // One statement moves two of the case's helped days (support decided, then settled) from one worker to
        // another: PostgreSQL's row triggers would have seen both days already moved.
        let statements = [
            """
            INSERT INTO case_event (id, case_id, stage, on_date, actor, created_at)
            VALUES (90001, 1, 'support-decided', '2026-03-02', 'test', '2026-03-02T09:00:00+08:00'),
                   (90002, 1, 'settled', '2026-04-10', 'test', '2026-04-10T09:00:00+08:00'),
                   (90003, 1, 'settled', '2026-05-20', 'test', '2026-05-20T09:00:00+08:00')
            """,
            "INSERT INTO worker (id, name, id_number, created_at) VALUES (90001, '新工人', '110101199003031234', '2026-11-25T09:00:00+08:00')",
            "UPDATE wage_case SET worker_id = 90001 WHERE id = 1",
        ]
        try await TestServer.withDatabase { location, _ in
            let city = PostgresCopyEngine(location: location)
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            let database = try await PostgresDatabase.open(location, migrate: false)
            defer { database.close() }
            let worker = try #require(try await DatabaseQueue(path: path).read { db in
                try Int64.fetchOne(db, sql: "SELECT worker_id FROM wage_case WHERE id = 1")
            })
            for step in [statements, ["UPDATE wage_case SET worker_id = \(worker) WHERE id = 1"]] {
                try await SampleDistrict.writeBoth(step, path: path, database: database)
                #expect(try await database.verifyFigures().differences == [])
                let sqlite = try await DatabaseCopyTests.contents(SQLiteCopyEngine(path: path))
                let postgres = try await DatabaseCopyTests.contents(city)
                #expect(sqlite["worker_helped_gap"] == postgres["worker_helped_gap"])
                #expect(sqlite["worker_helped_day"] == postgres["worker_helped_day"])
            }
            let gaps = try await database.readOnly { connection in
                try await PostgresStatistics.rows("SELECT COUNT(*) FROM worker_helped_gap WHERE since < day",
                                                  on: connection) { try $0.integer(0, "count") }.first ?? 0
            }
            #expect(gaps > 0, "the moved days have gaps between them")
        }
    }

    /// One random write to the records whose figures triggers keep, the same SQL on both engines: a case's stage,
    /// claim, opening day or worker; an event made, moved or removed; a payment made, changed or removed; a clue
    /// moved to another project or day; a draw; a suggestion answered. Ids are drawn as "the first at or after
    /// a number", so a removed row is no obstacle.
    static func randomWrite(_ step: Int, _ random: inout SplitMix) -> [String] {
        let stages = ["accepted", "investigating", "support-decided", "declined", "letter-issued", "court-filed",
                      "judgment", "mediated", "settled", "withdrawn", "enforcement", "closed"]
        let routes = ["employer-paid", "guarantee-draw", "court-enforcement", "emergency-fund"]
        let sources = ["petition", "legal-aid", "labor-dispute", "hotline-12345"]
        func day() -> String {
            let month = Int.random(in: 1...12, using: &random), date = Int.random(in: 1...28, using: &random)
            return "\(Int.random(in: 2025...2026, using: &random))-\(month < 10 ? "0" : "")\(month)-\(date < 10 ? "0" : "")\(date)"
        }
        func first(_ table: String) -> String {
            "(SELECT MIN(id) FROM \(table) WHERE id >= \(Int.random(in: 1...40, using: &random)))"
        }
        let stage = stages.randomElement(using: &random) ?? "closed"
        let made = "'test', '2026-11-25T09:00:00+08:00'"
        // Ids given, not left to each engine: SQLite gives a removed last row's id again and PostgreSQL does not,
        // and "the first row at or after a number" must be the same row on both.
        let madeID = 100_000 + step
        let some = Int.random(in: 1...40, using: &random)
        switch Int.random(in: 0..<19, using: &random) {
        // Statements of several rows: each engine runs its row triggers at a different moment (SQLite after each
        // row, PostgreSQL after the statement), and the figures must not tell.
        case 13: return ["UPDATE wage_case SET stage = '\(stage)', stage_on = '\(day())' WHERE id BETWEEN \(some) AND \(some + 4)"]
        case 14: return ["UPDATE case_event SET on_date = '\(day())', stage = '\(stage)' WHERE case_id BETWEEN \(some) AND \(some + 2)"]
        case 15: return [
            // A new worker given one case of each of several clues at once (two of one clue would be one worker's
            // two cases of the same clue, which the schema refuses).
            "INSERT INTO worker (name, id_number, created_at) VALUES ('随机乙\(step)', '11010219900101\(String(format: "%04d", step))', '2026-11-25T09:00:00+08:00')",
            """
            UPDATE wage_case SET worker_id = (SELECT MAX(id) FROM worker)
            WHERE id IN (SELECT MIN(id) FROM wage_case WHERE id BETWEEN \(some) AND \(some + 8) GROUP BY clue_id)
            """,
        ]
        case 16: return ["UPDATE clue SET project_id = \(first("project")) WHERE id BETWEEN \(some) AND \(some + 5)"]
        // Several cases given to one series, or taken out of theirs, at once; and a new series given a case.
        case 17: return ["""
            UPDATE wage_case SET series_id = \(Bool.random(using: &random)
                ? "COALESCE(\(first("case_series")), (SELECT MIN(id) FROM case_series))" : "NULL")
            WHERE id BETWEEN \(some) AND \(some + 3)
            """]
        case 18: return [
            "INSERT INTO case_series (id, name, created_at) VALUES (\(madeID), '随机系列\(step)', '2026-11-25T09:00:00+08:00')",
            "UPDATE wage_case SET series_id = \(madeID) WHERE id = \(first("wage_case"))",
        ]
        case 0: return ["UPDATE wage_case SET stage = '\(stage)', stage_on = '\(day())' WHERE id = \(first("wage_case"))"]
        case 1: return ["""
            INSERT INTO case_event (id, case_id, stage, on_date, actor, created_at)
            SELECT \(madeID), id, '\(stage)', '\(day())', \(made) FROM wage_case WHERE id >= \(Int.random(in: 1...40, using: &random))
            ORDER BY id LIMIT 1
            """]
        case 2: return ["UPDATE case_event SET on_date = '\(day())', stage = '\(stage)' WHERE id = \(first("case_event"))"]
        case 3: return ["DELETE FROM case_event WHERE id = \(first("case_event"))"]
        case 4: return ["""
            INSERT INTO recovery (id, case_id, paid_on, amount_fen, route, actor, created_at)
            SELECT \(madeID), id, '\(day())', \(Int.random(in: 1...900_000, using: &random)), '\(routes.randomElement(using: &random) ?? "")',
                   \(made) FROM wage_case WHERE id >= \(Int.random(in: 1...40, using: &random)) ORDER BY id LIMIT 1
            """]
        case 5: return ["""
            UPDATE recovery SET amount_fen = \(Int.random(in: 1...900_000, using: &random)), paid_on = '\(day())',
                                route = '\(routes.randomElement(using: &random) ?? "")'
            WHERE id = \(first("recovery"))
            """, Bool.random(using: &random)
                // Recoveries given to another case, several at once (their series' figures move with them).
                ? """
                  UPDATE recovery SET case_id = COALESCE(\(first("wage_case")), (SELECT MIN(id) FROM wage_case))
                  WHERE id BETWEEN \(some) AND \(some + 2)
                  """
                : "UPDATE recovery SET amount_fen = amount_fen + 1 WHERE case_id BETWEEN \(some) AND \(some + 6)"]
        case 6: return ["DELETE FROM recovery WHERE id = \(first("recovery"))"]
        case 7: return ["UPDATE clue SET project_id = \(Bool.random(using: &random) ? first("project") : "NULL") WHERE id = \(first("clue"))"]
        case 8: return ["""
            UPDATE clue SET received_on = '\(day())', source = '\(sources.randomElement(using: &random) ?? "")'
            WHERE id = \(first("clue"))
            """]
        case 9: return ["""
            UPDATE wage_case SET claimed_fen = \(Int.random(in: 0...5_000_000, using: &random)), opened_on = '\(day())'
            WHERE id = \(first("wage_case"))
            """]
        case 10: return [
            "INSERT INTO worker (name, id_number, created_at) VALUES ('随机\(step)', '11010119900101\(String(format: "%04d", step))', '2026-11-25T09:00:00+08:00')",
            "UPDATE wage_case SET worker_id = (SELECT MAX(id) FROM worker) WHERE id = \(first("wage_case"))",
        ]
        case 11: return ["""
            INSERT INTO guarantee_event (id, guarantee_id, kind, on_date, amount_fen, actor, created_at)
            SELECT \(madeID), id, 'drawn', '\(day())', \(Int.random(in: 1...100_000, using: &random)), \(made) FROM guarantee
            WHERE id >= \(Int.random(in: 1...10, using: &random)) ORDER BY id LIMIT 1
            """]
        default: return ["""
            UPDATE suggestion SET replied_on = '\(day())', secured_fen = \(Int.random(in: 0...100_000, using: &random)),
                                  letters_renewed = \(Int.random(in: 0...3, using: &random))
            WHERE id = \(first("suggestion"))
            """]
        }
    }

    /// Three seeds in every run; `WAGECASE_HISTORY_SEEDS=N` adds seeds 1…N (scripts/figure-histories.sh).
    static let seeds: [UInt64] = {
        let extra = Int(ProcessInfo.processInfo.environment["WAGECASE_HISTORY_SEEDS"] ?? "") ?? 0
        return [7, 2026, 90_210] + (0..<max(0, min(extra, 100_000))).map { UInt64($0 + 1) }
    }()

    @Test("random histories written to the records keep PostgreSQL's figures exact, and the same as the file's",
          arguments: seeds)
    func randomHistories(seed: UInt64) async throws {
        guard TestServer.available else { return }
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix(state: seed)
        let statements = (0..<150).flatMap { Self.randomWrite($0, &random) }
        try await TestServer.withDatabase { location, _ in
            let city = PostgresCopyEngine(location: location)
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: city)
            let database = try await PostgresDatabase.open(location, migrate: false)
            defer { database.close() }
            try await SampleDistrict.writeBoth(statements, path: path, database: database)
            let file = try AppDatabase.open(path: path, mode: .mustExist, clock: { DatabaseCopyTests.fixedNow })
            let (server, local) = (try await database.verifyFigures(), try file.verifyFigures())
            #expect(server.differences == [], "seed \(seed)")
            #expect(local.differences == [], "seed \(seed)")
            #expect(server.rows == local.rows)
            // Every table alike on both engines: the same records, and the figures kept from them alike.
            let sqlite = try await DatabaseCopyTests.contents(SQLiteCopyEngine(path: path))
            let postgres = try await DatabaseCopyTests.contents(city)
            #expect(sqlite.keys.sorted() == postgres.keys.sorted())
            for table in sqlite.keys.sorted() {
                #expect(sqlite[table] == postgres[table], "\(table) after seed \(seed)")
            }
        }
    }
}
