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
}
