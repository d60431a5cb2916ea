import GRDB
import WagecaseCore
import WagecaseStore

/// The figures kept by day and month (schema.sql v7, v19, v20, v24, v27): triggers keep them in the same transaction as every
/// write (the guarantees' standing and the monitor's findings, schema.sql v21, are derived again before the write
/// commits: GuaranteeStandingKept, MonitorFindingsKept); these recompute them from the records, to check
/// (`wagecase stats --verify`) or to start again (`--rebuild`).
extension AppDatabase {
    /// One table of kept figures and how to count it from the records.
    struct KeptFigures {
        let table: String
        let columns: String
        /// The rows that count: a row of zeros (records corrected away) is the same as no row.
        let counting: String
        /// The v7 migration's own statements that fill the table from the records.
        var rebuild: [String]
        /// The same as SELECTs of every column of the table, in its order.
        var fromRecords: [String]
    }

    /// The kept tables, their rows recomputed by the statements at the end of the v7 migration (one source for
    /// the migration, the rebuild and the check).
    static let keptFigures: [KeptFigures] = {
        var tables = [
            KeptFigures(table: "figure_day", columns: "figure, day, key, count, amount_fen, letters",
                        counting: "count <> 0 OR amount_fen <> 0 OR letters <> 0", rebuild: [], fromRecords: []),
            // Summed from figure_day (itself held to the records above), so it comes after it.
            KeptFigures(table: "figure_month", columns: "figure, month, key, count, amount_fen, letters",
                        counting: "count <> 0 OR amount_fen <> 0 OR letters <> 0", rebuild: [], fromRecords: []),
            KeptFigures(table: "worker_helped_day", columns: "day, worker_id, events", counting: "events <> 0",
                        rebuild: [], fromRecords: []),
            KeptFigures(table: "project_open_cases", columns: "project_id, cases", counting: "cases <> 0",
                        rebuild: [], fromRecords: []),
            // Counted from worker_helped_day (itself held to the records above), so it comes after it.
            KeptFigures(table: "worker_helped_gap", columns: "day, since, workers", counting: "workers <> 0",
                        rebuild: [], fromRecords: []),
            // Every open case has a row, a fully recovered one too (unpaid 0).
            KeptFigures(table: "open_case_unpaid", columns: "case_id, unpaid_fen", counting: "1",
                        rebuild: [], fromRecords: []),
            KeptFigures(table: "case_stage_count", columns: "stage, cases", counting: "cases <> 0",
                        rebuild: [], fromRecords: []),
            // Every open case of a project, with the day it was opened.
            KeptFigures(table: "project_open_case", columns: "case_id, project_id, opened_on", counting: "1",
                        rebuild: [], fromRecords: []),
            // Every series with a case, summed (schema.sql v27).
            KeptFigures(table: "series_figure", columns: "series_id, cases, open_cases, claimed_fen, recovered_fen",
                        counting: "cases <> 0", rebuild: [], fromRecords: []),
        ]
        // A later section that recounts a table (marked the same way) replaces what the earlier one said of it.
        for section in migrations.map(\.sql) {
            let lines = section.split(separator: "\n", omittingEmptySubsequences: false)
            guard let marker = lines.firstIndex(where: { $0.hasPrefix("-- The records already there") }) else { continue }
            let rebuild = lines[(marker + 1)...].filter { !$0.hasPrefix("--") }.joined(separator: "\n")
            var replaced = Set<String>()
            for statement in rebuild.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) })
            where statement.hasPrefix("INSERT INTO ") {
                let target = String(statement.dropFirst("INSERT INTO ".count).prefix { $0 != " " })
                guard let select = statement.range(of: "SELECT "),
                      let columns = statement.range(of: "(").map({ statement[$0.upperBound...].prefix { $0 != ")" } }),
                      let index = tables.firstIndex(where: { $0.table == target }) else { continue }
                if replaced.insert(target).inserted { (tables[index].rebuild, tables[index].fromRecords) = ([], []) }
                // Each statement names the columns it fills; the rest take their defaults (key '', zeros).
                let filled = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let all = tables[index].columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let outer = all.map { filled.contains($0) ? $0 : ($0 == "key" ? "'' AS key" : "0 AS \($0)") }
                let inner = String(statement[select.lowerBound...])
                tables[index].rebuild.append(statement)
                tables[index].fromRecords.append("WITH recomputed(\(filled.joined(separator: ", "))) AS (\(inner)) "
                                                 + "SELECT \(outer.joined(separator: ", ")) FROM recomputed")
            }
        }
        return tables
    }()

    /// Compares every kept figure with the same figure counted from the records.
    public func verifyFigures() throws -> FigureVerification {
        try read { db in
            var differences: [FigureVerification.Difference] = []
            var rows = 0
            for kept in Self.keptFigures {
                rows += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(kept.table) WHERE \(kept.counting)") ?? 0
                let recomputed = kept.fromRecords.map { "SELECT * FROM (\($0)) WHERE \(kept.counting)" }
                    .joined(separator: " UNION ALL ")
                let stored = "SELECT \(kept.columns) FROM \(kept.table) WHERE \(kept.counting)"
                for (side, query) in [("kept", "\(stored) EXCEPT SELECT * FROM (\(recomputed))"),
                                      ("records", "SELECT * FROM (\(recomputed)) EXCEPT \(stored)")] {
                    for row in try Row.fetchAll(db, sql: "\(query) LIMIT 20") {
                        differences.append(.init(table: kept.table, side: side, row: row.description))
                    }
                }
            }
            let guarantees = try Self.verifyGuaranteeStanding(db)
            let monitor = try Self.verifyMonitorFindings(db)
            return FigureVerification(rows: rows + guarantees.rows + monitor.rows,
                                      differences: differences + guarantees.differences + monitor.differences)
        }
    }

    /// Recomputes every kept figure from the records, in one transaction (for a database whose figures were
    /// changed by hand, or copied in without them). Returns the rows kept afterwards.
    public func rebuildFigures() throws -> Int {
        try writer.write { db in
            var rows = 0
            for kept in Self.keptFigures {
                try db.execute(sql: "DELETE FROM \(kept.table)")
                for statement in kept.rebuild { try db.execute(sql: statement) }
                rows += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(kept.table)") ?? 0
            }
            try Self.rebuildGuaranteeStanding(db)
            try Self.rebuildMonitorFindings(db)
            return rows + (try Int.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM guarantee_standing_span) + (SELECT COUNT(*) FROM guarantee_standing_day)
                     + (SELECT COUNT(*) FROM monitor_finding)
                """) ?? 0)
        }
    }
}
