import GRDB
import GRDBSQLite
import WagecaseCore
import WagecaseStore

extension WageCase {
    /// Reads the rows of `selection` straight from SQLite's columns. Lists of cases are the busiest read of the
    /// service; going through Row's generic subscripts cost more than the query itself.
    static func fetchAll(_ statement: Statement) throws -> [WageCase] {
        try ColumnReader.fetchAll(statement) { c in
            WageCase(
                id: c.integer(0) ?? 0, caseNumber: c.text(1), clueID: c.integer(2) ?? 0, workerID: c.integer(3) ?? 0,
                workerName: c.text(4) ?? "", workerIDNumber: c.text(5) ?? "", employerID: c.integer(6) ?? 0,
                employerName: c.text(7) ?? "", seriesID: c.integer(8), seriesName: c.text(9),
                claimed: Fen(c.integer(10) ?? 0), recovered: Fen(c.integer(11) ?? 0),
                stage: try c.vocabulary(12, "stage"), stageDate: try c.date(13, "stage_on"),
                opened: try c.date(14, "opened_on"), createdAt: c.text(15) ?? "")
        }
    }
}
