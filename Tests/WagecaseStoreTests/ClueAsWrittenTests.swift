import Foundation
import Testing
import WagecaseCore
import WagecaseTestSupport
@testable import WagecaseSQLite
import WagecaseStore

/// A created clue is answered from what the intake wrote, not read back: it must be the clue a read finds.
@Suite struct ClueAsWrittenTests {
    /// Valid 18-digit ID numbers: a 15-digit number (region, yymmdd, sequence) upgraded by the parser.
    static func idNumber(_ n: Int) throws -> ResidentID {
        let regions = ["620403", "620402", "110101", "440106"]
        let yymmdd = String(format: "%02d%02d%02d", 60 + n % 30, 1 + n % 12, 1 + n % 28)
        return try ResidentID.parse(regions[n % regions.count] + yymmdd + String(format: "%03d", n % 997))
    }

    @Test(arguments: [UInt64(3), 41, 2026])
    func theAnsweredClueIsTheClueOnRecord(seed: UInt64) throws {
        var random = SplitMix(state: seed)
        let database = try makeDatabase()
        let employers = try [("甘肃某建筑工程有限公司", "91350200776049653A"), ("某劳务有限公司", "913502007760496615")]
            .map { name, code in
                try database.addEmployer(NewEmployer.parse(name: name, creditCode: code, kind: "general-contractor"),
                                         actor: "tester")
            }
        let projects = try employers.flatMap { employer in
            try ["安置小区", "道路改造 二期"].map { name in
                try database.addProject(NewProject.parse(name: name, employer: "\(employer.id)"), actor: "tester")
            }
        }
        let workers = try (0..<24).map { n in
            try database.addWorker(NewWorker(name: n % 5 == 0 ? "欧阳·\(n)" : "工人\(n)", idNumber: try Self.idNumber(n)),
                                   actor: "tester")
        }
        var created = 0
        for round in 0..<120 {
            let employer = employers[Int(random.next() % 2)]
            let projectOfEmployer = projects.filter { $0.employerID == employer.id }
            let project: ProjectReference? = switch random.next() % 3 {
            case 0: nil
            case 1: .id(projectOfEmployer[Int(random.next() % 2)].id)
            default: .name(projectOfEmployer[Int(random.next() % 2)].name)
            }
            // Workers named in any order, so the answer's order (by record) is not the order given.
            let named = Array(workers.shuffled(using: &random).prefix(Int(1 + random.next() % 4)))
            let claims = try named.map { worker in
                ClaimInput(idNumber: try ResidentID.parse(worker.idNumber),
                           claimed: try Fen.parse("\(1 + random.next() % 90000).\(random.next() % 100)", field: "amount"))
            }
            let clue = try NewClue(
                source: ClueSource.allCases[Int(random.next() % UInt64(ClueSource.allCases.count))],
                received: date("2024-01-01").adding(days: Int(random.next() % 600)),
                employer: random.next() % 2 == 0 ? .id(employer.id) : .creditCode(employer.creditCode),
                project: project, claims: claims,
                summary: [nil, "拖欠工资 \(round)", "  "][Int(random.next() % 3)],
                onDuplicate: random.next() % 2 == 0 ? .keepBoth : .merge,
                amountStands: random.next() % 2 == 0 ? .existing : .new)
            // Every claim is taken: kept apart, or merged with the amounts it says stand.
            let result = try database.addClue(clue, actor: "tester")
            #expect(result.clue == (try database.clue(result.clue.id)), "round \(round)")
            if result.mergedInto == nil {
                created += 1
                // Some clues decided, so that later claims on the same arrears follow them.
                if random.next() % 4 == 0 {
                    _ = try database.rejectClue(result.clue.id, reason: "不属于受理范围", actor: "tester")
                }
            }
        }
        #expect(created > 60, "too few clues were created to hold the answer to the record")
    }
}
