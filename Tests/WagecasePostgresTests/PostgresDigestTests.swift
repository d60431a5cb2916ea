import Foundation
import GRDB
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport
@testable import WagecasePostgres

/// The digest on PostgreSQL is the SQLite store's digest of the same records: the sample district, with joint
/// work and projects whose kept findings are out of date (marked stale by a change made outside the program),
/// copied across and read for weeks and months as of past days, today and a day to come.
@Suite("Digest on PostgreSQL", .serialized)
struct PostgresDigestTests {
    static let fixedNow = DatabaseCopyTests.fixedNow

    @Test("the digest is the SQLite store's, period by period and day by day")
    func sameDigest() async throws {
        guard TestServer.available else { return }
        let (directory, path, district) = try await SampleDistrict.prepared()
        defer { try? FileManager.default.removeItem(at: directory) }
        let today = LocalDate.today(now: Self.fixedNow)
        let days = ["2026-03-15", "2026-09-01", "2026-10-15", "2026-11-02"].compactMap(LocalDate.parseISO)
            + [today.adding(days: -1), today, today.adding(days: 20)]
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            var compared = 0, withAlerts = 0, withCases = 0
            for day in days {
                for period in [DigestPeriod.week(before: day), try DigestPeriod.month(String(day.iso.prefix(7)))] {
                    for (limit, scope) in [(10, DigestScope.full), (2, .full), (10, .overview)] {
                        let expected = try district.digest(period, asOf: day, limit: limit, scope: scope)
                        let actual = try await city.digest(period, asOf: day, limit: limit, scope: scope, now: Self.fixedNow)
                        #expect(actual == expected, "\(period.title(.en)) as of \(day.iso), limit \(limit), \(scope)")
                        compared += 1
                        if expected.alerts.total > 0 { withAlerts += 1 }
                        if !expected.largestOpenCases.items.isEmpty { withCases += 1 }
                    }
                }
            }
            // The comparisons read something: alerts and open cases on most days.
            #expect(compared == days.count * 6 && withAlerts > compared / 2 && withCases > compared / 3)
        }
    }

    @Test("a day's largest open cases are found past today's largest, opened since")
    func largestPastTheNewest() async throws {
        guard TestServer.available else { return }
        let (directory, path, district) = try await SampleDistrict.prepared()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The cases opened last, still open, made the largest by far: on the day before they were opened the kept
        // order starts with cases that were not open then, and the day's largest lie past them.
        let queue = try DatabaseQueue(path: path)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, opened_on FROM wage_case WHERE stage NOT IN ('closed', 'declined', 'withdrawn')
                ORDER BY opened_on DESC, id DESC
                """)
        }
        try queue.close()
        let open: [(id: Int64, opened: LocalDate)] = try rows.map {
            (id: $0["id"], opened: try #require(LocalDate.parseISO($0["opened_on"] as String)))
        }
        let newest = Array(open.prefix(6))
        let day = try #require(newest.map(\.opened).min()).adding(days: -1)
        try #require(open.contains { $0.opened <= day }, "cases were open on the day")
        let statements = newest.map { "UPDATE wage_case SET claimed_fen = claimed_fen + 900000000 WHERE id = \($0.id)" }
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            try await SampleDistrict.writeBoth(statements, path: path, database: city)
            for limit in [1, 2, 3, 10] {
                let expected = try district.digest(.week(before: day), asOf: day, limit: limit, scope: .full)
                let actual = try await city.digest(.week(before: day), asOf: day, limit: limit, scope: .full, now: Self.fixedNow)
                #expect(actual.largestOpenCases == expected.largestOpenCases, "limit \(limit)")
                #expect(!expected.largestOpenCases.items.isEmpty
                        && expected.largestOpenCases.items.allSatisfy { item in !newest.contains { $0.id == item.caseID } })
            }
        }
    }

    @Test("a day's open series are the SQLite store's, with cases of series moved, opened and paid since",
          arguments: [3, 4] as [UInt64])
    func sameOpenSeries(seed: UInt64) async throws {
        guard TestServer.available else { return }
        let (directory, path, district) = try await SampleDistrict.prepared()
        defer { try? FileManager.default.removeItem(at: directory) }
        let today = LocalDate.today(now: Self.fixedNow)
        var random = SplitMix(state: seed)
        let queue = try DatabaseQueue(path: path)
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT id, opened_on FROM wage_case ORDER BY id") }
        try queue.close()
        let cases: [(id: Int64, opened: LocalDate)] = try rows.map {
            (id: $0["id"], opened: try #require(LocalDate.parseISO($0["opened_on"] as String)))
        }
        let start = try #require(cases.map { $0.opened }.min())
        func someDay(from day: LocalDate) -> LocalDate {
            day.adding(days: Int.random(in: 0...max(0, day.days(until: today)), using: &random))
        }
        // Three series; most cases put in one of them (ids given: the engines number new rows differently).
        var statements = (1...3).map {
            "INSERT INTO case_series (id, name, created_at) VALUES (\(9_000 + $0), '班组\($0)', '2026-01-01T00:00:00+08:00')"
        }
        for wageCase in cases {
            let pick = Int.random(in: 0...4, using: &random)
            statements.append("UPDATE wage_case SET series_id = \(pick < 3 ? String(9_001 + pick) : "NULL") WHERE id = \(wageCase.id)")
        }
        for index in 0..<30 {
            let wageCase = cases[Int.random(in: 0..<cases.count, using: &random)]
            statements.append("""
                INSERT INTO recovery (id, case_id, paid_on, amount_fen, route, actor, created_at)
                VALUES (\(90_000 + index), \(wageCase.id), '\(someDay(from: wageCase.opened).iso)',
                        \(Int.random(in: 1...300_000, using: &random)), 'employer-paid', 'test', '2026-11-25T10:00:00+08:00')
                """)
        }
        for index in 0..<10 {
            let wageCase = cases[Int.random(in: 0..<cases.count, using: &random)]
            let stage = ["investigating", "mediated", "settled", "closed"].randomElement(using: &random) ?? "closed"
            statements.append("""
                INSERT INTO case_event (id, case_id, stage, on_date, actor, created_at)
                VALUES (\(90_000 + index), \(wageCase.id), '\(stage)', '\(someDay(from: wageCase.opened).iso)', 'test',
                        '2026-11-25T10:00:00+08:00')
                """)
            statements.append("""
                UPDATE wage_case SET (stage, stage_on) = (SELECT stage, on_date FROM case_event WHERE case_id = \(wageCase.id)
                                                          ORDER BY on_date DESC, id DESC LIMIT 1)
                WHERE id = \(wageCase.id)
                """)
        }
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            try await SampleDistrict.writeBoth(statements, path: path, database: city)
            var day = start.adding(days: -1), compared = 0
            while day <= today {
                for limit in [1, 3] {
                    let expected = try district.digest(.week(before: day), asOf: day, limit: limit, scope: .full)
                    let actual = try await city.digest(.week(before: day), asOf: day, limit: limit, scope: .full, now: Self.fixedNow)
                    #expect(actual.openSeries == expected.openSeries, "seed \(seed), \(day.iso), limit \(limit)")
                    // The rest of the day's digest too: its open cases by project (the arrears alerts), the cases
                    // under watch and the largest open cases rest on the same cases changed since.
                    #expect(actual == expected, "seed \(seed), \(day.iso), limit \(limit)")
                    compared += expected.openSeries.items.count
                }
                day = day.adding(days: Int.random(in: 1...45, using: &random))
            }
            #expect(compared > 0, "series were open on the days compared")
        }
    }
}
