import Foundation
import GRDB
import PostgresNIO
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
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
        ("project_open_cases", "UPDATE project_open_cases SET cases = cases + 2 WHERE project_id = (SELECT MIN(project_id) FROM project_open_cases)"),
        ("open_case_unpaid", "UPDATE open_case_unpaid SET unpaid_fen = unpaid_fen - 1 WHERE case_id = (SELECT MIN(case_id) FROM open_case_unpaid)"),
        ("case_stage_count", "UPDATE case_stage_count SET cases = cases + 1 WHERE stage = (SELECT MIN(stage) FROM case_stage_count)"),
        ("project_open_case", "DELETE FROM project_open_case WHERE case_id = (SELECT MAX(case_id) FROM project_open_case)"),
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
                #expect(!found.agrees)
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
}
