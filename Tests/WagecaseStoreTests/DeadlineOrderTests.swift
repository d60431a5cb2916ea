import GRDB
import Testing
import WagecaseTestSupport
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// The kept deadlines a digest lists first are read from their due-date index (schema.sql v24) in the lists' order:
/// deadlines alike in day and kind are told apart by guarantee (none first), then by project. Letters ending on one
/// day, written so that the guarantees' order runs against the projects', show whether the index's order is kept.
@Suite("Kept deadlines in the lists' order")
struct DeadlineOrderTests {
    @Test("letters ending on one day: a short list names the same few a full pass ranks first")
    func lettersEndingOnOneDay() throws {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        try database.writer.write { db in
            // Guarantees made for the projects from the last to the first: the lower guarantee, the higher project.
            for project in try Int64.fetchAll(db, sql: "SELECT id FROM project ORDER BY id DESC") {
                try db.execute(sql: """
                    INSERT INTO guarantee (project_id, kind, amount_fen, effective_on, ends_on, created_at)
                    VALUES (?, 'bank-letter', 5000000, '2024-06-01', '2024-12-16', '2024-06-01T00:00:00Z')
                    """, arguments: [project])
                try db.execute(sql: """
                    INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, actor, created_at)
                    VALUES (last_insert_rowid(), 'lodged', '2024-06-01', 5000000, 'test', '2024-06-01T00:00:00Z')
                    """)
            }
            try AppDatabase.refreshMonitorFindings(db)
        }
        // Due within the window on the first day, overdue on the second.
        for asOf in [LocalDate.parseISO("2024-12-09")!, LocalDate.parseISO("2024-12-20")!] {
            let period = DigestPeriod.week(before: asOf)
            let full = try database.digest(period, asOf: asOf, limit: 100, scope: .full, keptFindings: false)
            let ending = (full.dueSoon.items + full.overdue.items).filter { $0.kind == .letterEnds && $0.due.iso == "2024-12-16" }
            // A letter's end is a duty of the projects still being built: at least two alike, to be ordered.
            #expect(ending.count >= 2, "\(asOf.iso): letters ending alike")
            for limit in [1, 2, 3] {
                let kept = try database.digest(period, asOf: asOf, limit: limit, scope: .full)
                let afresh = try database.digest(period, asOf: asOf, limit: limit, scope: .full, keptFindings: false)
                #expect(kept.dueSoon == afresh.dueSoon, "\(asOf.iso), limit \(limit): due soon")
                #expect(kept.overdue == afresh.overdue, "\(asOf.iso), limit \(limit): overdue")
                #expect(kept == afresh, "\(asOf.iso), limit \(limit)")
            }
        }
    }
}
