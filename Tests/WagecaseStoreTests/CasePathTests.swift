import Foundation
import GRDB
import Testing
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore
import WagecaseTestSupport

@Suite("The whole path of a case")
struct CasePathTests {
    @Test func arbitrationAwardAppealAndEnforcementEndedAreRecordedWithTheCourtAndTheAward() throws {
        let world = try World()
        let opened = try world.openCase()
        let reference = CaseReference("#\(opened.id)")
        _ = try world.database.advanceCase(reference, to: .investigating, on: date("2024-03-10"), note: nil, actor: "t")
        // The hearing and the worker's consent are activities; the case stays where it is.
        _ = try world.database.recordActivity(reference, kind: .hearing, on: date("2024-03-12"), note: "公开听证", actor: "检察官甲")
        expectRefused(.field("on", mentioning: "in the future")) {
            try world.database.recordActivity(reference, kind: .hearing, on: date("2026-11-26"), note: nil, actor: "t")
        }
        expectRefused(.field("on", mentioning: "before case")) {
            try world.database.recordActivity(reference, kind: .hearing, on: date("2024-01-01"), note: nil, actor: "t")
        }
        let consented = try world.database.recordActivity(reference, kind: .consent, on: date("2024-03-13"), note: nil,
                                                          actor: "检察官甲")
        #expect(consented.wageCase.stage == .investigating && consented.activities.map(\.kind) == [.hearing, .consent])
        let entry = try #require(try world.database.auditEntries(table: "case_activity").last)
        #expect(entry.actor == "检察官甲" && entry.after?.contains(#""kind":"consent""#) == true)
        var on = date("2024-03-14")
        for stage in [CaseStage.supportDecided, .arbitrationFiled, .award, .courtFiled, .claimDismissed, .appealed, .judgment,
                      .enforcement, .enforcementEnded, .enforcementResumed] {
            _ = try world.database.advanceCase(reference, to: stage, on: on, note: nil, actor: "t")
            on = on.adding(days: 10)
        }
        let judged = try world.database.updateCase(reference, try CaseChanges.parse(
            caseNumber: nil, employmentEnded: nil, paymentDue: nil, court: "白银市中级人民法院",
            courtCaseNumber: "（2024）甘04民终88号", awarded: try Fen.parse("5,000", field: "awarded"), clear: [],
            reason: "二审判决书"), actor: "t")
        #expect(judged.wageCase.court == "白银市中级人民法院" && judged.wageCase.courtCaseNumber == "（2024）甘04民终88号")
        #expect(judged.wageCase.awarded == Fen(500_000) && judged.wageCase.stage == .enforcementResumed)
        _ = try world.database.recordRecovery(NewRecovery(caseReference: reference, amount: Fen(250_000), paid: on,
                                                          route: .courtEnforcement, payer: nil, note: nil, force: false),
                                              actor: "t")
        // The rate is measured against the amount awarded, not the claim.
        let detail = try world.database.caseDetail(reference)
        #expect(detail.recoveryRateBasisPoints == 5_000 && detail.wageCase.claimed != Fen(500_000))
        #expect(detail.events.map(\.stage).contains(.claimDismissed) && detail.allowedNext == [.enforcementEnded, .closed])
        #expect(try world.database.verifyFigures().agrees)
    }

    /// Databases made before v14 keep every case in the stage it was in; the new columns and table are there.
    @Test func aV13DatabaseMigratesWithItsCasesInTheirStages() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v13.sqlite").path
        let old = try DatabaseQueue(path: path)
        var migrator = DatabaseMigrator()
        for section in AppDatabase.migrations.prefix(13) {
            migrator.registerMigration(section.name) { db in try db.execute(sql: section.sql) }
        }
        try migrator.migrate(old)
        let stages = ["accepted", "investigating", "support-decided", "declined", "letter-issued", "court-filed", "judgment",
                      "mediated", "settled", "withdrawn", "enforcement", "closed"]
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO employer (id, name, credit_code, created_at) VALUES (1, '某公司', '91350200776049653A', 'x');
                INSERT INTO clue (id, source, received_on, employer_id, created_at) VALUES (1, 'petition', '2025-01-02', 1, 'x');
                """)
            for (index, stage) in stages.enumerated() {
                let id = index + 1
                try db.execute(sql: "INSERT INTO worker (id, name, id_number, created_at) VALUES (?, '工人', ?, 'x')",
                               arguments: [id, String(format: "62040319800101%04d", id)])
                try db.execute(sql: """
                    INSERT INTO wage_case (id, case_number, clue_id, worker_id, claimed_fen, opened_on, stage, stage_on, created_at)
                    VALUES (?, ?, 1, ?, 100000, '2025-01-03', ?, '2025-02-01', 'x')
                    """, arguments: [id, "平检民支〔2025〕\(id)号", id, stage])
                try db.execute(sql: "INSERT INTO case_event (case_id, stage, on_date, actor, created_at) VALUES (?, 'accepted', '2025-01-03', 't', 'x')",
                               arguments: [id])
                if stage != "accepted" {
                    try db.execute(sql: "INSERT INTO case_event (case_id, stage, on_date, actor, created_at) VALUES (?, ?, '2025-02-01', 't', 'x')",
                                   arguments: [id, stage])
                }
                try db.execute(sql: """
                    INSERT INTO recovery (case_id, paid_on, amount_fen, route, actor, created_at)
                    VALUES (?, '2025-02-02', 100, 'employer-paid', 't', 'x')
                    """, arguments: [id])
            }
        }
        try old.close()
        let upgraded = try AppDatabase.open(path: path)
        let cases = try upgraded.cases(CaseFilter(limit: 100))
        #expect(cases.map(\.stage.rawValue) == stages)
        #expect(cases.allSatisfy { $0.recovered == Fen(100) && $0.court == nil && $0.awarded == nil })
        #expect(try upgraded.verifyFigures().agrees)
        // The new stages are open to the migrated cases, and the figures' triggers are back on the rebuilt tables.
        let judgment = try #require(cases.first { $0.stage == .judgment })
        _ = try upgraded.advanceCase(.init("#\(judgment.id)"), to: .appealed, on: date("2025-03-01"), note: nil, actor: "t")
        #expect(try upgraded.verifyFigures().agrees)
        #expect(try upgraded.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM figure_day WHERE figure = 'stage' AND key = 'appealed'") } == 1)
        #expect(try upgraded.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }
}
