import GRDB
import WagecaseCore
@testable import WagecaseSQLite

/// A past day's largest open cases and cases under watch, each case's state then found from its own history in one
/// statement (what the store read before it found the cases changed since once for a whole digest): the reference
/// the store's reading is held to.
enum PastDayReference {
    /// Series with a case open on `asOf` by what was unpaid across the series then: every member of every series
    /// read with its stage and recoveries on the day (what the store read before it kept the series' figures).
    static func openSeries(_ db: Database, limit: Int, asOf: LocalDate,
                           today: LocalDate) throws -> Digest.Listing<Digest.OpenSeries> {
        let past = asOf < today
        let rows = try Row.fetchAll(db, sql: """
            WITH members AS (
                SELECT c.series_id, \(OpenCaseSQL.stage(on: asOf, today: today)) AS stage, c.claimed_fen,
                       (SELECT COALESCE(SUM(r.amount_fen), 0) FROM recovery r WHERE r.case_id = c.id
                        \(past ? "AND r.paid_on <= '\(asOf.iso)'" : "")) AS recovered
                FROM wage_case c WHERE c.series_id IS NOT NULL \(past ? "AND c.opened_on <= '\(asOf.iso)'" : "")),
            by_series AS (
                SELECT series_id, COUNT(*) AS cases, SUM(stage NOT IN \(OpenCaseSQL.finishedSQL)) AS open_cases,
                       SUM(claimed_fen) AS claimed, SUM(recovered) AS recovered
                FROM members GROUP BY series_id HAVING open_cases > 0)
            SELECT s.id, s.name, b.cases, b.open_cases, b.claimed, b.recovered
            FROM by_series b JOIN case_series s ON s.id = b.series_id
            ORDER BY b.claimed - b.recovered DESC, s.id
            """)
        let all = rows.map { row in
            Digest.OpenSeries(seriesID: row["id"], name: row["name"], cases: row["cases"], openCases: row["open_cases"],
                              claimed: Fen(row["claimed"] as Int64), recovered: Fen(row["recovered"] as Int64))
        }
        return Digest.Listing(all: all, limit: limit)
    }

    static func largestOpenCases(_ db: Database, limit: Int, asOf: LocalDate,
                                 today: LocalDate) throws -> Digest.Listing<Digest.OpenCase> {
        let day = asOf.iso
        let changed = OpenCaseSQL.changedSince(asOf)
        let openThen = "c.opened_on <= '\(day)' AND \(OpenCaseSQL.stage(on: asOf, today: today)) NOT IN \(OpenCaseSQL.finishedSQL)"
        // Open then: open now and not moved since (the kept counts by stage), or moved since and open then (the few).
        let total = try Int.fetchOne(db, sql: """
            SELECT (SELECT COALESCE(SUM(cases), 0) FROM case_stage_count WHERE stage NOT IN \(OpenCaseSQL.finishedSQL))
                 + (SELECT COALESCE(SUM((\(openThen)) - (c.stage NOT IN \(OpenCaseSQL.finishedSQL))), 0)
                    FROM wage_case c WHERE c.id IN (\(changed)))
            """) ?? 0
        // What was unpaid then: for a case open now and not moved since, what is unpaid now (kept in
        // open_case_unpaid, in its index order) and what was recovered after the day (the few cases paid since);
        // for a case moved since, its claim less what was recovered by the day.
        let rows = try Row.fetchAll(db, sql: """
            WITH changed(id) AS (\(changed)),
            later(id, after) AS (
                -- The payments since, by date (grouping by case would lead the planner through every recovery).
                SELECT case_id, SUM(amount_fen) FROM recovery INDEXED BY recovery_by_paid WHERE paid_on > '\(day)'
                GROUP BY case_id),
            steady AS (
                SELECT case_id AS id, unpaid_fen AS unpaid FROM open_case_unpaid
                WHERE case_id NOT IN (SELECT id FROM changed) AND case_id NOT IN (SELECT id FROM later)
                ORDER BY unpaid_fen DESC, case_id LIMIT ?1),
            paidSince AS (
                SELECT o.case_id AS id, o.unpaid_fen + l.after AS unpaid FROM open_case_unpaid o JOIN later l ON l.id = o.case_id
                WHERE o.case_id NOT IN (SELECT id FROM changed)),
            unmoved AS (SELECT * FROM steady UNION ALL SELECT * FROM paidSince),
            -- What is unpaid never exceeds the claim: a case moved since can rank only with a claim at least the
            -- least of the first `limit` of the others (all of them, when there are fewer).
            threshold(least) AS (
                SELECT CASE WHEN COUNT(*) < ?1 THEN NULL ELSE MIN(unpaid) END
                FROM (SELECT unpaid FROM unmoved ORDER BY unpaid DESC LIMIT ?1)),
            moved AS (
                SELECT c.id, c.claimed_fen - (SELECT COALESCE(SUM(r.amount_fen), 0) FROM recovery r
                                              WHERE r.case_id = c.id AND r.paid_on <= '\(day)') AS unpaid
                FROM wage_case c, threshold
                WHERE c.id IN (SELECT id FROM changed) AND (threshold.least IS NULL OR c.claimed_fen >= threshold.least)
                  AND \(openThen)),
            ranked AS (
                SELECT id, unpaid FROM (SELECT * FROM unmoved UNION ALL SELECT * FROM moved)
                ORDER BY unpaid DESC, id LIMIT ?1)
            SELECT c.id, c.case_number, w.name AS worker_name, e.name AS employer_name, p.name AS project_name,
                   s.name AS series_name, \(OpenCaseSQL.stage(on: asOf, today: today)) AS stage, c.opened_on, c.claimed_fen,
                   c.claimed_fen - ranked.unpaid AS recovered
            FROM ranked JOIN wage_case c ON c.id = ranked.id JOIN worker w ON w.id = c.worker_id
            JOIN clue l ON l.id = c.clue_id JOIN employer e ON e.id = l.employer_id
            LEFT JOIN project p ON p.id = l.project_id LEFT JOIN case_series s ON s.id = c.series_id
            ORDER BY ranked.unpaid DESC, c.id
            """, arguments: [limit])
        return Digest.Listing(total: total, items: try rows.map(Digest.OpenCase.init(row:)))
    }

    static func casesUnderWatch(_ db: Database, asOf: LocalDate, today: LocalDate) throws -> [CaseUnderWatch] {
        let settings = try AppDatabase.settingValues(db)
        let decisionDays = Setting.caseDecisionDays.number(settings[.caseDecisionDays])
        let courtFilingDays = Setting.courtFilingDays.number(settings[.courtFilingDays])
        return try Row.fetchAll(db, sql: casesUnderWatchSQL(on: asOf, today: today)).map { row in
            CaseUnderWatch(
                id: row[0], caseNumber: row[1],
                facts: CaseTimeFacts(stage: CaseStage(rawValue: row[2])!, stageDate: LocalDate.parseISO(row[3])!,
                                     opened: LocalDate.parseISO(row[4])!,
                                     employmentEnded: (row[5] as String?).flatMap(LocalDate.parseISO),
                                     paymentDue: (row[6] as String?).flatMap(LocalDate.parseISO),
                                     decisionDays: decisionDays, courtFilingDays: courtFilingDays),
                projectID: row[7], projectName: row[8], regionCode: row[9])
        }
    }

    static func casesUnderWatchSQL(on day: LocalDate, today: LocalDate) -> String {
        let stageEvent = """
            (SELECT e.%@ FROM case_event e WHERE e.case_id = c.id AND e.on_date <= '\(day.iso)'
             ORDER BY e.on_date DESC, e.id DESC LIMIT 1)
            """
        return """
            SELECT id, case_number, stage, stage_on, opened_on, employment_ended_on, payment_due_on, project_id,
                   project_name, region_code FROM (
                SELECT c.id, c.case_number, \(OpenCaseSQL.stage(on: day, today: today)) AS stage,
                       CASE WHEN c.stage_on <= '\(day.iso)' THEN c.stage_on
                            ELSE COALESCE(\(stageEvent.replacingOccurrences(of: "%@", with: "on_date")), c.opened_on) END AS stage_on,
                       c.opened_on, c.employment_ended_on, c.payment_due_on, p.id AS project_id, p.name AS project_name,
                       p.region_code
                FROM wage_case c JOIN clue l ON l.id = c.clue_id LEFT JOIN project p ON p.id = l.project_id
                WHERE c.opened_on <= '\(day.iso)' AND c.id IN (
                    SELECT id FROM wage_case INDEXED BY wage_case_by_stage
                    WHERE stage IN ('accepted', 'investigating', 'letter-issued', 'support-decided')
                    UNION \(OpenCaseSQL.changedSince(day))))
            WHERE stage IN ('accepted', 'investigating', 'letter-issued', 'support-decided')
              AND (stage <> 'support-decided' OR employment_ended_on IS NOT NULL OR payment_due_on IS NOT NULL)
            ORDER BY id
            """
    }
}
