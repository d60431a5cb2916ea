import GRDB
import WagecaseCore
import WagecaseStore

/// The cases opened or moved after a past day (OpenCaseSQL.changedSince), each read once as it stood on that day
/// for everything a digest of the day asks: every other case stood then as it stands now, so the day's open cases
/// per project, its largest open cases and its cases under watch are today's, put back for these. (Each of them
/// once found these cases again with its own statement: the same history read three times.) Only what those need
/// is kept — a day years back has nearly every case changed since.
struct CasesChangedSince {
    /// A changed case under watch on the day (casesUnderWatchSQL's condition, as it stood then).
    struct Watched {
        let id: Int64
        let caseNumber: String?
        let stage: CaseStage
        let stageDate: LocalDate
        let opened: LocalDate
        let employmentEnded: LocalDate?
        let paymentDue: LocalDate?
        let projectID: Int64?
        let projectName: String?
        let regionCode: String?
    }

    let day: LocalDate
    private(set) var ids = Set<Int64>()
    /// Open then less open now, over every changed case, and by project.
    private(set) var openChange = 0
    private(set) var openChangeByProject: [Int64: Int] = [:]
    /// By project, the latest opening day of its changed cases open then.
    private(set) var latestOpenedThen: [Int64: LocalDate] = [:]
    /// The changed cases open then, with their claims.
    private(set) var openThen: [(id: Int64, claimed: Int64)] = []
    private(set) var watched: [Watched] = []

    init(_ db: Database, day: LocalDate, today: LocalDate) throws {
        self.day = day
        let statement = try db.makeStatement(sql: """
            SELECT c.id, l.project_id, c.claimed_fen, c.stage, c.opened_on <= '\(day.iso)',
                   \(OpenCaseSQL.stage(on: day, today: today)),
                   \(OpenCaseSQL.stageDate(on: day, today: today)),
                   c.opened_on, c.employment_ended_on, c.payment_due_on, c.case_number, p.name, p.region_code
            FROM wage_case c JOIN clue l ON l.id = c.clue_id LEFT JOIN project p ON p.id = l.project_id
            WHERE c.id IN (\(OpenCaseSQL.changedSince(day)))
            """)
        let rows = try Row.fetchCursor(statement)
        let c = ColumnReader(statement)
        while try rows.next() != nil {
            let id = try c.integer(0, "id"), project = c.integer(1)
            ids.insert(id)
            let openNow = (try c.vocabulary(3, "stage", as: CaseStage.self)).isOpen
            // Opened after the day: not open then, not under watch then.
            let stageThen: CaseStage? = c.integer(4) == 1 ? try c.vocabulary(5, "stage") : nil
            let isOpenThen = stageThen?.isOpen ?? false
            let change = (isOpenThen ? 1 : 0) - (openNow ? 1 : 0)
            openChange += change
            if let project, change != 0 { openChangeByProject[project, default: 0] += change }
            guard let stageThen else { continue }
            let opened = try c.date(7, "opened_on")
            if isOpenThen {
                openThen.append((id, try c.integer(2, "claimed_fen")))
                if let project { latestOpenedThen[project] = max(latestOpenedThen[project] ?? opened, opened) }
            }
            let (employmentEnded, paymentDue) = (try c.optionalDate(8, "employment_ended_on"),
                                                 try c.optionalDate(9, "payment_due_on"))
            if AppDatabase.isUnderWatch(stageThen, employmentEnded: employmentEnded, paymentDue: paymentDue) {
                watched.append(Watched(id: id, caseNumber: c.text(10), stage: stageThen, stageDate: try c.date(6, "stage_on"),
                                       opened: opened, employmentEnded: employmentEnded, paymentDue: paymentDue,
                                       projectID: project, projectName: c.text(11), regionCode: c.text(12)))
            }
        }
    }

    func contains(_ id: Int64) -> Bool { ids.contains(id) }
}
