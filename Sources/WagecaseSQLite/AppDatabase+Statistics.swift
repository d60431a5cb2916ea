import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// The reported figures for a date range, computed with aggregate queries over indexed dates.
    public func statistics(_ range: DateRange) throws -> Statistics {
        let today = self.today
        let asOf = range.to ?? today
        return try read { db in
            var statistics = try Self.fetchStatistics(db, range, asOf: asOf)
            // A referral is judged as it stands at the range's end, or today when that is still to come.
            statistics.referrals = try Self.referralFigures(db, range: range, end: min(asOf, today),
                                                            calendar: try Self.fetchCalendar(db))
            return statistics
        }
    }

    /// The figures for `range`, read from the figures kept by day and month (figure_day, figure_month,
    /// worker_helped_gap: schema.sql v7, v20, v19); guarantees as they stand on `asOf`, from their standing kept by
    /// day (v19).
    static func fetchStatistics(_ db: Database, _ range: DateRange, asOf: LocalDate) throws -> Statistics {
        var kept = FigureDaySums()
        let parts = FigureRangeParts(range)
        var arguments = StatementArguments(parts.monthBounds)
        for span in parts.days { arguments += [span.from.iso, span.to.iso] }
        // One branch per span of days, each a seek on figure_day's key (figure, day, key).
        let days = parts.days.map { _ in """
            UNION ALL SELECT figure, key, count, amount_fen, letters FROM figure_day
            WHERE figure IN \(FigureRangeParts.dayFiguresSQL) AND day BETWEEN ? AND ?
            """ }.joined(separator: "\n")
        for row in try Row.fetchAll(db, cached: """
                SELECT figure, key, SUM(count) AS n, SUM(amount_fen) AS amount, SUM(letters) AS letters FROM (
                    SELECT figure, key, count, amount_fen, letters FROM figure_month WHERE month BETWEEN ? AND ?
                    \(days))
                GROUP BY figure, key
                """, arguments: arguments) {
            try kept.add(figure: try row.decode(forColumn: "figure"), key: try row.decode(forColumn: "key"),
                         count: try row.decode(forColumn: "n"), amount: try row.decode(forColumn: "amount"),
                         letters: try row.decode(forColumn: "letters"))
        }
        // Each worker once, on their first helped day in the range: the day whose previous helped day is before
        // the range, or who has none (`since` is then the day itself).
        let workers = try Int.fetchOne(db, cached: """
                SELECT COALESCE(SUM(workers), 0) FROM worker_helped_gap
                WHERE day BETWEEN ? AND ? AND (since < ? OR since = day)
                """, arguments: [range.lowerBound, range.upperBound, range.lowerBound]) ?? 0
        var statistics = kept.statistics(range: range, workers: workers)
        statistics.guarantees = try Self.keptGuaranteeStanding(db, on: asOf)
        statistics.guarantees.drawn = kept.drawn
        statistics.dataMatching = try Self.dataMatchingFigures(db, range: range)
        return statistics
    }

    /// The same figures counted from the records themselves, as before figures were kept by day: what
    /// `verifyFigures` and the tests hold the kept figures against.
    static func fetchStatisticsFromRecords(_ db: Database, _ range: DateRange, asOf: LocalDate) throws -> Statistics {
        let bounds: StatementArguments = [range.lowerBound, range.upperBound]
        var cluesBySource: [ClueSource: Int] = [:]
        for row in try Row.fetchAll(db, cached: "SELECT source, COUNT(*) AS n FROM clue WHERE received_on BETWEEN ? AND ? GROUP BY source",
            arguments: bounds) {
            cluesBySource[try row.vocabulary("source")] = (try row.decode(forColumn: "n"))
        }
        var cases = Statistics.Cases()
        for row in try Row.fetchAll(db, cached: "SELECT stage, COUNT(*) AS n FROM case_event WHERE on_date BETWEEN ? AND ? GROUP BY stage",
            arguments: bounds) {
            cases.add((try row.decode(forColumn: "n")), reaching: try row.vocabulary("stage"))
        }
        let claimed = try Int64.fetchOne(db, cached: "SELECT COALESCE(SUM(claimed_fen), 0) FROM wage_case WHERE opened_on BETWEEN ? AND ?",
            arguments: bounds) ?? 0
        let workers = try Int.fetchOne(db, cached: """
                SELECT COUNT(DISTINCT c.worker_id) FROM case_event e JOIN wage_case c ON c.id = e.case_id
                WHERE e.on_date BETWEEN ? AND ? AND e.stage IN ('support-decided', 'settled')
                """,
            arguments: bounds) ?? 0
        var byRoute: [RecoveryRoute: Fen] = [:]
        for row in try Row.fetchAll(db, cached: "SELECT route, SUM(amount_fen) AS total FROM recovery WHERE paid_on BETWEEN ? AND ? GROUP BY route HAVING total <> 0",
            arguments: bounds) {
            byRoute[try row.vocabulary("route")] = try row.fen("total")
        }
        var statistics = Statistics(range: range, cluesBySource: cluesBySource, cases: cases, workers: workers,
                                    claimed: Fen(claimed), recovered: byRoute.values.reduce(.zero, +),
                                    recoveredByRoute: byRoute)
        statistics.guarantees = try Self.guaranteeStandingFromRecords(db, asOf: asOf)
        statistics.guarantees.drawn = Fen(try Int64.fetchOne(
            db, cached: "SELECT COALESCE(SUM(amount_fen), 0) FROM guarantee_event WHERE kind = 'drawn' AND on_date BETWEEN ? AND ?",
            arguments: bounds) ?? 0)
        statistics.suggestions = try Self.suggestionFiguresFromRecords(db, range: range)
        statistics.dataMatching = try Self.dataMatchingFigures(db, range: range)
        return statistics
    }

    /// Big-data supervision in the range, from the runs and leads themselves: models applied (distinct ids run as
    /// of a day in the range), records examined (rows loaded by the range's end in the datasets those runs read),
    /// leads first found in the range, clues made from leads (by the clue's received date), cases opened from them.
    static func dataMatchingFigures(_ db: Database, range: DateRange) throws -> Statistics.DataMatching {
        let bounds: StatementArguments = [range.lowerBound, range.upperBound]
        var figures = Statistics.DataMatching()
        var models = Set<Substring>()
        var kinds = Set<String>()
        for row in try Row.fetchAll(db, cached: "SELECT models, datasets FROM model_run WHERE as_of BETWEEN ? AND ?",
                                    arguments: bounds) {
            let (names, read): (String, String) = (row[0], row[1])
            for label in names.split(separator: ",") { models.insert(label.split(separator: "@").first ?? label) }
            for kind in read.split(separator: ",") { kinds.insert(String(kind)) }
        }
        figures.modelsApplied = models.count
        if !kinds.isEmpty {
            let end = range.upperBound
            figures.recordsExamined = try Int.fetchOne(db, sql: """
                    SELECT COALESCE(SUM(rows), 0) FROM dataset
                    WHERE kind IN (\(kinds.map { _ in "?" }.joined(separator: ","))) AND substr(loaded_at, 1, 10) <= ?
                    """, arguments: StatementArguments(kinds.sorted() + [end])) ?? 0
        }
        figures.hits = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM model_hit WHERE found_on BETWEEN ? AND ?",
                                        arguments: bounds) ?? 0
        // From the leads to their clues, never the clues of the range to their leads: all time would read every
        // clue on record (30 ms for a million) to find the few made from leads.
        figures.clues = try Int.fetchOne(db, cached: """
                SELECT COUNT(*) FROM clue c
                WHERE c.id IN (SELECT clue_id FROM model_hit WHERE clue_id IS NOT NULL)
                  AND +c.received_on BETWEEN ? AND ?
                """, arguments: bounds) ?? 0
        figures.cases = try Int.fetchOne(db, cached: """
                SELECT COUNT(*) FROM wage_case w
                WHERE w.opened_on BETWEEN ? AND ? AND w.clue_id IN (SELECT clue_id FROM model_hit WHERE clue_id IS NOT NULL)
                """, arguments: bounds) ?? 0
        return figures
    }

    /// Guarantees as they stand on `asOf`, derived from every guarantee and its events (what the kept standing is
    /// held against).
    static func guaranteeStandingFromRecords(_ db: Database, asOf: LocalDate) throws -> Statistics.Guarantees {
        let guarantees = try Row.fetchAll(db, cached: "SELECT * FROM guarantee WHERE effective_on <= ? ORDER BY id",
                                          arguments: [asOf.iso]).map(Guarantee.init(row:))
        return .standing(guarantees, events: try events(db, where: "ge.on_date <= '\(asOf.iso)'"), asOf: asOf)
    }

    private static func suggestionFiguresFromRecords(_ db: Database, range: DateRange) throws -> Statistics.Suggestions {
        var figures = Statistics.Suggestions()
        let bounds: StatementArguments = [range.lowerBound, range.upperBound]
        figures.issued = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM suggestion WHERE issued_on BETWEEN ? AND ?",
                                          arguments: bounds) ?? 0
        if let row = try Row.fetchOne(
            db,
            cached: """
                SELECT COUNT(*) AS n, COALESCE(SUM(secured_fen), 0) AS secured, COALESCE(SUM(letters_renewed), 0) AS letters
                FROM suggestion WHERE replied_on BETWEEN ? AND ?
                """,
            arguments: bounds) {
            figures.replied = (try row.decode(forColumn: "n"))
            figures.secured = try row.fen("secured")
            figures.lettersRenewed = (try row.decode(forColumn: "letters"))
        }
        return figures
    }

    /// Audit entries at or after `since` (a date or timestamp), oldest first.
    public func auditEntries(since: String? = nil, table: String? = nil, limit: Int = 200,
                             afterID: Int64 = 0) throws -> [AuditEntry] {
        try read { db in
            try Row.fetchAll(db, cached: """
                    SELECT * FROM audit_log WHERE id > ? AND at >= ? AND (? IS NULL OR table_name = ?) ORDER BY id LIMIT ?
                    """,
                arguments: [afterID, since ?? "", table, table, limit]
            ).map(AuditEntry.init(row:))
        }
    }
}
