import Foundation
import WagecaseCore
import WagecaseSQLite

/// The overview page's digest on an existing database (the million-case digest benchmark's), in process: the
/// first, a load, the first after a project changes (its kept findings derived again by the write), and the first
/// of each following day (read from the same kept findings). Medians of `runs`.
func overviewBenchmark(path: String, runs: Int = 5) throws {
    let database = try AppDatabase.open(path: path, mode: .mustExist)
    let today = LocalDate.today()
    func overview(on day: LocalDate) throws -> Double {
        try seconds { _ = try database.digest(.week(before: day.adding(days: 7)), asOf: day, limit: 10, scope: .overview) }
    }
    func median(_ values: [Double]) -> String { "\(format(values.sorted()[values.count / 2] * 1000)) ms" }
    let first = try overview(on: today)
    let loads = try (0..<runs).map { _ in try overview(on: today) }
    let project = try database.projects(limit: 1).first
    var changed: [Double] = []
    for run in 0..<runs {
        if let project {
            // A write the monitor reads, through the use-case (audited): the contractor's standing, back and forth.
            _ = try database.updateProject(.id(project.id), ProjectDetails(standing: run % 2 == 0 ? .arrears2y : project.standing),
                                           reason: "bench", actor: "bench")
        }
        changed.append(try overview(on: today))
    }
    let nextDays = try (1...runs).map { try overview(on: today.adding(days: $0)) }
    print("overview on \(path), target < 100 ms each: first after start \(format(first * 1000)) ms; "
        + "a load \(median(loads)); first after a project changed \(median(changed)); first of a new day \(median(nextDays))")
}
