import Foundation
import Testing
import WagecaseCore
import WagecaseSQLite
import WagecaseStore
@testable import WagecasePostgres

/// Clue intake on PostgreSQL decides and writes as the SQLite store does: the same clues, merges, refusals and
/// audit entries for the same claims, and one decision when two services take the same claim at once.
@Suite("Clue intake on PostgreSQL", .serialized)
struct PostgresCluesTests {
    typealias Said = PostgresUsersTests.Said

    /// A clue as both stores return it, without the time it was written.
    static func sameShape(_ result: ClueAddResult) -> String {
        var clue = result.clue
        clue.createdAt = ""
        return "\(clue) merged:\(String(describing: result.mergedInto)) added:\(result.addedWorkers)"
    }

    @Test("new, refused, merged, kept both and refused claims end as on the file, entry for entry")
    func sameAsTheFile() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try AppDatabase.open(path: path, mode: .mustExist, clock: { DatabaseCopyTests.fixedNow })
        let workers = try file.workers(nameContains: nil, limit: 10, afterID: 0)
        let employers = try file.employers(nameContains: nil, limit: 10, afterID: 0)
        let projects = try file.projects(employer: nil, region: nil, limit: 10, afterID: 0)
        try #require(workers.count >= 3 && employers.count >= 2 && !projects.isEmpty)
        let project = projects[0]
        let employer = EmployerReference.id(project.employerID)
        let other = try #require(employers.first { $0.id != project.employerID })
        func claim(_ index: Int, _ yuan: Int64) throws -> ClaimInput {
            ClaimInput(idNumber: try ResidentID.parse(workers[index].idNumber), claimed: Fen(yuan * 100))
        }
        let received = try #require(LocalDate.parseISO("2026-11-10"))
        let intakes: [(String, NewClue)] = [
            ("a new clue", try NewClue(source: .hotline12345, received: received, employer: employer, project: .id(project.id),
                                       claims: [try claim(0, 5_000), try claim(1, 6_000)], summary: "拖欠三个月工资")),
            ("the same claim again, refused", try NewClue(source: .petition, received: received, employer: employer,
                                                          project: .id(project.id), claims: [try claim(0, 5_000)])),
            ("the same arrears merged, a worker added and an amount that stands",
             try NewClue(source: .petition, received: received.adding(days: 1), employer: employer,
                         project: .name(project.name), claims: [try claim(0, 5_500), try claim(2, 3_000)],
                         onDuplicate: .merge, amountStands: .new)),
            ("the same merge once more: nothing new", try NewClue(
                source: .petition, received: received.adding(days: 1), employer: employer, project: .id(project.id),
                claims: [try claim(0, 5_500)], onDuplicate: .merge)),
            ("kept both", try NewClue(source: .legalAid, received: received, employer: employer, project: .id(project.id),
                                      claims: [try claim(1, 1_000)], onDuplicate: .keepBoth)),
            ("without a project", try NewClue(source: .laborInspection, received: received, employer: .id(other.id),
                                              claims: [try claim(2, 700)])),
            ("a project of another employer", try NewClue(source: .hotline12345, received: received, employer: .id(other.id),
                                                          project: .id(project.id), claims: [try claim(0, 1)])),
            ("an unknown worker", try NewClue(source: .hotline12345, received: received, employer: employer,
                                              claims: [ClaimInput(idNumber: try ResidentID.parse("110101199003074477"),
                                                                  claimed: Fen(100))])),
            ("an unknown project", try NewClue(source: .hotline12345, received: received, employer: employer,
                                               project: .name("没有这个项目"), claims: [try claim(0, 1)])),
        ]
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let server = try await PostgresDatabase.open(location, migrate: true)
            defer { server.close() }
            let logBefore = try await server.auditEntries(limit: 100_000).count
            for (what, intake) in intakes {
                let onFile = Result { try file.addClue(intake, actor: "检察官甲") }
                let onServer: Result<ClueAddResult, any Error>
                do { onServer = .success(try await server.addClue(intake, actor: "检察官甲", now: DatabaseCopyTests.fixedNow)) }
                catch { onServer = .failure(error) }
                switch (onFile, onServer) {
                case (.success(let a), .success(let b)):
                    #expect(Self.sameShape(b) == Self.sameShape(a), "\(what)")
                case (.failure(let a), .failure(let b)):
                    #expect(PostgresUsersTests.words(b) == PostgresUsersTests.words(a), "\(what)")
                default:
                    Issue.record("\(what): the file gave \(onFile), the server \(onServer)")
                }
            }
            let serverLog = try await server.auditEntries(limit: 100_000)
            let fileLog = try file.auditEntries(since: nil, table: nil, limit: 100_000, afterID: 0)
            #expect(serverLog.count - logBefore == 5, "three clues made; one merge: the amount that stands, the channel and worker")
            #expect(serverLog.map { Said($0) } == fileLog.map { Said($0) })
            #expect(try await server.verifyAuditLog().firstBroken == nil)
            for id in Int64(1)...Int64(12) {
                let a = Result { try file.clue(id) }.map { clue -> String in var c = clue; c.createdAt = ""; return "\(c)" }
                let b = try? await server.clue(id)
                #expect(b.map { clue -> String in var c = clue; c.createdAt = ""; return "\(c)" } == (try? a.get()), "clue #\(id)")
            }
            // The figures the new clues count in, kept by the database's own triggers, agree with the records.
            #expect(try await server.verifyFigures().differences.isEmpty)
        }
    }

    @Test("the same claim posted to two services at once is one clue: the other gets the duplicate answer or merges")
    func oneDecisionForTwoServices() async throws {
        guard TestServer.available else { return }
        let (directory, path) = try DatabaseCopyTests.sampleFile()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try AppDatabase.open(path: path, mode: .mustExist)
        let workers = try file.workers(nameContains: nil, limit: 20, afterID: 0)
        let employer = try #require(try file.employers(nameContains: nil, limit: 1, afterID: 0).first)
        try await TestServer.withDatabase { location, _ in
            _ = try await DatabaseCopy.copy(from: SQLiteCopyEngine(path: path), to: PostgresCopyEngine(location: location))
            let first = try await PostgresDatabase.open(location, migrate: true)
            let second = try await PostgresDatabase.open(location, migrate: false)
            defer { first.close(); second.close() }
            let clues = try await first.auditEntries(table: "clue", limit: 100_000).count
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for (index, worker) in workers.prefix(8).enumerated() {
                    for (database, policy) in [(first, DuplicatePolicy.refuse), (second, DuplicatePolicy.merge)] {
                        let intake = try NewClue(
                            source: .hotline12345, received: try #require(LocalDate.parseISO("2026-11-25")),
                            employer: .id(employer.id), claims: [ClaimInput(idNumber: try ResidentID.parse(worker.idNumber),
                                                                            claimed: Fen(Int64(100_000 + index)))],
                            onDuplicate: policy)
                        group.addTask {
                            do {
                                let result = try await database.addClue(intake, actor: "并发")
                                return result.mergedInto == nil ? "made" : "merged"
                            } catch let error as WagecaseError {
                                guard case .duplicate = error else { throw error }
                                return "duplicate"
                            }
                        }
                    }
                }
                var outcomes: [String] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            #expect(outcomes.filter { $0 == "made" }.count == 8, "\(outcomes)")
            #expect(outcomes.filter { $0 != "made" }.count == 8)
            #expect(try await first.auditEntries(table: "clue", limit: 100_000).count - clues >= 8)
            #expect(try await second.verifyAuditLog().firstBroken == nil)
        }
    }
}
