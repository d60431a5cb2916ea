import Foundation
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// `stats` on PostgreSQL gives exactly the SQLite store's figures for the same records: the sample district with
/// referrals (answered, late, overdue) copied across, over every kind of range.
@Suite("Statistics on PostgreSQL", .serialized)
struct PostgresStatisticsTests {
    static let fixedNow = DatabaseCopyTests.fixedNow

    @Test("the figures are the SQLite store's, range by range")
    func sameFigures() async throws {
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
        let ranges: [DateRange] = [
            try DateRange(),
            try DateRange(from: LocalDate.parseISO("2026-01-01"), to: LocalDate.parseISO("2026-12-31")),
            try DateRange(from: LocalDate.parseISO("2026-10-01"), to: LocalDate.parseISO("2026-10-31")),
            try DateRange(from: LocalDate.parseISO("2026-11-16"), to: LocalDate.parseISO("2026-11-22")),
            try DateRange(to: LocalDate.parseISO("2024-12-31")),
        ]
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            for range in ranges {
                let expected = try district.statistics(range)
                let actual = try await city.statistics(range, now: Self.fixedNow)
                #expect(actual == expected, "\(range)")
            }
            let all = try await city.statistics(try DateRange(), now: Self.fixedNow)
            #expect(all.referrals.incoming == 1 && all.referrals.outgoing == 1 && all.referrals.answered == 1)
            #expect(all.guarantees.total > 0 && all.recovered == Fen(3_800_000))
        }
    }

    @Test("a role that may only read (as on a replica) gets the figures, and may not make the schema")
    func readOnlyRole() async throws {
        guard TestServer.available, let url = TestServer.url else { return }
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let role = "wagecase_reader_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(8))"
        let admin = try PostgresLocation(url: url)
        try await TestServer.execute("CREATE ROLE \(role) LOGIN PASSWORD 'reader-pass'", on: admin)
        do {
            try await TestServer.withDatabase { location, _ in
                var reader = location
                reader.user = role
                reader.password = "reader-pass"
                // A new database cannot be made ready by a role that may not create tables: said as such.
                await #expect {
                    _ = try await PostgresDatabase.open(reader, migrate: true)
                } throws: { error in
                    (error as? PostgresFailure)?.message(.zh).contains("该用户无权执行此操作") == true
                }
                _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
                try await TestServer.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)", on: location)
                let replica = try await PostgresDatabase.open(reader, migrate: false)
                let figures = try await replica.statistics(try DateRange(), now: Self.fixedNow)
                replica.close()
                let district = try AppDatabase.open(path: path, mode: .mustExist, clock: { Self.fixedNow })
                #expect(figures == (try district.statistics(try DateRange())))
            }
        } catch {
            try? await TestServer.execute("DROP ROLE \(role)", on: admin)
            throw error
        }
        try await TestServer.execute("DROP ROLE \(role)", on: admin)
    }
}
