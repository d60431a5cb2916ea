import Foundation
import PostgresNIO
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// A report's second connection reads the state of the database its first one reads, is taken by at most the
/// pool's size less one transactions at once, and gives up a lock it would wait for behind the first; the arrays
/// that carry a report's large results read back as written.
@Suite("Reads sharing one snapshot on PostgreSQL", .serialized)
struct PostgresSharedSnapshotTests {
    static func count(_ connection: PostgresConnection) async throws -> Int64 {
        try await PostgresStatistics.rows("SELECT COUNT(*) FROM snapshot_probe", on: connection) {
            try $0.integer(0, "count")
        }.first ?? -1
    }

    @Test("the second connection sees what the first sees, not a write committed in between")
    func secondConnectionSharesTheSnapshot() async throws {
        guard TestServer.available else { return }
        try await TestServer.withDatabase { location, _ in
            let database = try await WagecasePostgres.PostgresDatabase.open(location, migrate: true)
            defer { database.close() }
            try await TestServer.execute("CREATE TABLE snapshot_probe (n bigint)", on: location)
            try await TestServer.execute("INSERT INTO snapshot_probe VALUES (1)", on: location)
            let (first, second, sawSecond) = try await database.readOnly(sharing: true) { connection, shared in
                let first = try await Self.count(connection)
                // Committed by another connection after the snapshot was taken.
                try await TestServer.execute("INSERT INTO snapshot_probe VALUES (2)", on: location)
                guard let shared else { return (first, Int64(-1), false) }
                return (first, try await shared.read { try await Self.count($0) }, true)
            }
            #expect(sawSecond)
            #expect(first == 1 && second == 1)
            let after = try await database.readOnly { try await Self.count($0) }
            #expect(after == 2)
            let unshared = try await database.readOnly(sharing: false) { _, shared in shared == nil }
            #expect(unshared)
        }
    }

    @Test("the second connection gives up a lock a schema change queued behind the first transaction",
          .timeLimit(.minutes(1)))
    func secondConnectionDoesNotWaitBehindASchemaChange() async throws {
        guard TestServer.available else { return }
        try await TestServer.withDatabase { location, _ in
            let database = try await WagecasePostgres.PostgresDatabase.open(location, migrate: true)
            defer { database.close() }
            try await TestServer.execute("CREATE TABLE snapshot_probe (n bigint)", on: location)
            let change = try await database.readOnly(sharing: true) { connection, shared in
                _ = try await Self.count(connection)
                // Waits for the first transaction's lock on the table; a lock asked after it waits behind it.
                let change = Task { try await TestServer.execute("ALTER TABLE snapshot_probe ADD COLUMN m bigint", on: location) }
                var waiting = false
                while !waiting {
                    try await Task.sleep(for: .milliseconds(20))
                    waiting = try await database.withConnection { other in
                        try await PostgresStatistics.rows("SELECT COUNT(*) FROM pg_locks WHERE NOT granted", on: other) {
                            try $0.integer(0, "count")
                        }.first ?? 0
                    } > 0
                }
                await #expect(throws: SharedSnapshot.Busy.self) {
                    _ = try await shared?.read { try await Self.count($0) }
                }
                return change
            }
            // The change goes ahead once the first transaction ends.
            try await change.value
        }
    }

    @Test("a pool of one connection reads on that one; more reports than the pool's connections all finish",
          .timeLimit(.minutes(2)))
    func neverHoldsTheWholePool() async throws {
        guard TestServer.available else { return }
        let (directory, path, district) = try await SampleDistrict.prepared()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let now = PostgresDigestTests.fixedNow
            let day = LocalDate.today(now: now).adding(days: -9)
            let period = DigestPeriod.week(before: day)
            let expected = try district.digest(period, asOf: day, limit: 10, scope: .full)

            var single = location
            single.poolSize = 1
            let alone = try await WagecasePostgres.PostgresDatabase.open(single, migrate: false)
            defer { alone.close() }
            let tookSecond = try await alone.readOnly(sharing: true) { _, shared in shared != nil }
            #expect(!tookSecond)
            #expect(try await alone.digest(period, asOf: day, limit: 10, scope: .full, now: now) == expected)

            // Two connections, six digests at once: one at a time may hold both; the others read on their one.
            var pair = location
            pair.poolSize = 2
            let shared = try await WagecasePostgres.PostgresDatabase.open(pair, migrate: false)
            defer { shared.close() }
            let digests = try await withThrowingTaskGroup(of: Digest.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await shared.digest(period, asOf: day, limit: 10, scope: .full, now: now) }
                }
                return try await group.reduce(into: [Digest]()) { $0.append($1) }
            }
            #expect(digests.count == 6 && digests.allSatisfy { $0 == expected })
        }
    }

    @Test("arrays read as columns come back as written, and a NULL element is refused")
    func binaryArrays() async throws {
        guard TestServer.available else { return }
        try await TestServer.withDatabase { location, _ in
            let database = try await WagecasePostgres.PostgresDatabase.open(location, migrate: true)
            defer { database.close() }
            try await database.readOnly { connection in
                let columns = try await PostgresColumnArrays.read("""
                    SELECT array_agg(n), array_agg(t) FROM (VALUES (9223372036854775807::bigint, '农民工'),
                        (-9223372036854775808, ''), (0, 'a''b,"c"{}')) v(n, t)
                    """, on: connection)
                #expect(columns.count == 3)
                #expect(try columns.integers(0, "n") == [Int64.max, Int64.min, 0])
                #expect(try columns.texts(1, "t") == ["农民工", "", "a'b,\"c\"{}"])

                let none = try await PostgresColumnArrays.read(
                    "SELECT array_agg(n), array_agg(n::text) FROM (SELECT 1::bigint AS n WHERE false) v", on: connection)
                #expect(none.count == 0)
                #expect(try none.integers(0, "n").isEmpty && none.texts(1, "n").isEmpty)

                let empty = try await PostgresStatistics.rows("SELECT '{}'::bigint[]", on: connection) { try $0.integers(0, "a") }
                #expect(empty == [[]])

                await #expect(throws: CorruptValue.self) {
                    _ = try await PostgresStatistics.rows("SELECT ARRAY[1, NULL]::bigint[]", on: connection) {
                        try $0.integers(0, "a")
                    }
                }
                await #expect(throws: CorruptValue.self) {
                    _ = try await PostgresStatistics.rows("SELECT ARRAY[1, 2]::int[]", on: connection) { try $0.integers(0, "a") }
                }
                await #expect(throws: CorruptValue.self) {
                    _ = try await PostgresStatistics.rows("SELECT ARRAY[[1], [2]]::bigint[]", on: connection) {
                        try $0.integers(0, "a")
                    }
                }
                // Arrays of unequal lengths are not taken as columns of one result.
                let uneven = try await PostgresColumnArrays.read("SELECT ARRAY[1, 2]::bigint[], ARRAY['x']::text[]",
                                                                 on: connection)
                #expect(throws: CorruptValue.self) { _ = try uneven.texts(1, "t") }
            }
        }
    }
}
