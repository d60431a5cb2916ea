import GRDB
import GRDBSQLite
import WagecaseCore

extension WageCase {
    /// Reads the rows of `selection` straight from SQLite's columns. Lists of cases are the busiest read of the
    /// service; going through Row's generic subscripts cost more than the query itself.
    static func fetchAll(_ statement: Statement) throws -> [WageCase] {
        var cases: [WageCase] = []
        let cursor = try Row.fetchCursor(statement)
        let sqlite = statement.sqliteStatement
        func text(_ index: Int32) -> String? {
            guard let pointer = sqlite3_column_text(sqlite, index) else { return nil }
            return String(cString: pointer)
        }
        func integer(_ index: Int32) -> Int64? {
            sqlite3_column_type(sqlite, index) == SQLITE_NULL ? nil : sqlite3_column_int64(sqlite, index)
        }
        func date(_ index: Int32, _ column: String) throws -> LocalDate {
            let value = text(index) ?? ""
            guard let date = LocalDate.parseISO(value) else { throw CorruptValue(column: column, value: value) }
            return date
        }
        while try cursor.next() != nil {
            let stageText = text(12) ?? ""
            guard let stage = CaseStage(rawValue: stageText) else { throw CorruptValue(column: "stage", value: stageText) }
            cases.append(WageCase(
                id: integer(0) ?? 0, caseNumber: text(1), clueID: integer(2) ?? 0, workerID: integer(3) ?? 0,
                workerName: text(4) ?? "", workerIDNumber: text(5) ?? "", employerID: integer(6) ?? 0,
                employerName: text(7) ?? "", seriesID: integer(8), seriesName: text(9),
                claimed: Fen(integer(10) ?? 0), recovered: Fen(integer(11) ?? 0), stage: stage,
                stageDate: try date(13, "stage_on"), opened: try date(14, "opened_on"), createdAt: text(15) ?? ""))
        }
        return cases
    }
}
