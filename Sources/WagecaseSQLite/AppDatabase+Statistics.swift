import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// The reported figures for a date range, computed with aggregate queries over indexed dates.
    public func statistics(_ range: DateRange) throws -> Statistics {
        let today = self.today
        let asOf = range.to ?? today
        return try read { db in
            // The guarantees' standing on a day is kept with the monitor's findings (see MonitorFindings).
            let version = try Int64.fetchOne(db, cached: "SELECT version FROM monitor_input") ?? 0
            let standing = try Self.guaranteeStanding(db, asOf: asOf,
                                                      standing: monitorFindings.standing(version: version, on: asOf))
            monitorFindings.keep(standing, version: version, on: asOf)
            var statistics = try Self.fetchStatistics(db, range, asOf: asOf, guaranteeStanding: standing)
            // A referral is judged as it stands at the range's end, or today when that is still to come.
            statistics.referrals = try Self.referralFigures(db, range: range, end: min(asOf, today),
                                                            calendar: try Self.fetchCalendar(db))
            return statistics
        }
    }

    /// The figures for `range`, read from the figures kept by day (figure_day, worker_helped_day; see schema.sql
    /// v7); guarantees as they stand on `asOf`, or `guaranteeStanding` when the caller already derived it (a
    /// digest does so from its snapshot, beside the queries).
    static func fetchStatistics(_ db: Database, _ range: DateRange, asOf: LocalDate,
                                guaranteeStanding: Statistics.Guarantees? = nil) throws -> Statistics {
        let bounds: StatementArguments = [range.lowerBound, range.upperBound]
        var kept = FigureDaySums()
        for row in try Row.fetchAll(db, cached: """
                SELECT figure, key, SUM(count) AS n, SUM(amount_fen) AS amount, SUM(letters) AS letters FROM figure_day
                WHERE figure IN ('clue', 'stage', 'opened', 'recovered', 'drawn', 'suggestion-issued', 'suggestion-replied')
                  AND day BETWEEN ? AND ?
                GROUP BY figure, key
                """, arguments: bounds) {
            try kept.add(figure: try row.decode(forColumn: "figure"), key: try row.decode(forColumn: "key"),
                         count: try row.decode(forColumn: "n"), amount: try row.decode(forColumn: "amount"),
                         letters: try row.decode(forColumn: "letters"))
        }
        let workers = try Int.fetchOne(db, cached: "SELECT COUNT(DISTINCT worker_id) FROM worker_helped_day WHERE day BETWEEN ? AND ?",
                                       arguments: bounds) ?? 0
        var statistics = kept.statistics(range: range, workers: workers)
        statistics.guarantees = try Self.guaranteeStanding(db, asOf: asOf, standing: guaranteeStanding)
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
        statistics.guarantees = try Self.guaranteeStanding(db, asOf: asOf, standing: nil)
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
        figures.clues = try Int.fetchOne(db, cached: """
                SELECT COUNT(DISTINCT c.id) FROM model_hit h JOIN clue c ON c.id = h.clue_id
                WHERE c.received_on BETWEEN ? AND ?
                """, arguments: bounds) ?? 0
        figures.cases = try Int.fetchOne(db, cached: """
                SELECT COUNT(*) FROM wage_case w
                WHERE w.opened_on BETWEEN ? AND ? AND w.clue_id IN (SELECT clue_id FROM model_hit WHERE clue_id IS NOT NULL)
                """, arguments: bounds) ?? 0
        return figures
    }

    /// Guarantees as they stand on `asOf`: given, or derived here from the database.
    static func guaranteeStanding(_ db: Database, asOf: LocalDate,
                                          standing: Statistics.Guarantees?) throws -> Statistics.Guarantees {
        if let standing { return standing }
        let guarantees = try Row.fetchAll(db, cached: "SELECT * FROM guarantee WHERE effective_on <= ? ORDER BY id",
                                          arguments: [asOf.iso]).map(Guarantee.init(row:))
        var events: [Int64: [GuaranteeEvent]] = [:]
        if !guarantees.isEmpty {
            for row in try Row.fetchAll(db, cached: "\(GuaranteeEvent.selection) WHERE ge.on_date <= ? ORDER BY ge.guarantee_id",
                                        arguments: [asOf.iso]) {
                let event = try GuaranteeEvent(row: row)
                events[event.guaranteeID, default: []].append(event)
            }
        }
        return .standing(guarantees, events: events, asOf: asOf)
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
