import GRDB
import WagecaseCore

extension AppDatabase {
    /// The reported figures for a date range, computed with aggregate queries over indexed dates.
    public func statistics(_ range: DateRange) throws -> Statistics {
        try read { db in
            let bounds: StatementArguments = [range.lowerBound, range.upperBound]
            var cluesBySource: [ClueSource: Int] = [:]
            for row in try Row.fetchAll(db, cached: "SELECT source, COUNT(*) AS n FROM clue WHERE received_on BETWEEN ? AND ? GROUP BY source",
                arguments: bounds) {
                cluesBySource[try row.vocabulary("source")] = row["n"]
            }
            var cases = Statistics.Cases()
            for row in try Row.fetchAll(db, cached: "SELECT stage, COUNT(*) AS n FROM case_event WHERE on_date BETWEEN ? AND ? GROUP BY stage",
                arguments: bounds) {
                cases.add(row["n"], reaching: try row.vocabulary("stage"))
            }
            let claimed = try Int64.fetchOne(db, cached: "SELECT COALESCE(SUM(claimed_fen), 0) FROM wage_case WHERE opened_on BETWEEN ? AND ?",
                arguments: bounds) ?? 0
            let workers = try Int.fetchOne(db, cached: """
                    SELECT COUNT(DISTINCT c.worker_id) FROM case_event e JOIN wage_case c ON c.id = e.case_id
                    WHERE e.on_date BETWEEN ? AND ? AND e.stage IN ('support-decided', 'settled')
                    """,
                arguments: bounds) ?? 0
            var byRoute: [RecoveryRoute: Fen] = [:]
            for row in try Row.fetchAll(db, cached: "SELECT route, SUM(amount_fen) AS total FROM recovery WHERE paid_on BETWEEN ? AND ? GROUP BY route",
                arguments: bounds) {
                byRoute[try row.vocabulary("route")] = row.fen("total")
            }
            return Statistics(range: range, cluesBySource: cluesBySource, cases: cases, workers: workers,
                              claimed: Fen(claimed), recovered: byRoute.values.reduce(.zero, +),
                              recoveredByRoute: byRoute)
        }
    }

    /// Audit entries at or after `since` (a date or timestamp), oldest first.
    public func auditEntries(since: String? = nil, table: String? = nil, limit: Int = 200) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, cached: """
                    SELECT * FROM audit_log WHERE at >= ? AND (? IS NULL OR table_name = ?) ORDER BY id LIMIT ?
                    """,
                arguments: [since ?? "", table, table, limit]
            ).map(AuditEntry.init(row:))
        }
    }
}
