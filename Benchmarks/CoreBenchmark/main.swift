// Release-mode figures for the case core: clue intake through the use-case layer (validation + audit, one
// transaction per clue, as the CLI and the server do it) and statistics over the resulting cases.
// Run: swift run -c release wagecase-bench [CLUES] [--keep PATH]
//   CLUES defaults to 100000 (× 3 workers each); --keep leaves the database at PATH for the HTTP benchmark.
//   wagecase-bench coalesced PATH [CLUES] adds clues from 64 concurrent callers through the store (Coalesced.swift).
//   wagecase-bench overview PATH times the overview's digest on an existing database (see Overview.swift).
import Foundation
import WagecaseCore
import WagecaseSQLite
import WagecaseStore

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "overview", arguments.count == 2 {
    try overviewBenchmark(path: arguments[1])
    exit(0)
}
if arguments.first == "coalesced", arguments.count >= 2 {
    try await coalescedBenchmark(path: arguments[1], clues: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 50_000)
    exit(0)
}
var keepPath: String?
if let index = arguments.firstIndex(of: "--keep"), index + 1 < arguments.count {
    keepPath = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
}
let clueCount = arguments.first.flatMap { Int($0) } ?? 100_000
let workersPerClue = 3
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wagecase-bench-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let databasePath = keepPath ?? directory.appendingPathComponent("bench.sqlite").path
if keepPath != nil { try? FileManager.default.removeItem(atPath: databasePath) }
let database = try AppDatabase.open(path: databasePath, mode: .createIfMissing)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func format(_ value: Double, _ decimals: Int = 0) -> String { String(format: "%.\(decimals)f", value) }

/// Distinct valid ID numbers: 15-digit numbers (region, yymmdd, sequence) upgraded to 18 by the domain parser.
func idNumber(_ n: Int) -> ResidentID {
    let regions = ["620403", "620402", "620421", "620422", "620423", "621121", "622921", "620521"]
    let day = LocalDate(year: 1960, month: 1, day: 1)!.adding(days: n / (1000 * regions.count))
    let yymmdd = String(format: "%02d%02d%02d", day.year % 100, day.month, day.day)
    return try! ResidentID.parse(regions[n % regions.count] + yymmdd + String(format: "%03d", n / regions.count % 1000))
}

/// A valid credit code for employer n: the check character is whichever one the domain accepts.
func creditCode(_ n: Int) -> String {
    let body = "91620403MA" + String(format: "%07d", n)
    for check in "0123456789ABCDEFGHJKLMNPQRTUWXY" where (try? CreditCode.parse(body + String(check))) != nil {
        return body + String(check)
    }
    fatalError("no check character for \(body)")
}

print("wagecase-bench: \(clueCount) clues × \(workersPerClue) workers, release build, file database in WAL mode")

// Given: the workers and employers the clues name (loaded in one batch, also through the use-cases).
let workerCount = clueCount * workersPerClue
let setup = try seconds {
    try database.batch {
        for n in 0..<100 {
            _ = try database.addEmployer(NewEmployer(name: "建筑公司\(n)", creditCode: try CreditCode.parse(creditCode(n)),
                                                     kind: .generalContractor), actor: "bench")
        }
        for n in 0..<workerCount {
            _ = try database.addWorker(NewWorker(name: "工人\(n)", idNumber: idNumber(n)), actor: "bench")
        }
    }
}
print("setup: \(workerCount) workers + 100 employers in one batch: \(format(setup, 2)) s")

// When: each clue is added as the CLI and the server add one: parsed input, its own transaction, audited.
let sources = ClueSource.allCases
let received = LocalDate(year: 2025, month: 1, day: 1)!
var clueIDs: [Int64] = []
clueIDs.reserveCapacity(clueCount)
let intake = try seconds {
    for n in 0..<clueCount {
        let claims = try (0..<workersPerClue).map { k in
            ClaimInput(idNumber: idNumber(n * workersPerClue + k), claimed: try Fen.parse("\(3000 + n % 9000).50",
                                                                                          field: "amount"))
        }
        let clue = try NewClue(source: sources[n % sources.count], received: received.adding(days: n % 600),
                               employer: .id(Int64(n % 100 + 1)), claims: claims)
        clueIDs.append(try database.addClue(clue, actor: "bench").clue.id)
    }
}
let cluesPerSecond = Double(clueCount) / intake
print("clue intake: \(clueCount) clues in \(format(intake, 2)) s = \(format(cluesPerSecond)) clues/s "
    + "(target ≥ 3,000) \(cluesPerSecond >= 3000 ? "OK" : "MISSED")")

let opening = try seconds {
    for (n, id) in clueIDs.enumerated() {
        _ = try database.openCases(OpenCases(clueID: id, opened: received.adding(days: n % 600 + 3)), actor: "bench")
    }
}
print("case opening: \(workerCount) cases in \(format(opening, 2)) s = \(format(Double(clueCount) / opening)) clues/s")

var advanced = 0
let advancing = try seconds {
    for n in stride(from: 0, to: clueCount, by: 2) {
        let caseID = Int64(n * workersPerClue + 1)
        _ = try database.advanceCase(CaseReference("\(caseID)"), to: n % 4 == 0 ? .investigating : .settled,
                                     on: received.adding(days: n % 600 + 10), note: nil, actor: "bench")
        advanced += 1
    }
}
print("advance: \(advanced) events in \(format(advancing, 2)) s = \(format(Double(advanced) / advancing)) events/s")

// Then: statistics over all cases, and over one month.
var timings: [Double] = []
var statistics: Statistics?
for _ in 0..<7 {
    timings.append(try seconds { statistics = try database.statistics(DateRange()) })
}
timings.sort()
let month = try DateRange(from: LocalDate(year: 2025, month: 6, day: 1), to: LocalDate(year: 2025, month: 6, day: 30))
let monthTime = try seconds { _ = try database.statistics(month) }
let s = statistics!
print("statistics over \(s.cases.opened) cases: median \(format(timings[3] * 1000, 1)) ms, "
    + "max \(format(timings.last! * 1000, 1)) ms (target < 200 ms) \(timings[3] < 0.2 ? "OK" : "MISSED"); "
    + "one month: \(format(monthTime * 1000, 1)) ms")
print("check: clues \(s.clues.total), cases opened \(s.cases.opened), settled \(s.cases.settled), "
    + "claimed ¥\(s.claimed.yuan)")
