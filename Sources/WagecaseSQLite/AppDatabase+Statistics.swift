import GRDB
import WagecaseCore
import WagecaseStore

extension AppDatabase {
    /// The reported figures for a date range, computed with aggregate queries over indexed dates.
    public func statistics(_ range: DateRange) throws -> Statistics {
        let asOf = range.to ?? today
        return try read { db in try Self.fetchStatistics(db, range, asOf: asOf) }
    }

    /// The figures for `range`; guarantees as they stand on `asOf`, or `guaranteeStanding` when the caller already
    /// derived it (a digest does so from its snapshot, beside the queries).
    static func fetchStatistics(_ db: Database, _ range: DateRange, asOf: LocalDate,
                                guaranteeStanding: Statistics.Guarantees? = nil) throws -> Statistics {
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
        for row in try Row.fetchAll(db, cached: "SELECT route, SUM(amount_fen) AS total FROM recovery WHERE paid_on BETWEEN ? AND ? GROUP BY route",
            arguments: bounds) {
            byRoute[try row.vocabulary("route")] = try row.fen("total")
        }
        var statistics = Statistics(range: range, cluesBySource: cluesBySource, cases: cases, workers: workers,
                                    claimed: Fen(claimed), recovered: byRoute.values.reduce(.zero, +),
                                    recoveredByRoute: byRoute)
        statistics.guarantees = try Self.guaranteeFigures(db, range: range, asOf: asOf, standing: guaranteeStanding)
        statistics.suggestions = try Self.suggestionFigures(db, range: range)
        return statistics
    }

    /// Guarantee figures: as they stand on `asOf` (given, or derived here from the database), drawn in `range`.
    private static func guaranteeFigures(_ db: Database, range: DateRange, asOf: LocalDate,
                                         standing: Statistics.Guarantees?) throws -> Statistics.Guarantees {
        var figures: Statistics.Guarantees
        if let standing {
            figures = standing
        } else {
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
            figures = .standing(guarantees, events: events, asOf: asOf)
        }
        figures.drawn = Fen(try Int64.fetchOne(
            db, cached: "SELECT COALESCE(SUM(amount_fen), 0) FROM guarantee_event WHERE kind = 'drawn' AND on_date BETWEEN ? AND ?",
            arguments: [range.lowerBound, range.upperBound]) ?? 0)
        return figures
    }

    private static func suggestionFigures(_ db: Database, range: DateRange) throws -> Statistics.Suggestions {
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
