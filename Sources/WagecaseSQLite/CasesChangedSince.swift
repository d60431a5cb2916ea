import GRDB
import WagecaseCore
import WagecaseStore

extension CasesChangedSince {
    /// The cases opened or moved after `day` (OpenCaseSQL.changedSince), read from the file as they stood then.
    init(_ db: Database, day: LocalDate, today: LocalDate) throws {
        self.init(day: day)
        let statement = try db.makeStatement(sql: """
            SELECT c.id, l.project_id, c.claimed_fen, c.stage, c.opened_on <= '\(day.iso)',
                   \(OpenCaseSQL.stage(on: day, today: today)),
                   \(OpenCaseSQL.stageDate(on: day, today: today)),
                   c.opened_on, c.employment_ended_on, c.payment_due_on, c.case_number, p.name, p.region_code,
                   c.series_id
            FROM wage_case c JOIN clue l ON l.id = c.clue_id LEFT JOIN project p ON p.id = l.project_id
            WHERE c.id IN (\(OpenCaseSQL.changedSince(day)))
            """)
        let rows = try Row.fetchCursor(statement)
        let c = ColumnReader(statement)
        while try rows.next() != nil {
            add(Change(id: try c.integer(0, "id"), projectID: c.integer(1), seriesID: c.integer(13), claimed: try c.integer(2, "claimed_fen"),
                    stageNow: try c.vocabulary(3, "stage"),
                    stageThen: c.integer(4) == 1 ? try c.vocabulary(5, "stage") : nil,
                    stageDateThen: try c.date(6, "stage_on"), opened: try c.date(7, "opened_on"),
                    employmentEnded: try c.optionalDate(8, "employment_ended_on"),
                    paymentDue: try c.optionalDate(9, "payment_due_on"), caseNumber: c.text(10), projectName: c.text(11),
                    regionCode: c.text(12)))
        }
    }
}
