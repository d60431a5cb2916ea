import Foundation
import GRDB
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
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
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let district = try AppDatabase.open(path: path, mode: .mustExist, clock: { Self.fixedNow })
        _ = try district.addUnit(try NewMemberUnit(code: "jcy", name: "某区人民检察院", kind: .procuratorate), actor: "test")
        _ = try district.addUnit(try NewMemberUnit(code: "labor", name: "某区人社局", kind: .laborBureau), actor: "test")
        let answered = try district.addReferral(try NewReferral(
            fromUnit: "labor", toUnit: "jcy", received: try #require(LocalDate.parseISO("2026-09-30")),
            subject: "某项目拖欠工资线索", replyWithin: 5), actor: "test")
        _ = try district.replyReferral(id: answered.id, on: try #require(LocalDate.parseISO("2026-10-12")),
                                       result: "已受理", actor: "test")
        _ = try district.addReferral(try NewReferral(
            fromUnit: "jcy", toUnit: "labor", received: try #require(LocalDate.parseISO("2026-11-02")),
            subject: "建议核查保证金", replyWithin: 3), actor: "test")
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            // Changed outside the program: the projects' kept findings and standing marked stale until a reader
            // finds them afresh (each engine its own way) — a letter ended early, an event moved.
            try db.execute(sql: """
                UPDATE guarantee SET ends_on = '2026-10-20' WHERE id = (SELECT MAX(id) FROM guarantee WHERE ends_on IS NOT NULL);
                UPDATE guarantee_event SET on_date = '2026-10-15' WHERE id = (SELECT MIN(id) FROM guarantee_event);
                """)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_finding_stale") ?? 0 > 0)
        }
        try queue.close()
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
}
