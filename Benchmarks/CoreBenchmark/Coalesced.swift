import Foundation
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

/// The service's clue intake without HTTP: `connections` concurrent callers each adding one clue at a time through
/// the store (as the API's handlers do), so the writes are grouped exactly as the server groups them. Each clue names
/// one existing worker of the file (as Benchmarks/http's POSTs do), none twice. Prints clues per second and the
/// process's CPU time per clue.
func coalescedBenchmark(path: String, clues: Int, connections: Int = 64) async throws {
    let database = try AppDatabase.open(path: path, mode: .mustExist)
    let store = SQLiteStore(database)
    let workers = try database.workers(limit: clues, afterID: 0).map { try ResidentID.parse($0.idNumber) }
    guard workers.count == clues else { print("coalesced: the file needs \(clues) workers"); return }
    // An employer of its own, so that no intake is a duplicate of one already in the file (a run after another
    // on the same file is refused as one, and says so).
    let code = try CreditCode.parse(creditCode(9_999_999))
    let employer = try (try? database.employer(.creditCode(code.value)))
        ?? database.addEmployer(NewEmployer(name: "并发基准建筑公司", creditCode: code, kind: .generalContractor), actor: "bench")
    let claimed = try Fen.parse("3800", field: "amount")
    let received = LocalDate(year: 2025, month: 6, day: 1)!
    let cpuBefore = processCPUSeconds()
    let wall = try await asyncSeconds {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for connection in 0..<connections {
                group.addTask {
                    for index in stride(from: connection, to: clues, by: connections) {
                        let clue = try NewClue(source: .hotline12345, received: received, employer: .id(employer.id),
                                               claims: [ClaimInput(idNumber: workers[index], claimed: claimed)],
                                               summary: "benchmark")
                        _ = try await store.addClue(clue, actor: "bench")
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    let cpu = processCPUSeconds() - cpuBefore
    print("coalesced intake, \(connections) callers: \(clues) clues in \(format(wall, 2)) s = "
        + "\(format(Double(clues) / wall)) clues/s; CPU \(format(cpu * 1e6 / Double(clues))) µs a clue")
}

func asyncSeconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try await body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

