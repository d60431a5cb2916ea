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
                id: try c.integer(0, "id"), caseNumber: c.text(1), clueID: try c.integer(2, "clueID"), workerID: try c.integer(3, "workerID"),
                workerName: try c.text(4, "workerName"), workerIDNumber: try c.text(5, "workerIDNumber"), employerID: try c.integer(6, "employerID"),
                employerName: try c.text(7, "employerName"), seriesID: c.integer(8), seriesName: c.text(9),
                claimed: Fen(try c.integer(10, "claimed_fen")), recovered: Fen(try c.integer(11, "recovered")),
                stage: try c.vocabulary(12, "stage"), stageDate: try c.date(13, "stage_on"),
                opened: try c.date(14, "opened_on"), createdAt: try c.text(15, "createdAt"),
                employmentEnded: try c.optionalDate(16, "employment_ended_on"), paymentDue: try c.optionalDate(17, "payment_due_on"),
                handler: c.text(18), assistant: c.text(19),
                closingReason: try c.text(20).map { _ in try c.vocabulary(20, "closing_reason") },
                court: c.text(21), courtCaseNumber: c.text(22), awarded: c.integer(23).map(Fen.init))
        }
    }
}
