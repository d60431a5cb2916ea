import GRDB
import WagecaseCore
import WagecaseStore

/// The cases opened or moved after a past day (OpenCaseSQL.changedSince), each as it stood on that day, read once
/// for everything a digest of the day asks: every other case stood then as it stands now, so the day's open cases
/// per project, its largest open cases and its cases under watch are today's, put back for these few. (Each of
/// them once found these cases again with its own statement: three times the same history read.)
struct CasesChangedSince {
    struct Standing {
        let id: Int64
        let projectID: Int64?
        let projectName: String?
        let regionCode: String?
        let caseNumber: String?
        let claimed: Int64
        /// Opened by the day and at an open stage then / now.
        let openThen: Bool
        let openNow: Bool
        /// The stage on the day and the date it was reached; nil for a case opened after the day.
        let stageThen: CaseStage?
        let stageDateThen: LocalDate?
        let opened: LocalDate
        let employmentEnded: LocalDate?
        let paymentDue: LocalDate?
    }

    let day: LocalDate
    let cases: [Int64: Standing]

    init(_ db: Database, day: LocalDate, today: LocalDate) throws {
        self.day = day
        let stageEvent = """
            (SELECT e.on_date FROM case_event e WHERE e.case_id = c.id AND e.on_date <= '\(day.iso)'
             ORDER BY e.on_date DESC, e.id DESC LIMIT 1)
            """
        let statement = try db.makeStatement(sql: """
            SELECT c.id, l.project_id, p.name, p.region_code, c.case_number, c.claimed_fen, c.stage,
                   c.opened_on <= '\(day.iso)', \(OpenCaseSQL.stage(on: day, today: today)),
                   CASE WHEN c.stage_on <= '\(day.iso)' THEN c.stage_on ELSE COALESCE(\(stageEvent), c.opened_on) END,
                   c.opened_on, c.employment_ended_on, c.payment_due_on
            FROM wage_case c JOIN clue l ON l.id = c.clue_id LEFT JOIN project p ON p.id = l.project_id
            WHERE c.id IN (\(OpenCaseSQL.changedSince(day)))
            """)
        var cases: [Int64: Standing] = [:]
        for standing in try ColumnReader.fetchAll(statement, { c -> Standing in
            let openedByThen = c.integer(7) == 1
            let stageNow: CaseStage = try c.vocabulary(6, "stage")
            let stageThen: CaseStage? = openedByThen ? try c.vocabulary(8, "stage") : nil
            return Standing(id: try c.integer(0, "id"), projectID: c.integer(1), projectName: c.text(2),
                            regionCode: c.text(3), caseNumber: c.text(4), claimed: try c.integer(5, "claimed_fen"),
                            openThen: stageThen?.isOpen ?? false, openNow: stageNow.isOpen, stageThen: stageThen,
                            stageDateThen: openedByThen ? try c.date(9, "stage_on") : nil,
                            opened: try c.date(10, "opened_on"), employmentEnded: try c.optionalDate(11, "employment_ended_on"),
                            paymentDue: try c.optionalDate(12, "payment_due_on"))
        }) {
            cases[standing.id] = standing
        }
        self.cases = cases
    }

    func contains(_ id: Int64) -> Bool { cases[id] != nil }
}
