import Foundation
import GRDB
import Testing
import WagecaseCore
import WagecaseImport
@testable import WagecaseSQLite
import WagecaseStore

/// `import clues` and `clue add` reach the same decisions: each case goes through both paths on identical
/// databases and must end the same way — refused on the same field, or with the same clues, workers, amounts,
/// channels and links.
@Suite("One path per rule")
struct OnePathTests {
    static let employerCode = "91350200776049653A"
    static let workers = ["11010519491231002X", "440524188001010014"]

    enum Before: String, CaseIterable, Sendable {
        case nothing, new, screening, converted, rejected, referred
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var before: Before = .new
        /// (worker index, amount in yuan) of the arriving claim(s), one CSV row each.
        var claims: [(Int, String)] = [(0, "12000")]
        var received = "2026-03-09"
        var employer = employerCode
        var stands: ClueIntake.AmountStands?
        /// What both paths must show (a part of the outcome).
        var expected = ""
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "received in the future", before: .nothing, received: "2099-05-01", expected: "refused received"),
        Case(name: "unknown employer", before: .nothing, employer: "91440101MA5CJQ4N59", expected: "refused, unknown"),
        Case(name: "duplicate of a new clue", before: .new,
             expected: "channels:\"petition@2026-03-05 legal-aid@2026-03-09\""),
        Case(name: "duplicate of a clue being screened", before: .screening, expected: "status:\"screening\""),
        Case(name: "duplicate of a converted clue", before: .converted,
             expected: "status:\"converted\" follows_clue_id:NULL source:\"petition\""),
        Case(name: "duplicate of a rejected clue", before: .rejected, expected: "follows_clue_id:1"),
        Case(name: "duplicate of a referred clue", before: .referred, expected: "follows_clue_id:1"),
        Case(name: "a different amount", before: .new, claims: [(0, "15000")], expected: "refused claimed"),
        Case(name: "a different amount, the new one standing", before: .new, claims: [(0, "15000")], stands: .new,
             expected: "workers:\"1=1500000\""),
        Case(name: "a different amount, the existing one standing", before: .new, claims: [(0, "15000")],
             stands: .existing, expected: "workers:\"1=1200000\""),
        Case(name: "a crew on one row set", before: .nothing, claims: [(0, "12000"), (1, "8000")],
             expected: "workers:\"1=1200000 2=800000\""),
    ]

    /// A database with the employer, its project, both workers and — as `before` says — a clue of the first
    /// worker received 2026-03-05 by petition.
    static func world(_ before: Before) throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try database.addEmployer(NewEmployer.parse(name: "甘肃某建筑工程有限公司", creditCode: employerCode), actor: "t")
        _ = try database.addProject(NewProject.parse(name: "安置小区", employer: employerCode), actor: "t")
        for (index, id) in workers.enumerated() {
            _ = try database.addWorker(NewWorker.parse(name: "工人\(index + 1)", idNumber: id), actor: "t")
        }
        guard before != .nothing else { return database }
        let clue = try database.addClue(NewClue(
            source: .petition, received: LocalDate(year: 2026, month: 3, day: 5)!, employer: .id(1), project: .id(1),
            claims: [ClaimInput(idNumber: try ResidentID.parse(workers[0]), claimed: Fen(1_200_000))]), actor: "t").clue
        switch before {
        case .screening: _ = try database.screenClue(clue.id, actor: "t")
        case .converted: _ = try database.openCases(OpenCases(clueID: clue.id), actor: "t")
        case .rejected: _ = try database.rejectClue(clue.id, reason: "查无实据", actor: "t")
        case .referred: _ = try database.referClue(clue.id, to: "劳动保障监察大队", actor: "t")
        case .nothing, .new: break
        }
        return database
    }

    /// What a path ends with: the refused field, or the clues as they stand.
    static func outcome(_ database: AppDatabase, refused: WagecaseError?) throws -> String {
        if let refused {
            switch refused {
            case let .invalidField(field, _, _, _), let .dateOutOfOrder(field, _, _): return "refused \(field)"
            case .notFound(let entity, _): return "refused, unknown \(WagecaseError.record(entity))"
            default: return "refused \(refused)"
            }
        }
        return try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.status, c.follows_clue_id, c.source, c.received_on,
                       (SELECT group_concat(worker_id || '=' || claimed_fen, ' ') FROM
                           (SELECT * FROM clue_worker WHERE clue_id = c.id ORDER BY worker_id)) AS workers,
                       (SELECT group_concat(source || '@' || received_on, ' ') FROM
                           (SELECT * FROM clue_channel WHERE clue_id = c.id ORDER BY received_on, source)) AS channels
                FROM clue c ORDER BY c.id
                """).map(\.description).joined(separator: "\n")
        }
    }

    @Test(arguments: cases)
    func theBulkPathAndTheSinglePathAgree(_ scenario: Case) throws {
        // One by one: `clue add --merge` (an import merges what it recognises).
        let single = try Self.world(scenario.before)
        var singleRefusal: WagecaseError?
        do {
            let claims = try scenario.claims.map { index, amount in
                ClaimInput(idNumber: try ResidentID.parse(Self.workers[index]), claimed: try Fen.parse(amount, field: "claimed"))
            }
            _ = try single.addClue(NewClue(
                source: .legalAid, received: try LocalDate.parse(scenario.received, field: "received"),
                employer: try EmployerReference.parse(scenario.employer), project: .name("安置小区"), claims: claims,
                onDuplicate: .merge, amountStands: scenario.stands), actor: "t")
        } catch let error as WagecaseError {
            singleRefusal = error
        }

        // In bulk: the same claims as rows of a file.
        let bulk = try Self.world(scenario.before)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("one-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("clues.csv")
        let rows = scenario.claims.map { index, amount in
            "\(Self.workers[index]),\(scenario.employer),安置小区,\(amount),法律援助,\(scenario.received)"
        }
        try Data((["身份证号,统一社会信用代码,项目名称,欠薪金额,线索来源,登记日期"] + rows).joined(separator: "\n").utf8).write(to: csv)
        let session = try ImportSession(kind: .clues, path: csv.path, fileName: "clues.csv", sheet: nil, encoding: .auto,
                                        mappingFile: nil, defaultSource: nil, dryRun: false, skipInvalid: false,
                                        amountStands: scenario.stands, actor: "t")
        var issues: [ImportIssue] = []
        let summary = try bulk.importRows(session.request, parser: session.parser, next: session.nextRow,
                                          onIssue: { issues.append($0) })
        let bulkRefusal: WagecaseError? = summary.committed ? nil : issues.first.map { issue in
            issue.column == "统一社会信用代码"
                ? .notFound(entity: "employer", key: issue.value)
                : .invalidField(field: Self.field(heading: issue.column), value: issue.value, reason: issue.reason, allowed: "")
        }

        let singleOutcome = try Self.outcome(single, refused: singleRefusal)
        let bulkOutcome = try Self.outcome(bulk, refused: bulkRefusal)
        #expect(singleOutcome == bulkOutcome, "\(scenario.name)")
        #expect(singleOutcome.contains(scenario.expected), "\(scenario.name): \(singleOutcome)")
    }

    /// The field an import report's column stands for.
    static func field(heading: String) -> String {
        ["登记日期": "received", "欠薪金额": "claimed", "身份证号": "id_number"][heading] ?? heading
    }
}
