import Foundation
import GRDB
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
        try SampleDistrict.addJointWork(district)
        // Big-data supervision and a loaded year, written as the data-matching and calendar commands leave them:
        // a dataset loaded late on a range's last day, a run, two leads (one made a clue), a 2027 schedule, and a
        // referral made into a clue and one whose reply is due in 2027.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: """
                INSERT INTO dataset (kind, unit, file_name, file_sha256, rows, rejected, loaded_by, loaded_at)
                VALUES ('arbitration-awards', '某区仲裁委', 'a.csv', '\(String(repeating: "a", count: 64))', 120, 0, 'test',
                        '2026-10-31T23:30:00+08:00'),
                       ('court-judgments', NULL, 'b.csv', '\(String(repeating: "b", count: 64))', 40, 1, 'test',
                        '2026-11-01T00:10:00+08:00');
                INSERT INTO model_run (as_of, models, datasets, models_applied, records_examined, hits_found, hits_new,
                                       ran_by, ran_at)
                VALUES ('2026-10-31', 'award-unpaid@1,judgment-unpaid@2', 'arbitration-awards,court-judgments', 2, 160, 2, 2,
                        'test', '2026-10-31T23:40:00+08:00');
                INSERT INTO model_hit (model_id, model_version, subject, caution, audience, amount_fen, score, status,
                                       clue_id, first_run_id, last_run_id, found_on)
                VALUES ('award-unpaid', 1, 's1', 0, 'prosecutor', 500000, 80, 'accepted', 1, 1, 1, '2026-10-31'),
                       ('judgment-unpaid', 2, 's2', 1, 'labor-bureau', 70000, 40, 'open', NULL, 1, 1, '2026-11-01');
                INSERT INTO holiday_schedule (year, document, loaded_at) VALUES (2027,
                    '{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},{"name":"元旦","date":"2027-01-04","isOffDay":true}]}',
                    '2026-11-20T09:00:00+08:00');
                UPDATE referral SET clue_id = 1, clue_made_on = '2026-10-08' WHERE id = 1;
                INSERT INTO referral (from_unit_id, to_unit_id, received_on, subject, reply_days, created_by, created_at)
                SELECT l.id, j.id, '2026-12-28', '年末移送', 5, 'test', '2026-12-28T09:00:00+08:00'
                FROM member_unit l, member_unit j WHERE l.code = 'labor' AND j.code = 'jcy';
                """)
            try db.execute(sql: SampleDistrict.guaranteesChangedByHand)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM guarantee_standing_stale") ?? 0 > 0)
        }
        try queue.close()
        let ranges: [DateRange] = [
            try DateRange(),
            try DateRange(from: LocalDate.parseISO("2026-01-01"), to: LocalDate.parseISO("2026-12-31")),
            try DateRange(from: LocalDate.parseISO("2026-10-01"), to: LocalDate.parseISO("2026-10-31")),
            try DateRange(from: LocalDate.parseISO("2026-11-16"), to: LocalDate.parseISO("2026-11-22")),
            try DateRange(to: LocalDate.parseISO("2024-12-31")),
            try DateRange(from: LocalDate.parseISO("2026-10-31"), to: LocalDate.parseISO("2026-10-31")),
            try DateRange(from: LocalDate.parseISO("2026-12-01"), to: LocalDate.parseISO("2027-01-31")),
            // Whole months with one part month at each end, and with one at the start only.
            try DateRange(from: LocalDate.parseISO("2025-11-23"), to: LocalDate.parseISO("2026-11-22")),
            try DateRange(from: LocalDate.parseISO("2026-01-15"), to: LocalDate.parseISO("2026-11-30")),
        ]
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            // A server that writes dates day first: the program still reads them as written.
            try await TestServer.execute("ALTER DATABASE \(location.database) SET DateStyle = 'SQL, DMY'", on: location)
            let city = try await PostgresDatabase.open(location, migrate: false)
            defer { city.close() }
            for range in ranges {
                let expected = try district.statistics(range)
                let actual = try await city.statistics(range, now: Self.fixedNow)
                #expect(actual == expected, "\(range)")
            }
            let all = try await city.statistics(try DateRange(), now: Self.fixedNow)
            #expect(all.referrals.incoming == 2 && all.referrals.outgoing == 1 && all.referrals.answered == 1)
            #expect(all.referrals.clues == 1 && all.dataMatching.modelsApplied == 2 && all.dataMatching.hits == 2)
            let lastOfOctober = try await city.statistics(
                try DateRange(from: LocalDate.parseISO("2026-10-31"), to: LocalDate.parseISO("2026-10-31")), now: Self.fixedNow)
            #expect(lastOfOctober.dataMatching.recordsExamined == 120, "loaded 23:30 on the 31st counts; 00:10 on the 1st not")
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
                // As PostgreSQL 15 has it, whatever the server's version: only the owner creates in public.
                try await TestServer.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC", on: location)
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
