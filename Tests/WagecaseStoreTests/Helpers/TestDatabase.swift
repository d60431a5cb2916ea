import Foundation
import GRDB
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// A fixed "now" for tests: 2026-11-25 10:00 in Asia/Shanghai.
let fixedNow = Date(timeIntervalSince1970: 1_795_572_000)

func makeDatabase() throws -> AppDatabase {
    try AppDatabase.inMemory(clock: { fixedNow })
}

func date(_ text: String) -> LocalDate { LocalDate.parseISO(text)! }

/// Every row of every table, in a stable order: equal digests mean equal content.
func contentDigest(_ database: AppDatabase) throws -> String {
    try database.read { db in
        var out = ""
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
            """)
        for table in tables {
            out += "## \(table)\n"
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").count
            let order = (1...columns).map(String.init).joined(separator: ", ")
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") {
                out += row.description + "\n"
            }
        }
        return out
    }
}

/// A small world: one employer with a project, three workers.
struct World {
    let database: AppDatabase
    let employer: Employer
    let project: Project
    let workers: [Worker]

    static let idNumbers = ["620403199309288995", "620403199408179751", "620403197703266242"]

    init() throws {
        let database = try makeDatabase()
        self.database = database
        employer = try database.addEmployer(
            NewEmployer.parse(name: "甘肃某建筑工程有限公司", creditCode: "91350200776049653A", kind: "general-contractor"),
            actor: "tester")
        project = try database.addProject(NewProject.parse(name: "安置小区", employer: "\(employer.id)"), actor: "tester")
        workers = try Self.idNumbers.enumerated().map { index, id in
            try database.addWorker(NewWorker.parse(name: "工人\(index + 1)", idNumber: id, bankCard: "6228480439110012341"),
                                   actor: "tester")
        }
    }

    func clue(_ ids: [String] = [idNumbers[0]], amount: String = "12000", source: ClueSource = .petition,
              received: String = "2024-03-01", policy: DuplicatePolicy = .refuse) throws -> ClueAddResult {
        try database.addClue(
            NewClue(source: source, received: date(received), employer: .id(employer.id), project: .id(project.id),
                    claims: try ids.map { ClaimInput(idNumber: try ResidentID.parse($0),
                                                     claimed: try Fen.parse(amount, field: "amount")) },
                    onDuplicate: policy),
            actor: "tester")
    }

    /// A clue with one case opened on 2024-03-05, returned.
    func openCase(number: String = "平检民支〔2024〕1号", worker: Int = 0, amount: String = "12000") throws -> WageCase {
        let clue = try clue([Self.idNumbers[worker]], amount: amount).clue
        return try database.openCases(OpenCases(clueID: clue.id, opened: date("2024-03-05"), caseNumbers: [number]),
                                      actor: "tester")[0]
    }
}
