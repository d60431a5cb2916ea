import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// The digest for `period` as seen on `asOf`, read in one transaction (a consistent snapshot that, in WAL,
    /// does not block writers). Lists are cut to `limit` items; their totals are kept. The overview scope leaves
    /// the case lists and the monthly trend empty.
    public func digest(_ period: DigestPeriod, asOf: LocalDate? = nil, limit: Int = 10,
                       scope: DigestScope = .full) throws -> Digest {
        try digest(period, asOf: asOf, limit: limit, scope: scope, keptFindings: true)
    }

    /// The digest, with the monitor's findings read from what is kept (schema.sql v21) or, `keptFindings` false,
    /// found afresh for every project (the pass the kept findings are held to).
    func digest(_ period: DigestPeriod, asOf: LocalDate?, limit: Int, scope: DigestScope,
                keptFindings: Bool) throws -> Digest {
        let asOf = asOf ?? today
        let today = self.today
        return try read { db in
            let calendar = try Self.fetchCalendar(db)
            // The monitor's findings are kept per project as spans of days (MonitorFindingsKept) and counted and
            // ranked by SQL; the guarantees' standing is kept by day (schema.sql v19).
            let window = Digest.dueWindowDays(for: period.kind)
            // A past day's cases that changed since, found once for the open cases, the lists and the time limits.
            let changed = asOf < today ? try CasesChangedSince(db, day: asOf, today: today) : nil
            // And what was paid since, by case, for the largest open cases and the open series.
            let paidSince = asOf < today ? try Self.fetchPaidSince(db, day: asOf) : nil
            let monitor = try Self.monitorDigestPart(db, asOf: asOf, today: today, window: window, limit: limit,
                                                     calendar: calendar, keptFindings: keptFindings, changed: changed)
            let full = scope == .full
            let largest = full ? try Self.fetchLargestOpenCases(db, limit: limit, asOf: asOf, today: today, changed: changed,
                                                                paidSince: paidSince)
                : .init(total: 0, items: [])
            let series = full ? try Self.fetchOpenSeries(db, limit: limit, asOf: asOf, today: today, changed: changed,
                                                         paidSince: paidSince)
                : .init(total: 0, items: [])
            let weeks = try Self.fetchRecoveredByWeek(db, endingWith: period.to)
            let months = full && period.kind == .month ? try Self.fetchRecoveredByMonth(db, through: period.to) : []
            var current = try Self.fetchStatistics(db, period.range, asOf: period.to)
            var previous = try Self.fetchStatistics(db, period.previous.range, asOf: period.previous.to)
            var yearToDate = try Self.fetchStatistics(db, period.yearToDate, asOf: period.to)
            // Referrals are judged as they stand at each range's end, or today when that is still to come.
            current.referrals = try Self.referralFigures(db, range: period.range, end: min(period.to, today),
                                                         calendar: calendar)
            previous.referrals = try Self.referralFigures(db, range: period.previous.range,
                                                          end: min(period.previous.to, today), calendar: calendar)
            yearToDate.referrals = try Self.referralFigures(db, range: period.yearToDate, end: min(period.to, today),
                                                            calendar: calendar)
            // Cases' time limits move with the cases: found each time, from the cases that have any.
            let watched = CaseTimeLimits.digestPart(
                try Self.fetchCasesUnderWatch(db, asOf: asOf, today: today, changed: changed), calendar: calendar,
                asOf: asOf, window: window, limit: limit)
            let jointSnapshot = try Self.fetchJointWork(db, asOf: asOf, calendar: calendar)
            var digest = Digest(
                period: period, asOf: asOf, limit: limit, monitor: monitor, watched: watched,
                joint: JointWorkMonitor.findings(jointSnapshot, calendar: calendar, asOf: asOf),
                jointWork: try Self.digestJointWork(db, period: period, asOf: asOf, limit: limit, snapshot: jointSnapshot,
                                                    calendar: calendar),
                current: current, previous: previous, yearToDate: yearToDate, largestOpenCases: largest,
                openSeries: series, recoveredByWeek: weeks, recoveredByMonth: months)
            var arrearsCases: [Int64: [Int64]] = [:]
            for project in digest.arrearsProjectsShown {
                arrearsCases[project] = try Self.fetchOpenCases(db, project: project, asOf: asOf, today: today)
            }
            digest.nameArrearsCases(arrearsCases)
            return digest
        }
    }

    private static let finishedStages = OpenCaseSQL.finishedSQL

    /// Cases open on `asOf` by what was still unpaid then (claimed − recovered by that day), largest first. A case
    /// not changed since (`changed`, found if not given) stood as it stands: open now, owing what it owes now
    /// (open_case_unpaid, read in its index order) and what was paid since; a changed one as it stood then.
    static func fetchLargestOpenCases(_ db: Database, limit: Int, asOf: LocalDate, today: LocalDate,
                                      changed: CasesChangedSince? = nil, paidSince: [Int64: Int64]? = nil) throws
        -> Digest.Listing<Digest.OpenCase> {
        guard asOf < today else { return try fetchLargestOpenCases(db, limit: limit) }
        let changed = try changed ?? CasesChangedSince(db, day: asOf, today: today)
        let openNow = try Int.fetchOne(db, cached: """
            SELECT COALESCE(SUM(cases), 0) FROM case_stage_count WHERE stage NOT IN \(finishedStages)
            """) ?? 0
        let total = openNow + changed.openChange
        guard limit > 0 else { return Digest.Listing(total: total, items: []) }
        let paidSince = try paidSince ?? fetchPaidSince(db, day: asOf)
        func inOrder(_ a: (id: Int64, unpaid: Int64), _ b: (id: Int64, unpaid: Int64)) -> Bool {
            a.unpaid != b.unpaid ? a.unpaid > b.unpaid : a.id < b.id
        }
        // Unchanged and not paid since: the first of the kept order.
        var unmoved: [(id: Int64, unpaid: Int64)] = []
        let steady = try db.cachedStatement(sql: "SELECT case_id, unpaid_fen FROM open_case_unpaid ORDER BY unpaid_fen DESC, case_id")
        let steadyColumns = ColumnReader(steady)
        let steadyRows = try Row.fetchCursor(steady)
        while unmoved.count < limit, try steadyRows.next() != nil {
            let id = try steadyColumns.integer(0, "case_id")
            if !changed.contains(id) && paidSince[id] == nil { unmoved.append((id, try steadyColumns.integer(1, "unpaid_fen"))) }
        }
        // Unchanged and paid since: what it owes now and what was paid since.
        let owedNow = try db.cachedStatement(sql: "SELECT unpaid_fen FROM open_case_unpaid WHERE case_id = ?")
        for (id, after) in paidSince where !changed.contains(id) {
            if let unpaid = try Int64.fetchOne(owedNow, arguments: [id]) { unmoved.append((id, unpaid + after)) }
        }
        unmoved.sort(by: inOrder)
        // Changed and open then: the claim less what was recovered by the day. What is unpaid never exceeds the
        // claim, so only a claim at least the least of the first `limit` others (any, if fewer) can rank.
        let least = unmoved.count < limit ? nil : unmoved[limit - 1].unpaid
        let recoveredBy = try db.cachedStatement(sql: """
            SELECT COALESCE(SUM(amount_fen), 0) FROM recovery WHERE case_id = ? AND paid_on <= ?
            """)
        var ranked = Array(unmoved.prefix(limit))
        for (id, claimed) in changed.openThen where claimed >= (least ?? Int64.min) {
            let recovered = try Int64.fetchOne(recoveredBy, arguments: [id, asOf.iso]) ?? 0
            ranked.append((id, claimed - recovered))
        }
        ranked = Array(ranked.sorted(by: inOrder).prefix(limit))
        guard !ranked.isEmpty else { return Digest.Listing(total: total, items: []) }
        // The names of the few kept, and each one's stage on the day (ids and amounts are the store's integers).
        let values = ranked.map { "(\($0.id), \($0.unpaid))" }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: """
            WITH ranked(id, unpaid) AS (VALUES \(values))
            SELECT c.id, c.case_number, w.name AS worker_name, e.name AS employer_name, p.name AS project_name,
                   s.name AS series_name, \(OpenCaseSQL.stage(on: asOf, today: today)) AS stage, c.opened_on, c.claimed_fen,
                   c.claimed_fen - ranked.unpaid AS recovered
            FROM ranked JOIN wage_case c ON c.id = ranked.id JOIN worker w ON w.id = c.worker_id
            JOIN clue l ON l.id = c.clue_id JOIN employer e ON e.id = l.employer_id
            LEFT JOIN project p ON p.id = l.project_id LEFT JOIN case_series s ON s.id = c.series_id
            ORDER BY ranked.unpaid DESC, c.id
            """)
        return Digest.Listing(total: total, items: try rows.map(Digest.OpenCase.init(row:)))
    }

    /// What was paid after `day`, by case: the payments since by date (grouping by case would lead the planner
    /// through every recovery).
    static func fetchPaidSince(_ db: Database, day: LocalDate) throws -> [Int64: Int64] {
        var paid: [Int64: Int64] = [:]
        for row in try Row.fetchAll(db, sql: """
                SELECT case_id, SUM(amount_fen) FROM recovery INDEXED BY recovery_by_paid WHERE paid_on > ? GROUP BY case_id
                """, arguments: [day.iso]) {
            paid[row[0]] = row[1]
        }
        return paid
    }

    /// Open cases by what is still unpaid (claimed − recovered so far), largest first. The ranking reads the kept
    /// open_case_unpaid in its index order; names are joined for the few rows kept.
    static func fetchLargestOpenCases(_ db: Database, limit: Int) throws -> Digest.Listing<Digest.OpenCase> {
        // Both read from what triggers keep as cases and recoveries change (schema.sql v19): the cases by stage,
        // and the open cases in the order of what is still unpaid.
        let total = try Int.fetchOne(db, cached: """
            SELECT COALESCE(SUM(cases), 0) FROM case_stage_count WHERE stage NOT IN \(finishedStages)
            """) ?? 0
        let rows = try Row.fetchAll(db, cached: """
            WITH ranked AS (SELECT case_id, unpaid_fen FROM open_case_unpaid ORDER BY unpaid_fen DESC, case_id LIMIT ?)
            SELECT c.id, c.case_number, w.name AS worker_name, e.name AS employer_name, p.name AS project_name,
                   s.name AS series_name, c.stage, c.opened_on, c.claimed_fen, c.claimed_fen - ranked.unpaid_fen AS recovered
            FROM ranked JOIN wage_case c ON c.id = ranked.case_id JOIN worker w ON w.id = c.worker_id
            JOIN clue l ON l.id = c.clue_id JOIN employer e ON e.id = l.employer_id
            LEFT JOIN project p ON p.id = l.project_id LEFT JOIN case_series s ON s.id = c.series_id
            ORDER BY ranked.unpaid_fen DESC, c.id
            """, arguments: [limit])
        return Digest.Listing(total: total, items: try rows.map(Digest.OpenCase.init(row:)))
    }

    /// Series (crews) with a case open on `asOf`, by what was still unpaid across the series then, largest first:
    /// the kept series figures (schema.sql v27) in their index's order, and on a past day the series with a case
    /// opened, moved (`changed`, found if not given) or paid since (`paidSince`, by case, found if not given)
    /// counted again from their cases as they stood.
    static func fetchOpenSeries(_ db: Database, limit: Int, asOf: LocalDate, today: LocalDate,
                                changed: CasesChangedSince? = nil, paidSince: [Int64: Int64]? = nil) throws
        -> Digest.Listing<Digest.OpenSeries> {
        let keptOpen = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM series_figure WHERE open_cases > 0") ?? 0
        let inKeptOrder = try db.cachedStatement(sql: """
            SELECT series_id, cases, open_cases, claimed_fen, recovered_fen
            FROM series_figure INDEXED BY series_figure_open_by_unpaid WHERE open_cases > 0
            ORDER BY claimed_fen - recovered_fen DESC, series_id
            """)
        let keptColumns = ColumnReader(inKeptOrder)
        func figure(_ c: ColumnReader) throws -> OpenSeriesFigures.Figure {
            OpenSeriesFigures.Figure(seriesID: try c.integer(0, "series_id"), cases: Int(try c.integer(1, "cases")),
                                     openCases: Int(try c.integer(2, "open_cases")), claimed: try c.integer(3, "claimed_fen"),
                                     recovered: try c.integer(4, "recovered_fen"))
        }
        var affected = Set<Int64>()
        var affectedThen: [OpenSeriesFigures.Figure] = []
        var affectedKeptOpen = 0
        if asOf < today {
            let changed = try changed ?? CasesChangedSince(db, day: asOf, today: today)
            affected = changed.series
            // The series of the cases paid since: a changed case's is known; the others' are looked up.
            let paidUnchanged = try (paidSince ?? fetchPaidSince(db, day: asOf)).keys.filter { !changed.contains($0) }
            if !paidUnchanged.isEmpty {
                affected.formUnion(try Int64.fetchAll(db, sql: """
                    SELECT DISTINCT series_id FROM wage_case WHERE id IN (SELECT value FROM json_each(?))
                      AND series_id IS NOT NULL
                    """, arguments: ["[" + paidUnchanged.sorted().map(String.init).joined(separator: ",") + "]"]))
            }
            let list = "[" + affected.sorted().map(String.init).joined(separator: ",") + "]"
            affectedKeptOpen = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM series_figure WHERE open_cases > 0 AND series_id IN (SELECT value FROM json_each(?))
                """, arguments: [list]) ?? 0
            let statement = try db.makeStatement(sql: """
                WITH members AS (
                    SELECT c.series_id, \(OpenCaseSQL.stage(on: asOf, today: today)) AS stage, c.claimed_fen,
                           (SELECT COALESCE(SUM(r.amount_fen), 0) FROM recovery r
                            WHERE r.case_id = c.id AND r.paid_on <= '\(asOf.iso)') AS recovered
                    FROM wage_case c INDEXED BY wage_case_by_series
                    WHERE c.series_id IS NOT NULL AND c.series_id IN (SELECT value FROM json_each(?))
                      AND c.opened_on <= '\(asOf.iso)')
                SELECT series_id, COUNT(*), SUM(stage NOT IN \(finishedStages)), SUM(claimed_fen), SUM(recovered)
                FROM members GROUP BY series_id
                """)
            try statement.setArguments([list])
            affectedThen = try ColumnReader.fetchAll(statement, figure)
        }
        var keptFirst: [OpenSeriesFigures.Figure] = []
        let keptRows = try Row.fetchCursor(inKeptOrder)
        while keptFirst.count < limit, try keptRows.next() != nil {
            let kept = try figure(keptColumns)
            if !affected.contains(kept.seriesID) { keptFirst.append(kept) }
        }
        let (total, first) = asOf < today
            ? OpenSeriesFigures.onPastDay(keptOpen: keptOpen, keptFirst: keptFirst, affectedKeptOpen: affectedKeptOpen,
                                          affectedThen: affectedThen, limit: limit)
            : (keptOpen, keptFirst)
        guard !first.isEmpty else { return Digest.Listing(total: total, items: []) }
        let names = try Dictionary(Row.fetchAll(db, sql: """
            SELECT id, name FROM case_series WHERE id IN (SELECT value FROM json_each(?))
            """, arguments: ["[" + first.map { String($0.seriesID) }.joined(separator: ",") + "]"]).map {
                (try $0.decode(forColumn: "id") as Int64, try $0.decode(forColumn: "name") as String)
            }, uniquingKeysWith: { a, _ in a })
        // Every series a case names exists (a foreign key); the join the list once made is kept all the same.
        return Digest.Listing(total: total, items: first.compactMap { figure in names[figure.seriesID].map(figure.named) })
    }

    /// Recovered per calendar month from January of `day`'s year to `day`'s month.
    static func fetchRecoveredByMonth(_ db: Database, through day: LocalDate) throws -> [Digest.MonthAmount] {
        let byMonth = try Row.fetchAll(db, cached: """
            SELECT CAST(substr(paid_on, 6, 2) AS INTEGER) AS month, SUM(amount_fen) AS total FROM recovery
            WHERE paid_on BETWEEN ? AND ? GROUP BY month
            """, arguments: ["\(day.year)-01-01", day.iso]).map { row in
            (month: try row.decode(forColumn: "month") as Int, recovered: try row.fen("total"))
        }
        return Digest.monthAmounts(through: day, byMonth: byMonth)
    }

    /// Recovered per Monday–Sunday week over the chart's weeks, ending with the week containing `day`.
    static func fetchRecoveredByWeek(_ db: Database, endingWith day: LocalDate) throws -> [Digest.WeekAmount] {
        let days = Digest.chartDays(endingWith: day)
        let byDay = try Row.fetchAll(db, cached: """
            SELECT paid_on, SUM(amount_fen) AS total FROM recovery WHERE paid_on BETWEEN ? AND ? GROUP BY paid_on
            """, arguments: [days.first.iso, days.last.iso]).map { row in
            (paid: try row.date("paid_on"), recovered: try row.fen("total"))
        }
        return Digest.weekAmounts(endingWith: day, byDay: byDay)
    }
}

extension Digest.OpenCase {
    init(row: Row) throws {
        self.init(caseID: (try row.decode(forColumn: "id")), caseNumber: (try row.decode(forColumn: "case_number")),
                  workerName: (try row.decode(forColumn: "worker_name")),
                  employerName: (try row.decode(forColumn: "employer_name")),
                  projectName: (try row.decode(forColumn: "project_name")),
                  seriesName: (try row.decode(forColumn: "series_name")), stage: try row.vocabulary("stage"),
                  opened: try row.date("opened_on"), claimed: try row.fen("claimed_fen"), recovered: try row.fen("recovered"))
    }
}
