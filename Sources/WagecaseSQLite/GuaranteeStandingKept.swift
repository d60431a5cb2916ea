import GRDB
import WagecaseCore
import WagecaseStore

/// The guarantees' standing kept by day (schema.sql v19): each guarantee's spans (Core's GuaranteeTimeline) and
/// what they add and take away on each day. Triggers mark a guarantee stale with any write to it or its events;
/// `refreshGuaranteeStanding` derives the marked ones again inside the writing transaction, and a reader derives
/// afresh whatever is still marked, so the standing read is exact whoever wrote.
extension AppDatabase {
    /// Derives again the spans of every guarantee marked stale, in the caller's transaction.
    static func refreshGuaranteeStanding(_ db: Database) throws {
        guard try Bool.fetchOne(db, cached: "SELECT EXISTS (SELECT 1 FROM guarantee_standing_stale)") == true else { return }
        var changes = StandingDayChanges()
        for span in try keptSpans(db, staleOnly: true).values.joined() { changes.add(span, sign: -1) }
        try db.execute(sql: """
            DELETE FROM guarantee_standing_span WHERE guarantee_id IN (SELECT guarantee_id FROM guarantee_standing_stale)
            """)
        let (guarantees, events) = try staleGuarantees(db, effectiveBy: nil)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO guarantee_standing_span (guarantee_id, from_day, until_day, kind, status, held_fen)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for guarantee in guarantees {
            for span in GuaranteeTimeline.spans(guarantee, events: events[guarantee.id] ?? []) {
                try insert.execute(arguments: [guarantee.id, span.from.iso, span.until?.iso, span.kind.rawValue,
                                               span.status.rawValue, span.held.value])
                changes.add(span, sign: 1)
            }
        }
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO guarantee_standing_day (day, kind, status, count, held_fen) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET count = count + excluded.count, held_fen = held_fen + excluded.held_fen
            """)
        let dropZero = try db.cachedStatement(sql: """
            DELETE FROM guarantee_standing_day WHERE day = ? AND kind = ? AND status = ? AND count = 0 AND held_fen = 0
            """)
        for (key, change) in changes.byDay where change.count != 0 || change.held != 0 {
            try upsert.execute(arguments: [key.day, key.kind, key.status, change.count, change.held])
            try dropZero.execute(arguments: [key.day, key.kind, key.status])
        }
        try db.execute(sql: "DELETE FROM guarantee_standing_stale")
    }

    /// The standing on `day`: the kept sums up to it, with the guarantees still marked stale derived afresh.
    static func keptGuaranteeStanding(_ db: Database, on day: LocalDate) throws -> Statistics.Guarantees {
        var figures = Statistics.Guarantees()
        for row in try Row.fetchAll(db, cached: """
                SELECT kind, status, SUM(count) AS count, SUM(held_fen) AS held FROM guarantee_standing_day WHERE day <= ?
                GROUP BY kind, status
                """, arguments: [day.iso]) {
            figures.add(kind: try row.vocabulary("kind"), status: try row.vocabulary("status"),
                        count: try row.decode(forColumn: "count"), held: try row.fen("held"))
        }
        guard try Bool.fetchOne(db, cached: "SELECT EXISTS (SELECT 1 FROM guarantee_standing_stale)") == true else {
            return figures
        }
        for span in try keptSpans(db, staleOnly: true).values.joined() where span.covers(day) {
            figures.add(kind: span.kind, status: span.status, count: 1, held: span.held, sign: -1)
        }
        let (guarantees, events) = try staleGuarantees(db, effectiveBy: day)
        figures.add(.standing(guarantees, events: events, asOf: day))
        return figures
    }

    /// The kept spans by guarantee: every guarantee's, or only those marked stale.
    static func keptSpans(_ db: Database, staleOnly: Bool) throws -> [Int64: [GuaranteeSpan]] {
        var spans: [Int64: [GuaranteeSpan]] = [:]
        let filter = staleOnly ? "WHERE guarantee_id IN (SELECT guarantee_id FROM guarantee_standing_stale)" : ""
        for row in try Row.fetchAll(db, sql: "SELECT * FROM guarantee_standing_span \(filter) ORDER BY guarantee_id, from_day") {
            spans[try row.decode(forColumn: "guarantee_id"), default: []].append(
                GuaranteeSpan(from: try row.date("from_day"), until: try row.optionalDate("until_day"),
                              kind: try row.vocabulary("kind"), status: try row.vocabulary("status"),
                              held: try row.fen("held_fen")))
        }
        return spans
    }

    /// The guarantees marked stale that still exist (in force by `effectiveBy` when given), with their events.
    private static func staleGuarantees(_ db: Database, effectiveBy day: LocalDate?)
        throws -> ([Guarantee], [Int64: [GuaranteeEvent]]) {
        let stale = "IN (SELECT guarantee_id FROM guarantee_standing_stale)"
        let guarantees = try Row.fetchAll(db, sql: "SELECT * FROM guarantee WHERE id \(stale) AND effective_on <= ? ORDER BY id",
                                          arguments: [day?.iso ?? "9999-12-31"]).map(Guarantee.init(row:))
        return (guarantees, try events(db, where: "ge.guarantee_id \(stale)"))
    }

    /// Guarantee events matching `condition` (on `ge`), by guarantee, in date order.
    static func events(_ db: Database, where condition: String) throws -> [Int64: [GuaranteeEvent]] {
        var events: [Int64: [GuaranteeEvent]] = [:]
        for row in try Row.fetchAll(db, sql: "\(GuaranteeEvent.selection) WHERE \(condition) ORDER BY ge.guarantee_id, ge.on_date, ge.id") {
            let event = try GuaranteeEvent(row: row)
            events[event.guaranteeID, default: []].append(event)
        }
        return events
    }

    /// Every guarantee's spans derived from the records, against the kept ones (guarantees still marked stale are
    /// derived when read, so only the others are compared), and the kept sums by day against the kept spans.
    static func verifyGuaranteeStanding(_ db: Database) throws -> (rows: Int, differences: [FigureVerification.Difference]) {
        let stale = Set(try Int64.fetchAll(db, sql: "SELECT guarantee_id FROM guarantee_standing_stale"))
        let kept = try keptSpans(db, staleOnly: false)
        let guarantees = try Row.fetchAll(db, sql: "SELECT * FROM guarantee ORDER BY id").map(Guarantee.init(row:))
        let derived = KeptDerivations.standingSpans(guarantees, events: try events(db, where: "1"))
        var differences = KeptDerivations.standingDifferences(kept: kept, derived: derived, stale: stale)
        let sums = """
            SELECT day, kind, status, SUM(count) AS count, SUM(held_fen) AS held_fen FROM (
                SELECT from_day AS day, kind, status, 1 AS count, held_fen FROM guarantee_standing_span
                UNION ALL
                SELECT until_day, kind, status, -1, -held_fen FROM guarantee_standing_span WHERE until_day IS NOT NULL)
            GROUP BY day, kind, status HAVING SUM(count) <> 0 OR SUM(held_fen) <> 0
            """
        let stored = "SELECT day, kind, status, count, held_fen FROM guarantee_standing_day WHERE count <> 0 OR held_fen <> 0"
        for (side, query) in [("kept", "\(stored) EXCEPT \(sums)"), ("records", "\(sums) EXCEPT \(stored)")] {
            for row in try Row.fetchAll(db, sql: "\(query) LIMIT 20") {
                differences.append(.init(table: "guarantee_standing_day", side: side, row: row.description))
            }
        }
        let rows = try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM guarantee_standing_span) + (SELECT COUNT(*) FROM guarantee_standing_day)") ?? 0
        return (rows, differences)
    }

    /// Every guarantee marked stale and derived again (the rebuild and the v19 migration).
    static func rebuildGuaranteeStanding(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM guarantee_standing_span")
        try db.execute(sql: "DELETE FROM guarantee_standing_day")
        try db.execute(sql: "INSERT OR IGNORE INTO guarantee_standing_stale SELECT id FROM guarantee")
        try refreshGuaranteeStanding(db)
    }
}
