import GRDB
import Testing
import WagecaseTestSupport
import WagecaseCore
@testable import WagecaseSQLite
import WagecaseStore

/// The monitor's findings kept per project as spans (schema.sql v21) against a pass over every project: on every
/// day of two years, for short and long lists, the digest's alerts, duties and returns are the same.
@Suite("The monitor's findings kept per project")
struct MonitorFindingsKeptTests {
    /// The sample, with forty random projects written straight to the records: every fact the monitor weighs,
    /// letters and deposits with draws (paid and not), renewals, replacements, notices and returns, and the
    /// sample's clues moved onto them (open cases raise arrears alerts).
    static func world(seed: UInt64) throws -> AppDatabase {
        let database = try makeDatabase()
        _ = try database.loadSample(actor: "test")
        var random = SplitMix(state: seed)
        try database.writer.write { db in
            func day(_ range: Range<Int>) -> String {
                date("2024-01-01").adding(days: Int.random(in: range, using: &random)).iso
            }
            func maybe(_ value: @autoclosure () -> (any DatabaseValueConvertible)?) -> (any DatabaseValueConvertible)? {
                Bool.random(using: &random) ? value() : nil
            }
            let employer = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM employer") ?? 1
            for n in 0..<40 {
                let completion: String? = Int.random(in: 0..<3, using: &random) == 0 ? day(100..<600) : nil
                let exempt = Int.random(in: 0..<10, using: &random) == 0
                try db.execute(sql: """
                    INSERT INTO project (name, employer_id, region_code, contract_price_fen, start_on, actual_completion,
                                         status, standing, exemption_reason, exemption_document, created_at, permit_on,
                                         contract_signed_on, prior_year_arrears, real_name_management, wage_account)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00+08:00', ?, ?, ?, ?, ?)
                    """, arguments: [
                        "随机项目\(n)", employer, ["620403", "620402", "110101"].randomElement(using: &random),
                        maybe(Int64.random(in: 0...9_000_000_000, using: &random)), maybe(day(0..<200)), completion,
                        completion == nil ? ["in-progress", "in-progress", "suspended"].randomElement(using: &random) : "completed",
                        ["standard", "no-arrears-2y", "no-arrears-3y", "arrears-2y", "dishonest"].randomElement(using: &random),
                        exempt ? "批准" : nil, exempt ? "批文" : nil, maybe(day(0..<200)), maybe(day(0..<200)),
                        maybe(Int.random(in: 0...1, using: &random)), Int.random(in: 0...1, using: &random),
                        Int.random(in: 0...1, using: &random),
                    ])
                let project = db.lastInsertedRowID
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let kind = ["cash-deposit", "bank-letter", "company-letter", "insurance"].randomElement(using: &random)!
                    let effective = day(-30..<300)
                    let amount = Int64.random(in: 100...900_000_000, using: &random)
                    let ends = kind == "cash-deposit" ? nil
                        : date(effective).adding(days: Int.random(in: 0...500, using: &random)).iso
                    try db.execute(sql: """
                        INSERT INTO guarantee (project_id, kind, amount_fen, document_number, effective_on, ends_on, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, '2024-01-01T00:00:00+08:00')
                        """, arguments: [project, kind, amount, "G-\(n)", effective, ends])
                    let guarantee = db.lastInsertedRowID
                    var on = date(effective)
                    for step in 0..<Int.random(in: 0...5, using: &random) {
                        on = on.adding(days: Int.random(in: 0...90, using: &random))
                        let eventKind = step == 0 ? "lodged"
                            : ["drawn", "drawn", "bank-paid", "replenished", "renewed", "replaced", "return-requested",
                               "notice-started", "returned"].randomElement(using: &random)!
                        let paid = eventKind == "drawn" ? maybe(on.adding(days: Int.random(in: 0...12, using: &random)).iso) : nil
                        try db.execute(sql: """
                            INSERT INTO guarantee_event (guarantee_id, kind, on_date, amount_fen, notice_number, new_ends_on,
                                                         actor, created_at, paid_on)
                            VALUES (?, ?, ?, ?, ?, ?, 'test', '2024-01-01T00:00:00+08:00', ?)
                            """, arguments: [
                                guarantee, eventKind, on.iso,
                                ["lodged", "drawn", "replenished"].contains(eventKind) || (eventKind == "replaced" && Bool.random(using: &random))
                                    ? Int64.random(in: 1...amount, using: &random) : nil,
                                "N-\(Int.random(in: 0..<2, using: &random))",
                                eventKind == "renewed" || (eventKind == "replaced" && Bool.random(using: &random))
                                    ? on.adding(days: Int.random(in: 30...400, using: &random)).iso : nil,
                                paid,
                            ])
                    }
                }
            }
            // The sample's clues spread over the new projects: their open cases raise arrears alerts.
            let projects = try Int64.fetchAll(db, sql: "SELECT id FROM project")
            for clue in try Int64.fetchAll(db, sql: "SELECT id FROM clue") {
                try db.execute(sql: "UPDATE clue SET project_id = ? WHERE id = ?",
                               arguments: [projects.randomElement(using: &random), clue])
            }
            try AppDatabase.refreshMonitorFindings(db)
        }
        return database
    }

    /// The monitor's lists of the digest on `day`: kept (or found afresh for every project) and merged as the
    /// digest merges them.
    static func monitorLists(_ database: AppDatabase, on day: LocalDate, limit: Int, kept: Bool) throws
        -> (Digest.AlertSummary, Digest.Listing<Deadline>, Digest.Listing<Deadline>, Digest.Listing<Digest.ReturnDue>) {
        try database.writer.read { db in
            let part = try AppDatabase.monitorDigestPart(db, asOf: day, today: database.today, window: 7, limit: limit,
                                                         calendar: try AppDatabase.fetchCalendar(db), keptFindings: kept)
            let dueSoon = Digest.Listing(all: part.freshDeadlines.filter { (0...7).contains($0.daysLeft) }, limit: limit)
                .merged(with: part.keptDueSoon, limit: limit, by: Deadline.isInOrder)
            let overdue = Digest.Listing(all: part.freshDeadlines.filter(\.isOverdue), limit: limit)
                .merged(with: part.keptOverdue, limit: limit, by: Deadline.isInOrder)
            return (part.alerts, dueSoon, overdue, part.returnsDue)
        }
    }

    @Test("kept and found afresh agree on every day", arguments: [11, 12] as [UInt64])
    func everyDay(seed: UInt64) throws {
        let database = try Self.world(seed: seed)
        #expect(try database.verifyFigures().agrees)
        var sawAlerts = 0, sawDuties = 0, sawReturns = 0
        for offset in stride(from: -40, through: 700, by: 1) {
            let day = date("2024-01-01").adding(days: offset)
            for limit in offset % 3 == 0 ? [1, 4, 50] : [2] {
                let kept = try Self.monitorLists(database, on: day, limit: limit, kept: true)
                let afresh = try Self.monitorLists(database, on: day, limit: limit, kept: false)
                #expect(kept.0 == afresh.0, "seed \(seed), \(day), limit \(limit): alerts")
                #expect(kept.1 == afresh.1 && kept.2 == afresh.2, "seed \(seed), \(day), limit \(limit): duties")
                #expect(kept.3 == afresh.3, "seed \(seed), \(day), limit \(limit): returns")
                if kept.0 != afresh.0 || kept.1 != afresh.1 || kept.2 != afresh.2 || kept.3 != afresh.3 { return }
                (sawAlerts, sawDuties, sawReturns) = (max(sawAlerts, kept.0.total), max(sawDuties, kept.2.total),
                                                      max(sawReturns, kept.3.total))
            }
        }
        // The world is rich enough to rank: many alerts, overdue duties and returns at once.
        #expect(sawAlerts > 20 && sawDuties > 5 && sawReturns > 2, "\(sawAlerts) \(sawDuties) \(sawReturns)")
    }

    @Test("a write through a use-case derives the projects it marked; a project written around it is found afresh")
    func staleProjects() throws {
        let database = try Self.world(seed: 13)
        let day = date("2024-09-01")
        let before = try Self.monitorLists(database, on: day, limit: 5, kept: true)
        // Written straight to the records: marked, not derived; the digest finds it afresh meanwhile.
        try database.writer.write { db in
            try db.execute(sql: "UPDATE guarantee SET ends_on = '2024-08-01' WHERE kind <> 'cash-deposit' AND effective_on <= '2024-08-01'")
        }
        let stale = try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_finding_stale") ?? 0 }
        #expect(stale > 0)
        let kept = try Self.monitorLists(database, on: day, limit: 5, kept: true)
        #expect(kept.0 == (try Self.monitorLists(database, on: day, limit: 5, kept: false)).0)
        #expect(kept.0 != before.0, "the letters' new end changed nothing")
        // Any write through a use-case derives them again in its own transaction.
        _ = try database.addUser(name: "reviewer", role: .viewer, actor: "test")
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM monitor_finding_stale") } == 0)
        #expect(try database.verifyFigures().agrees)
        #expect(try Self.monitorLists(database, on: day, limit: 5, kept: true).0 == kept.0)
    }
}
