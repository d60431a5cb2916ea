import Foundation
import GRDB
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// `alerts` on PostgreSQL lists what the SQLite store lists for the same records, in the same order: the sample
/// district with joint work and projects marked stale, copied across, on past days, today and a day to come,
/// every alert and one code or one region.
@Suite("Alerts on PostgreSQL", .serialized)
struct PostgresAlertsTests {
    static let fixedNow = DatabaseCopyTests.fixedNow

    @Test("the alerts are the SQLite store's, day by day, code by code and region by region")
    func sameAlerts() async throws {
        guard TestServer.available else { return }
        let (directory, path, district) = try await SampleDistrict.prepared()
        defer { try? FileManager.default.removeItem(at: directory) }
        let today = LocalDate.today(now: Self.fixedNow)
        let days = ["2026-03-15", "2026-10-15", "2026-11-02"].compactMap(LocalDate.parseISO)
            + [today.adding(days: -1), today, today.adding(days: 20), today.adding(days: 400)]
        let regions = Set(try district.alerts().compactMap(\.regionCode))
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            var listed = 0, codes = Set<AlertCode>()
            for day in days {
                let expected = try district.alerts(asOf: day)
                #expect(try await city.alerts(asOf: day, now: Self.fixedNow) == expected, "every alert on \(day.iso)")
                listed += expected.count
                codes.formUnion(expected.map(\.code))
                for code in Set(expected.map(\.code)) {
                    #expect(try await city.alerts(asOf: day, code: code, now: Self.fixedNow)
                            == (try district.alerts(asOf: day, code: code)), "\(code) on \(day.iso)")
                }
                for region in regions.map({ String($0.prefix(4)) }) + ["9"] {
                    #expect(try await city.alerts(asOf: day, region: region, now: Self.fixedNow)
                            == (try district.alerts(asOf: day, region: region)), "region \(region) on \(day.iso)")
                }
                // One language's words only, as a table reads them.
                var chinese: [Alert] = [], chineseThere: [Alert] = []
                try district.forEachAlert(asOf: day, words: .chinese) { chinese.append($0) }
                try await city.forEachAlert(asOf: day, words: .chinese, now: Self.fixedNow) { chineseThere.append($0) }
                #expect(chineseThere == chinese)
            }
            // The comparisons read something: the monitor's, arrears, time limits and joint work alike.
            #expect(listed > 20 && codes.count >= 4 && codes.contains(.arrearsDepositUnused), "\(codes)")
        }
    }

    @Test("a list longer than a cursor's batch comes through whole and in order")
    func manyBatches() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let batch = PostgresCursor<Int>.batchSize
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            let read = try await city.readOnly { connection in
                let cursor = try await PostgresCursor(connection, name: "numbers",
                                                      sql: "SELECT n FROM generate_series(1, $1::bigint) n ORDER BY n",
                                                      values: [String(2 * batch + 1)]) { try $0.integer(0, "n") }
                var numbers: [Int64] = []
                while let n = try await cursor.next() { numbers.append(n) }
                return numbers
            }
            #expect(read == Array(1...Int64(2 * batch + 1)))
        }
    }
}
