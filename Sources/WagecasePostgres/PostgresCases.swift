import PostgresNIO
import WagecaseCore
import WagecaseStore

/// The cases as a digest reads them from PostgreSQL: what "open" means on a past day, the cases changed since,
/// those under watch and the open ones by project — the SQLite store's reads (OpenCaseSQL, CasesChangedSince,
/// fetchCasesUnderWatch, fetchOpenCaseCounts) in PostgreSQL's SQL. Days are checked ISO dates written in as
/// literals, as there.
enum PostgresCases {
    static let finishedSQL = "(" + CaseStage.finished.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    static func literal(_ day: LocalDate) -> String { "DATE '\(day.iso)'" }

    /// The stage of the case aliased `c` on `day`: as it stands if it last moved by then, else its last stage event
    /// by then (the day it was opened: accepted). On or after `today`, as it stands.
    static func stage(on day: LocalDate, today: LocalDate) -> String {
        guard day < today else { return "c.stage" }
        return """
            CASE WHEN c.stage_on <= \(literal(day)) THEN c.stage
                 ELSE COALESCE((SELECT e.stage FROM case_event e WHERE e.case_id = c.id AND e.on_date <= \(literal(day))
                                ORDER BY e.on_date DESC, e.id DESC LIMIT 1), 'accepted') END
            """
    }

    /// The date the case aliased `c` reached its stage on `day`, as text.
    static func stageDate(on day: LocalDate, today: LocalDate) -> String {
        guard day < today else { return "c.stage_on::text" }
        return """
            (CASE WHEN c.stage_on <= \(literal(day)) THEN c.stage_on
                 ELSE COALESCE((SELECT e.on_date FROM case_event e WHERE e.case_id = c.id AND e.on_date <= \(literal(day))
                                ORDER BY e.on_date DESC, e.id DESC LIMIT 1), c.opened_on) END)::text
            """
    }

    /// The condition that the case aliased `c` was open on `day`.
    static func condition(on day: LocalDate, today: LocalDate) -> String {
        guard day < today else { return "c.stage NOT IN \(finishedSQL)" }
        return "c.opened_on <= \(literal(day)) AND \(stage(on: day, today: today)) NOT IN \(finishedSQL)"
    }

    /// The cases opened or moved after `day`, as they stood then: their ids gathered into one array first (through
    /// the opening-date and the stage events' indexes; a planner given them as a join read every case), then those
    /// cases by id, each open then with its last stage event by the day, then their clues' projects, each clue
    /// once (a crew's cases share one: looking it up per case cost a third of the whole). The ids stay on the
    /// server: sending 150,006 of them out and back cost a round of their own.
    static func changed(_ connection: PostgresConnection, day: LocalDate, today: LocalDate) async throws -> CasesChangedSince {
        let stages = CaseStage.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        var changed = CasesChangedSince(day: day)
        // As `stage(on:today:)` and `stageDate(on:today:)` have it, from one look at the case's events (schema v28's
        // index: the last event by the day read backwards from the index alone), taken only for a case open then
        // that moved since (the condition inside the lateral is checked once per case, before the index).
        let cases = try await PostgresStatistics.rows("""
            SELECT c.id, c.clue_id, c.claimed_fen, c.stage, c.opened_on <= $1::date,
                   CASE WHEN c.stage_on <= $1::date THEN c.stage ELSE COALESCE(last.stage, 'accepted') END,
                   (CASE WHEN c.stage_on <= $1::date THEN c.stage_on ELSE COALESCE(last.on_date, c.opened_on) END)::text,
                   c.opened_on::text, c.employment_ended_on::text, c.payment_due_on::text, c.case_number, c.series_id
            FROM wage_case c
            LEFT JOIN LATERAL (SELECT e.stage, e.on_date FROM case_event e
                               WHERE c.stage_on > $1::date AND c.opened_on <= $1::date
                                 AND e.case_id = c.id AND e.on_date <= $1::date
                               ORDER BY e.on_date DESC, e.id DESC LIMIT 1) last ON true
            WHERE c.id = ANY(ARRAY(
                SELECT id FROM wage_case WHERE opened_on > $1::date
                UNION SELECT case_id FROM case_event WHERE stage IN (\(stages)) AND on_date > $1::date))
            """, [day.iso], on: connection, { c in
            (clueID: try c.integer(1, "clue_id"), change: CasesChangedSince.Change(
                id: try c.integer(0, "id"), projectID: nil, seriesID: try c.optionalInteger(11),
                claimed: try c.integer(2, "claimed_fen"), stageNow: try c.vocabulary(3, "stage"),
                stageThen: try c.optionalBool(4) == true ? try c.vocabulary(5, "stage") : nil,
                stageDateThen: try c.date(6, "stage_on"), opened: try c.date(7, "opened_on"),
                employmentEnded: try c.optionalDate(8, "employment_ended_on"),
                paymentDue: try c.optionalDate(9, "payment_due_on"), caseNumber: try c.optionalText(10),
                projectName: nil, regionCode: nil))
        })
        guard !cases.isEmpty else { return changed }
        var projects: [Int64: (id: Int64, name: String, regionCode: String?)] = [:]
        for (clue, project) in try await PostgresStatistics.rows("""
            SELECT l.id, p.id, p.name, p.region_code FROM clue l JOIN project p ON p.id = l.project_id
            WHERE l.id = ANY($1::bigint[])
            """, [PostgresStatistics.idArray(Set(cases.map(\.clueID)).sorted())], on: connection, { c in
                (try c.integer(0, "clue_id"), (id: try c.integer(1, "project_id"), name: try c.text(2, "project_name"),
                                               regionCode: try c.optionalText(3)))
            }) { projects[clue] = project }
        for (clueID, var change) in cases {
            if let project = projects[clueID] {
                (change.projectID, change.projectName, change.regionCode) = (project.id, project.name, project.regionCode)
            }
            changed.add(change)
        }
        return changed
    }

    /// The open cases with a time limit to watch on `asOf` (CaseTimeLimits.isUnderWatch), by id.
    static func underWatch(_ connection: PostgresConnection, asOf: LocalDate, today: LocalDate,
                           changed: CasesChangedSince?) async throws -> [CaseUnderWatch] {
        var then = asOf < today ? changed : nil
        if asOf < today && then == nil { then = try await Self.changed(connection, day: asOf, today: today) }
        return try await Watched.read(connection).then(then)
    }

    /// The cases under watch as they stand, read apart from the cases changed since a day (`then(_:)` puts those
    /// back), so a digest reads them while another connection finds those.
    struct Watched: Sendable {
        let cases: [CaseUnderWatch]
        let decisionDays: Int
        let courtFilingDays: Int

        static func read(_ connection: PostgresConnection) async throws -> Watched {
            let settings = try await PostgresMonitorSnapshot.settings(connection)
            let decisionDays = Setting.caseDecisionDays.number(settings[.caseDecisionDays])
            let courtFilingDays = Setting.courtFilingDays.number(settings[.courtFilingDays])
            let stages = "(" + CaseTimeLimits.claimNotYetBrought.map { "'\($0.rawValue)'" }.sorted().joined(separator: ", ") + ")"
            let watched = try await PostgresStatistics.rows("""
                SELECT c.id, c.case_number, c.stage, c.stage_on::text, c.opened_on::text, c.employment_ended_on::text,
                       c.payment_due_on::text, p.id, p.name, p.region_code
                FROM wage_case c JOIN clue l ON l.id = c.clue_id LEFT JOIN project p ON p.id = l.project_id
                WHERE c.stage IN \(stages)
                  AND (c.stage <> 'support-decided' OR c.employment_ended_on IS NOT NULL OR c.payment_due_on IS NOT NULL)
                ORDER BY c.id
                """, on: connection) { c in
                CaseUnderWatch(
                    id: try c.integer(0, "id"), caseNumber: try c.optionalText(1),
                    facts: CaseTimeFacts(stage: try c.vocabulary(2, "stage"), stageDate: try c.date(3, "stage_on"),
                                         opened: try c.date(4, "opened_on"),
                                         employmentEnded: try c.optionalDate(5, "employment_ended_on"),
                                         paymentDue: try c.optionalDate(6, "payment_due_on"),
                                         decisionDays: decisionDays, courtFilingDays: courtFilingDays),
                    projectID: try c.optionalInteger(7), projectName: try c.optionalText(8), regionCode: try c.optionalText(9))
            }
            return Watched(cases: watched, decisionDays: decisionDays, courtFilingDays: courtFilingDays)
        }

        /// The digest's part of the cases' time limits, as an async function for a digest's `async let` (a task
        /// of its own, beside the lists' reads).
        static func digestPart(_ watched: Watched, changed: CasesChangedSince?, calendar: WorkingDayCalendar, asOf: LocalDate,
                               window: Int, limit: Int) async -> (alerts: Digest.AlertSummary, deadlines: [Deadline]) {
            CaseTimeLimits.digestPart(watched.then(changed), calendar: calendar, asOf: asOf, window: window, limit: limit)
        }

        /// As they stood on the day `changed` was found for (nil: today).
        func then(_ changed: CasesChangedSince?) -> [CaseUnderWatch] {
            guard let changed else { return cases }
            return changed.underWatchThen(cases, decisionDays: decisionDays, courtFilingDays: courtFilingDays)
        }
    }

    /// How many cases were open on `asOf`, by project (kept by triggers for today; put back for the cases changed
    /// since on a past day), and for the `drawn` projects when the latest of them was opened.
    static func openCaseCounts(_ connection: PostgresConnection, asOf: LocalDate, today: LocalDate, drawn: Set<Int64>,
                               changed: CasesChangedSince?) async throws -> MonitorDigestPart.OpenCases {
        // A past day: the cases changed since (found if not given) put back as they stood then.
        var changed = asOf < today ? changed : nil
        if asOf < today && changed == nil { changed = try await Self.changed(connection, day: asOf, today: today) }
        return try await KeptOpenCases.read(connection, drawn: drawn, pastDay: asOf < today).then(changed)
    }

    /// The open cases as kept today, by project, and the openings of the drawn projects' open cases: what
    /// `then(_:)` puts back as they stood on a day once the cases changed since are known (read apart, so a
    /// digest reads them while another connection finds those cases).
    struct KeptOpenCases: Sendable {
        var counts: [Int64: Int] = [:]
        /// The projects whose deposits were drawn.
        var drawn: Set<Int64> = []
        /// Each drawn project's open cases with their openings (a past day), or only its latest (today: `id` 0).
        var drawnCases: [(project: Int64, id: Int64, opened: LocalDate)] = []

        static func read(_ connection: PostgresConnection, drawn: Set<Int64>, pastDay: Bool) async throws -> Self {
            var kept = Self(drawn: drawn)
            // Every project with an open case, as columns (PostgresColumnArrays).
            let open = try await PostgresColumnArrays.read(
                "SELECT array_agg(project_id), array_agg(cases::bigint) FROM project_open_cases WHERE cases > 0", on: connection)
            let (projects, cases) = (try open.integers(0, "project_id"), try open.integers(1, "cases"))
            kept.counts.reserveCapacity(open.count)
            for row in 0..<open.count { kept.counts[projects[row]] = Int(truncatingIfNeeded: cases[row]) }
            // On a past day every drawn project is asked (its open cases then are known only later; one with no
            // case open now has no row).
            let asked = pastDay ? drawn : drawn.filter { kept.counts[$0] != nil }
            guard !asked.isEmpty else { return kept }
            let drawnCases = try await PostgresColumnArrays.read(pastDay ? """
                SELECT array_agg(project_id), array_agg(case_id), array_agg(opened_on::text)
                FROM project_open_case WHERE project_id = ANY($1::bigint[])
                """ : """
                SELECT array_agg(project_id), array_agg(0::bigint), array_agg(latest) FROM (
                    SELECT project_id, MAX(opened_on)::text AS latest FROM project_open_case
                    WHERE project_id = ANY($1::bigint[]) GROUP BY project_id) latest
                """, [PostgresStatistics.idArray(asked)], on: connection)
            let (ids, openings) = (try drawnCases.integers(1, "case_id"), try drawnCases.texts(2, "opened_on"))
            let drawnProjects = try drawnCases.integers(0, "project_id")
            kept.drawnCases.reserveCapacity(drawnCases.count)
            for row in 0..<drawnCases.count {
                kept.drawnCases.append((drawnProjects[row], ids[row], try PostgresStatistics.date(openings[row], "opened_on")))
            }
            return kept
        }

        /// As they stood on the day `changed` was found for (nil: today, as read for today or for a past day).
        func then(_ changed: CasesChangedSince?) -> MonitorDigestPart.OpenCases {
            let counts = changed.map { $0.openCountsThen(self.counts) } ?? self.counts
            var latest: [Int64: LocalDate] = [:]
            // On a past day, the changed cases open then, and the latest opening among the open cases not changed
            // since; today, the latest of every open case.
            if let changed {
                for project in drawn where counts[project] != nil { latest[project] = changed.latestOpenedThen[project] }
            }
            for (project, id, opened) in drawnCases where counts[project] != nil && changed?.contains(id) != true {
                latest[project] = max(latest[project] ?? opened, opened)
            }
            return (counts, latest)
        }
    }

    /// The cases of each project open on `asOf`, by id, for the alerts a summary shows.
    static func openCases(_ connection: PostgresConnection, projects: [Int64], asOf: LocalDate,
                          today: LocalDate) async throws -> [Int64: [Int64]] {
        // A project named twice is asked once.
        var cases = Dictionary(projects.map { ($0, [Int64]()) }, uniquingKeysWith: { first, _ in first })
        guard !projects.isEmpty else { return cases }
        for (project, id) in try await PostgresStatistics.rows("""
            SELECT l.project_id, c.id FROM clue l JOIN wage_case c ON c.clue_id = l.id
            WHERE l.project_id = ANY($1::bigint[]) AND \(condition(on: asOf, today: today)) ORDER BY c.id
            """, [PostgresStatistics.idArray(projects)], on: connection, {
                (try $0.integer(0, "project_id"), try $0.integer(1, "id"))
            }) { cases[project, default: []].append(id) }
        return cases
    }
}
