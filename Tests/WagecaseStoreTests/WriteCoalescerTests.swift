import GRDB
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// The service's record writes grouped into one transaction per batch: each request stays all-or-nothing.
@Suite("Writes grouped into one transaction")
struct WriteCoalescerTests {
    /// A valid ID number for worker `index` (born 1990, the check character computed).
    private func idNumber(_ index: Int) -> String {
        let first17 = "620403199001" + String(format: "%02d", index % 28 + 1) + String(format: "%03d", index % 1000)
        return first17 + String(ResidentID.checkCharacter(forFirst17: first17) ?? "X")
    }

    /// Runs `count` requests at once; for each, whether it was answered as written (true) or refused.
    private static func writtenAtOnce(_ count: Int, _ request: @escaping @Sendable (Int) async throws -> Void) async
        -> [Int: Bool] {
        await withTaskGroup(of: (Int, Bool).self) { group in
            for index in 0..<count {
                group.addTask {
                    do {
                        try await request(index)
                        return (index, true)
                    } catch {
                        return (index, false)
                    }
                }
            }
            var outcomes: [Int: Bool] = [:]
            for await (index, written) in group { outcomes[index] = written }
            return outcomes
        }
    }

    @Test("of many requests at once, the refused ones write nothing and every other one commits, audited and chained")
    func concurrentIntake() async throws {
        let world = try World()
        let store = SQLiteStore(world.database)
        let count = 300
        for index in 0..<count {
            _ = try world.database.addWorker(NewWorker.parse(name: "工人\(index)", idNumber: idNumber(index)), actor: "t")
        }
        let before = try contentDigest(world.database)
        let (employer, project) = (world.employer.id, world.project.id)
        // Every third request names a worker not on record (refused inside its savepoint, after the others in its
        // batch have written); every fifth names the same worker twice in a row (the duplicate refused).
        let outcomes = await Self.writtenAtOnce(count) { index in
            let id = index % 3 == 2 ? "110101199001011237" : idNumber(index % 5 == 4 ? index - 1 : index)
            let clue = try NewClue(source: .petition, received: date("2026-11-20"), employer: .id(employer),
                                   project: .id(project),
                                   claims: [ClaimInput(idNumber: try ResidentID.parse(id), claimed: Fen(100_000))],
                                   onDuplicate: .refuse)
            _ = try await store.addClue(clue, actor: "intake-\(index)")
        }
        #expect(outcomes.values.allSatisfy { $0 } == false && outcomes.values.contains(true))
        #expect(store.coalescer.largestBatchWritten > 1, "the requests were written one transaction each")
        for index in 0..<count where index % 3 == 2 { #expect(outcomes[index] == false, "request \(index)") }
        try await world.database.writer.read { db in
            // Exactly the requests answered as written are on record, each with its audit entry.
            let writtenBy = Set(try String.fetchAll(db, sql: "SELECT actor FROM audit_log WHERE table_name = 'clue' AND action = 'insert'"))
            let answered = Set(outcomes.filter(\.value).map { "intake-\($0.key)" })
            #expect(writtenBy == answered)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM clue") == answered.count)
        }
        #expect(try world.database.verifyAuditLog().isIntact)
        #expect(try world.database.verifyFigures().agrees)
        #expect(before != (try contentDigest(world.database)))
    }

    @Test("a request refused after it wrote is undone alone; the others of its batch commit")
    func refusedAfterWriting() async throws {
        let world = try World()
        let coalescer = WriteCoalescer()
        struct RefusedLate: Error {}
        let outcomes = await Self.writtenAtOnce(60) { index in
            try await coalescer.write(world.database) { database in
                try database.write(actor: "request-\(index)") { db, audit in
                    try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, '1')", arguments: ["request-\(index)"])
                    try audit.record(.insert, table: "setting", id: nil, after: ["key": "request-\(index)"])
                    if index % 3 == 0 { throw RefusedLate() }
                }
            }
        }
        #expect(coalescer.largestBatchWritten > 1, "the requests were written one transaction each")
        for index in 0..<60 { #expect(outcomes[index] == (index % 3 != 0), "request \(index)") }
        let kept = try world.database.read { db in
            Set(try String.fetchAll(db, sql: "SELECT key FROM setting WHERE key LIKE 'request-%'"))
        }
        #expect(kept == Set((0..<60).filter { $0 % 3 != 0 }.map { "request-\($0)" }))
        #expect(try world.database.verifyAuditLog().isIntact)
    }

    @Test("a batch SQLite rolls back as a whole answers its requests with the failure, and nothing is written")
    func rolledBackBatch() async throws {
        let world = try World()
        let before = try contentDigest(world.database)
        let coalescer = WriteCoalescer()
        // A request whose write ends the transaction, as SQLite itself does on a full disk or an I/O error.
        await #expect(throws: WriteBatchRolledBack.self) {
            try await coalescer.write(world.database) { database in
                _ = try database.addEmployer(NewEmployer.parse(name: "回滚测试公司", creditCode: "913502007760496615", kind: "subcontractor"),
                                             actor: "t")
                try database.writer.unsafeReentrantWrite { db in try db.execute(sql: "ROLLBACK") }
            }
        }
        #expect(try contentDigest(world.database) == before)
        // The next batch writes as usual.
        _ = try await coalescer.write(world.database) { database in
            try database.addEmployer(NewEmployer.parse(name: "之后的公司", creditCode: "913502007760496615", kind: "subcontractor"), actor: "t")
        }
        #expect(try contentDigest(world.database) != before)
    }
}
